//! Whole texts of chosen articles, read again and checked against their
//! first read: in memory ([`texts`]) or in a temporary file read back one
//! text at a time ([`store_texts`]).

use rayon::prelude::*;

use super::{Corpus, articles_by_source, by_index, each_unchanged};
use crate::error::Warning;
use crate::sketch::ArticleSketch;

/// Article texts by article index, and warnings about articles left out.
type Texts = super::Found<String>;

/// The texts of `wanted` articles (sorted indices), read again and checked
/// against their first read; a changed article is left out with a warning.
pub fn texts(corpus: &Corpus, articles: &[ArticleSketch], wanted: &[u32]) -> Texts {
    let work = articles_by_source(articles, wanted);
    let results: Vec<Texts> = work
        .par_iter()
        .map(|(source, list)| {
            let mut found = Vec::new();
            let warnings = each_unchanged(corpus, *source, list, articles, "passages", &mut |a, article| {
                found.push((a, article.text))
            });
            (found, warnings)
        })
        .collect();
    by_index(results)
}

/// Whole texts of chosen articles in an unnamed temporary file, read back
/// one at a time: a cache on disk for a stage that visits articles in an
/// order of its own and holds only some of their texts at once.
#[derive(Debug)]
pub struct TextStore {
    file: std::fs::File,
    /// `(article, byte offset, byte length)`, sorted by article.
    index: Vec<(u32, u64, u64)>,
}

impl TextStore {
    /// The text of article `a`, if it was stored; an error if the file
    /// cannot be read back.
    pub fn get(&self, a: u32) -> std::io::Result<Option<String>> {
        let Ok(i) = self.index.binary_search_by_key(&a, |e| e.0) else { return Ok(None) };
        let (_, offset, len) = self.index[i];
        let mut bytes = vec![0; len as usize];
        crate::spill::read_at(&self.file, &mut bytes, offset)?;
        String::from_utf8(bytes).map(Some).map_err(std::io::Error::other)
    }

    /// Number of texts stored.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no text is stored.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// One source's stored texts (`(article, offset, length)`), its warnings,
/// and the first failure to write.
type Stored = (Vec<(u32, u64, u64)>, Vec<Warning>, Option<std::io::Error>);

/// Reads again the texts of `wanted` articles (sorted indices), checks each
/// against its first read like [`texts`], and stores them in a
/// [`TextStore`]; also returns warnings about articles left out.
pub fn store_texts(
    corpus: &Corpus,
    articles: &[ArticleSketch],
    wanted: &[u32],
) -> std::io::Result<(TextStore, Vec<Warning>)> {
    use std::io::Write;
    let work = articles_by_source(articles, wanted);
    let file = std::sync::Mutex::new((std::io::BufWriter::new(tempfile::tempfile()?), 0u64));
    let results: Vec<Stored> = work
        .par_iter()
        .map(|(source, list)| {
            let (mut index, mut failed) = (Vec::new(), None);
            let warnings = each_unchanged(corpus, *source, list, articles, "passages", &mut |a, article| {
                let Ok(mut file) = file.lock() else { return };
                let offset = file.1;
                match file.0.write_all(article.text.as_bytes()) {
                    Ok(()) => {
                        file.1 += article.text.len() as u64;
                        index.push((a, offset, article.text.len() as u64));
                    }
                    Err(e) => drop(failed.get_or_insert(e)),
                }
            });
            (index, warnings, failed)
        })
        .collect();
    let (mut index, mut warnings) = (Vec::new(), Vec::new());
    for (i, w, failed) in results {
        if let Some(e) = failed {
            return Err(e);
        }
        index.extend(i);
        warnings.extend(w);
    }
    index.sort_unstable();
    let (writer, _) =
        file.into_inner().map_err(|_| std::io::Error::other("a thread storing texts panicked"))?;
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    Ok((TextStore { file, index }, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_texts_come_back_by_article() {
        use std::io::Write;
        let mut file = tempfile::tempfile().expect("temp file");
        file.write_all("héllo, world".as_bytes()).expect("write");
        let store = TextStore { file, index: vec![(3, 0, 6), (7, 6, 7)] };
        assert_eq!(store.get(3).expect("read"), Some("héllo".to_string()));
        assert_eq!(store.get(7).expect("read"), Some(", world".to_string()));
        assert_eq!(store.get(5).expect("read"), None);
        assert_eq!((store.len(), store.is_empty()), (2, false));
        let cut = TextStore { file: store.file, index: vec![(1, 0, 2)] };
        assert!(cut.get(1).is_err(), "a cut inside a character is an error, not text");
    }
}
