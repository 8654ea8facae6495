//! Re-read: the articles holding candidate paragraphs -> those paragraphs'
//! normalized words, kept once per distinct word sequence ([`reread`]);
//! excerpts of chosen paragraphs ([`excerpts`]); and the whole texts of
//! chosen articles, in memory ([`texts`]) or in a temporary file read back
//! one text at a time ([`store_texts`]).
//!
//! Text is not kept after the first read (see `sketch`); this stage reads
//! again only the sources and records that hold what is wanted, checks each
//! article against the hash of its first read, and rebuilds the words with
//! the same sketcher (and the same per-source paragraph separator), so the
//! shingle sets verified are exactly those that were sketched.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::error::Warning;
use crate::faults::Stage;
use crate::input::{self, Article, Item, ReadOptions, Source};
use crate::pipeline::batches::{self, BATCH};
use crate::pipeline::guard;
use crate::segment::Span;
use crate::sketch::{self, ArticleSketch, Sketcher};
use crate::verify::ParaRef;

/// Longest excerpt kept per paragraph, in bytes.
const EXCERPT_BYTES: usize = 400;

/// How the corpus was read the first time.
pub struct Corpus<'a> {
    /// The sources, in order.
    pub sources: &'a [Source],
    /// Field names and the like.
    pub options: &'a ReadOptions,
    /// The sketcher of the first read.
    pub sketcher: &'a Sketcher,
    /// The paragraph separator found obvious for each source.
    pub separators: &'a [Option<&'static str>],
}

/// Normalized word hashes of paragraphs (in text order), kept once per
/// distinct word sequence and found by its
/// [`ParagraphSketch::digest`](crate::sketch::ParagraphSketch::digest):
/// boilerplate carried by thousands of articles costs one copy. Each word
/// is a 4-byte number in a vocabulary of the distinct word hashes, so
/// memory is 4 bytes per word of each distinct sequence, about 40 per
/// sequence and 24 per distinct word.
#[derive(Debug, Default)]
pub struct Words {
    /// Entry of each digest.
    index: HashMap<u64, u32>,
    /// Digest of each entry, in insertion order.
    digests: Vec<u64>,
    /// Entry `i` is `ids[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    /// Words as positions in `vocabulary`.
    ids: Vec<u32>,
    /// The distinct word hashes.
    vocabulary: Vec<u64>,
    /// Position of each word hash in `vocabulary`.
    word_ids: HashMap<u64, u32>,
}

/// One word sequence held in [`Words`].
#[derive(Clone, Copy, Debug)]
pub struct Sequence<'a> {
    ids: &'a [u32],
    vocabulary: &'a [u64],
}

impl<'a> Sequence<'a> {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it has no word.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The hash of word `i` (`i < len()`).
    pub fn hash(&self, i: usize) -> u64 {
        self.vocabulary[self.ids[i] as usize]
    }

    /// The word hashes, in text order.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len()).map(|i| self.hash(i)).collect()
    }
}

impl Words {
    /// The words of the sequence with `digest`, if they were read.
    pub fn get(&self, digest: u64) -> Option<Sequence<'_>> {
        self.entry(*self.index.get(&digest)? as usize)
    }

    /// Number of distinct sequences held.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether no sequence is held.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Whether the sequence with `digest` is held.
    fn contains(&self, digest: u64) -> bool {
        self.index.contains_key(&digest)
    }

    /// Adds `words` under `digest` unless that digest is held already (or
    /// the vocabulary could overflow its 2³² ids, beyond any corpus one
    /// machine reads; such a sequence is left out and its pairs unverified).
    fn insert(&mut self, digest: u64, words: impl ExactSizeIterator<Item = u64>) {
        if self.contains(digest) || self.vocabulary.len() + words.len() >= u32::MAX as usize {
            return;
        }
        self.ids.reserve(words.len());
        for hash in words {
            let next = self.vocabulary.len() as u32;
            let id = *self.word_ids.entry(hash).or_insert(next);
            if id == next {
                self.vocabulary.push(hash);
            }
            self.ids.push(id);
        }
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        // Entries are at most the run's paragraphs, which are fewer than 2³².
        self.index.insert(digest, self.digests.len() as u32);
        self.digests.push(digest);
        self.starts.push(self.ids.len());
    }

    /// Adds the sequences of `other` that are not held yet.
    fn absorb(&mut self, other: Words) {
        if self.is_empty() {
            *self = other;
            return;
        }
        for (i, &digest) in other.digests.iter().enumerate() {
            if let Some(seq) = other.entry(i) {
                self.insert(digest, (0..seq.len()).map(|k| seq.hash(k)));
            }
        }
    }

    /// Entry `i`, in insertion order.
    fn entry(&self, i: usize) -> Option<Sequence<'_>> {
        let range = *self.starts.get(i)?..*self.starts.get(i + 1)?;
        Some(Sequence { ids: self.ids.get(range)?, vocabulary: &self.vocabulary })
    }

    /// Gives back spare capacity once the store is complete.
    fn shrink(&mut self) {
        self.index.shrink_to_fit();
        self.digests.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.vocabulary.shrink_to_fit();
        self.word_ids = HashMap::new();
    }

    /// Moves the words (4-byte ids, most of the store: 0.65 GB at a
    /// million articles) to a temporary file, for a stage that does not
    /// read them: the passage stage, whose own working set would otherwise
    /// come on top of them. [`Words::take_back`] restores them; until then
    /// the store holds no sequence's words.
    pub fn set_aside(&mut self) -> std::io::Result<Aside> {
        use std::io::Write;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?);
        for id in &self.ids {
            out.write_all(&id.to_le_bytes())?;
        }
        let file = out.into_inner().map_err(|e| e.into_error())?;
        let len = self.ids.len();
        self.ids = Vec::new();
        Ok(Aside { file, len })
    }

    /// Reads back the words [`Words::set_aside`] moved out.
    pub fn take_back(&mut self, aside: Aside) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let Aside { mut file, len } = aside;
        file.seek(std::io::SeekFrom::Start(0))?;
        let mut ids = Vec::with_capacity(len);
        let mut bytes = vec![0u8; 4 << 16];
        while ids.len() < len {
            let n = (len - ids.len()).min(1 << 16);
            file.read_exact(&mut bytes[..4 * n])?;
            ids.extend(bytes[..4 * n].chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
        }
        self.ids = ids;
        Ok(())
    }
}

/// The words of a [`Words`] store, in a temporary file.
#[derive(Debug)]
pub struct Aside {
    file: std::fs::File,
    len: usize,
}

/// What the second read gives.
pub struct Reread {
    /// The words of the needed paragraphs, once per distinct sequence.
    pub words: Words,
    /// Articles holding needed paragraphs that could not be read again
    /// unchanged (sorted): their pairs are left out, even where another
    /// article holds the same words.
    pub unread: Vec<u32>,
    /// Why those articles could not be read again.
    pub warnings: Vec<Warning>,
}

/// Paragraphs wanted from one article.
struct Wanted {
    article: u32,
    paragraphs: Vec<u32>,
}

/// Reads again the articles holding `needed` paragraphs (sorted indices) and
/// returns those paragraphs' words, once per distinct sequence, and the
/// articles that had changed since the first read.
pub fn reread(corpus: &Corpus, articles: &[ArticleSketch], paras: &[ParaRef], needed: &[u32]) -> Reread {
    let work = wanted_by_source(articles, paras, needed);
    let results: Vec<(Words, Vec<u32>, Vec<Warning>)> = work
        .par_iter()
        .map(|(source, wanted)| {
            let (mut words, mut read, mut panics) = (Words::default(), Vec::new(), Vec::new());
            let sketcher = corpus.sketcher.for_source(corpus.separators[*source as usize]);
            let display = &corpus.sources[*source as usize].display;
            // A batch of articles: the words of the paragraphs not yet held
            // are made in parallel, then kept in article order.
            let mut take = |batch: Vec<(u32, Article)>| {
                let made: Vec<(u32, u64, Result<Made, String>)> = batch
                    .par_iter()
                    .map(|(a, article)| {
                        let made = guard::catch(|| {
                            corpus.options.faults.check(Stage::Reread, &article.text);
                            let (sketch, i) = (&articles[*a as usize], wanted_index(wanted, *a));
                            let want = i.map_or(&[][..], |i| &wanted[i].paragraphs[..]);
                            let paragraphs = want
                                .iter()
                                .filter_map(|&p| sketch.paragraphs.get(paras[p as usize].index as usize));
                            paragraphs
                                .filter(|para| !words.contains(para.digest))
                                .map(|para| (para.digest, sketcher.words(&article.text, para.span)))
                                .collect()
                        });
                        (*a, article.key.line, made)
                    })
                    .collect();
                for (a, line, made) in made {
                    match made {
                        Ok(list) => {
                            for (digest, hashes) in list {
                                if !words.contains(digest) {
                                    words.insert(digest, hashes.into_iter());
                                }
                            }
                            // Only once all its paragraphs are in.
                            read.push(a);
                        }
                        Err(panic) => {
                            let message =
                                guard::bug("reading this article again", "its matches are left out", &panic);
                            panics.push(Warning::at(display, line, message));
                        }
                    }
                }
            };
            let indices: Vec<u32> = wanted.iter().map(|w| w.article).collect();
            let mut warnings = unchanged_batches(corpus, *source, &indices, articles, "matches", &mut take);
            warnings.append(&mut panics);
            read.sort_unstable();
            let mut unread: Vec<u32> = wanted.iter().map(|w| w.article).collect();
            unread.retain(|a| read.binary_search(a).is_err());
            (words, unread, warnings)
        })
        .collect();
    let mut out = Reread { words: Words::default(), unread: Vec::new(), warnings: Vec::new() };
    for (words, unread, warnings) in results {
        out.words.absorb(words);
        out.unread.extend(unread);
        out.warnings.extend(warnings);
    }
    out.words.shrink();
    out.unread.sort_unstable();
    out
}

/// Word sequences made from one article: (digest, word hashes) per
/// paragraph whose digest was not yet held.
type Made = Vec<(u64, Vec<u64>)>;

/// Where article `a` is in `wanted` (sorted by article).
fn wanted_index(wanted: &[Wanted], a: u32) -> Option<usize> {
    wanted.binary_search_by_key(&a, |w| w.article).ok()
}

/// [`each_unchanged`] in batches of [`BATCH`] articles (the last one
/// possibly shorter), passed to `each` in record order, read ahead on a
/// thread of its own as the first read is ([`batches::read_ahead`]).
fn unchanged_batches(
    corpus: &Corpus,
    source: u32,
    wanted: &[u32],
    articles: &[ArticleSketch],
    left_out: &str,
    each: &mut dyn FnMut(Vec<(u32, Article)>),
) -> Vec<Warning> {
    let read = |each: &mut dyn FnMut(Vec<(u32, Article)>)| {
        let mut batch = Vec::new();
        let warnings = each_unchanged(corpus, source, wanted, articles, left_out, &mut |a, article| {
            batch.push((a, article));
            if batch.len() >= BATCH {
                each(std::mem::take(&mut batch));
            }
        });
        if !batch.is_empty() {
            each(batch);
        }
        warnings
    };
    let from = &corpus.sources[source as usize];
    batches::read_ahead(batches::reads_ahead(from), read, each).unwrap_or_else(|| {
        let message = guard::bug(
            "reading this file again",
            "the rest of its matches are left out",
            "the reading thread panicked",
        );
        vec![Warning::file(&from.display, message)]
    })
}

/// Reads again the articles holding `needed` paragraphs (sorted indices) and
/// returns their excerpts (sorted by paragraph index; none for an article
/// that changed since the first read) and warnings about such articles.
pub fn excerpts(corpus: &Corpus, articles: &[ArticleSketch], paras: &[ParaRef], needed: &[u32]) -> Excerpts {
    let work = wanted_by_source(articles, paras, needed);
    let results: Vec<Excerpts> = work
        .par_iter()
        .map(|(source, wanted)| {
            let mut found = Vec::new();
            let warnings = read_wanted(corpus, *source, wanted, articles, &mut |a, _, text, want| {
                let sketch = &articles[a as usize];
                for &p in want {
                    if let Some(para) = sketch.paragraphs.get(paras[p as usize].index as usize) {
                        found.push((p, excerpt(text, para.span)));
                    }
                }
            });
            (found, warnings)
        })
        .collect();
    let (mut excerpts, mut warnings) = (Vec::new(), Vec::new());
    for (found, w) in results {
        excerpts.extend(found);
        warnings.extend(w);
    }
    excerpts.sort_by_key(|e| e.0);
    (excerpts, warnings)
}

/// `wanted` articles grouped by source (in source order).
fn articles_by_source(articles: &[ArticleSketch], wanted: &[u32]) -> Vec<(u32, Vec<u32>)> {
    let mut by_source: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for &a in wanted {
        by_source.entry(articles[a as usize].key.source).or_default().push(a);
    }
    by_source.into_iter().collect()
}

/// Needed paragraphs grouped by article (in article order), articles
/// grouped by source (in source order).
fn wanted_by_source(
    articles: &[ArticleSketch],
    paras: &[ParaRef],
    needed: &[u32],
) -> Vec<(u32, Vec<Wanted>)> {
    let mut by_source: std::collections::BTreeMap<u32, Vec<Wanted>> = Default::default();
    for &p in needed {
        let article = paras[p as usize].article;
        let list = by_source.entry(articles[article as usize].key.source).or_default();
        match list.last_mut() {
            Some(w) if w.article == article => w.paragraphs.push(p),
            _ => list.push(Wanted { article, paragraphs: vec![p] }),
        }
    }
    by_source.into_iter().collect()
}

/// Reads `source` again and calls `found` for each article of `wanted`
/// (article indices in record order) whose text is unchanged since the
/// first read; a changed one is a warning saying "changed while being
/// scanned; its `left_out` are left out".
fn each_unchanged(
    corpus: &Corpus,
    source: u32,
    wanted: &[u32],
    articles: &[ArticleSketch],
    left_out: &str,
    found: &mut dyn FnMut(u32, Article),
) -> Vec<Warning> {
    let display = &corpus.sources[source as usize].display;
    let (mut warnings, mut next) = (Vec::new(), 0usize);
    let mut seen = vec![false; wanted.len()];
    // The last problem met reading the file again: what stopped the read,
    // when something did (the first read's warnings come again, and are
    // already reported).
    let mut trouble: Option<String> = None;
    input::read_source(source, &corpus.sources[source as usize], corpus.options, &mut |item| {
        let article = match item {
            Item::Article(article) => article,
            Item::Warning(w) => {
                trouble = Some(match w.line {
                    Some(line) => format!("line {line}: {}", w.message),
                    None => w.message,
                });
                return;
            }
        };
        while next < wanted.len() && articles[wanted[next] as usize].key.line < article.key.line {
            next += 1;
        }
        let Some(&a) = wanted.get(next).filter(|&&a| articles[a as usize].key == article.key) else {
            return;
        };
        seen[next] = true;
        if sketch::text_hash(&article.text) == articles[a as usize].text_hash {
            found(a, article);
        } else {
            let message = format!("changed while being scanned; its {left_out} are left out");
            warnings.push(Warning::at(display, article.key.line, message));
        }
    });
    for (&a, _) in wanted.iter().zip(&seen).filter(|(_, seen)| !**seen) {
        let why = trouble.as_deref().unwrap_or("the record is no longer there");
        let message =
            format!("could not be read again while being scanned ({why}); its {left_out} are left out");
        warnings.push(Warning::at(display, articles[a as usize].key.line, message));
    }
    warnings
}

/// What [`read_wanted`] does with an article: its index, the source's
/// sketcher, its text and its wanted paragraphs.
type UseArticle<'a> = &'a mut dyn FnMut(u32, &Sketcher, &str, &[u32]);

/// Excerpts by paragraph index, and warnings about articles left out.
type Excerpts = (Vec<(u32, String)>, Vec<Warning>);

/// Reads `source` again and hands each wanted article whose text is
/// unchanged (in record order) to `use_article`: its index, the source's
/// sketcher, its text and its wanted paragraphs. A panic there leaves that
/// article out with a warning.
fn read_wanted(
    corpus: &Corpus,
    source: u32,
    wanted: &[Wanted],
    articles: &[ArticleSketch],
    use_article: UseArticle,
) -> Vec<Warning> {
    let sketcher = corpus.sketcher.for_source(corpus.separators[source as usize]);
    let indices: Vec<u32> = wanted.iter().map(|w| w.article).collect();
    let mut panics = Vec::new();
    let mut warnings = each_unchanged(corpus, source, &indices, articles, "matches", &mut |a, article| {
        let Some(i) = wanted_index(wanted, a) else { return };
        let used = guard::catch(|| {
            corpus.options.faults.check(Stage::Reread, &article.text);
            use_article(a, &sketcher, &article.text, &wanted[i].paragraphs)
        });
        if let Err(panic) = used {
            let message = guard::bug("reading this article again", "its matches are left out", &panic);
            panics.push(Warning::at(&corpus.sources[source as usize].display, article.key.line, message));
        }
    });
    warnings.append(&mut panics);
    warnings
}

/// The start of a paragraph, white space collapsed, cut at a word boundary
/// (inside a word only when the first word alone is too long).
fn excerpt(text: &str, span: Span) -> String {
    let mut out = String::new();
    for word in text[span.start..span.end].split_whitespace() {
        let room = EXCERPT_BYTES.saturating_sub(out.len() + 1);
        if word.len() > room {
            if out.is_empty() {
                let mut cut = room;
                while !word.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.push_str(&word[..cut]);
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Article texts by article index, and warnings about articles left out.
type Texts = (Vec<(u32, String)>, Vec<Warning>);

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
    let (mut texts, mut warnings) = (Vec::new(), Vec::new());
    for (t, w) in results {
        texts.extend(t);
        warnings.extend(w);
    }
    texts.sort_by_key(|t| t.0);
    (texts, warnings)
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

    fn held(w: &Words, digest: u64) -> Option<Vec<u64>> {
        w.get(digest).map(|s| s.to_vec())
    }

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

    #[test]
    fn words_are_kept_once_per_digest_and_found_by_it() {
        let mut a = Words::default();
        assert!(a.is_empty() && a.get(1).is_none());
        a.insert(1, [10, 11, 10].into_iter());
        a.insert(2, [].into_iter());
        a.insert(1, [99].into_iter());
        assert_eq!((a.len(), held(&a, 1), held(&a, 2)), (2, Some(vec![10, 11, 10]), Some(vec![])));
        assert_eq!(a.vocabulary.len(), 2, "a word is one number however often it occurs");
        let mut b = Words::default();
        b.insert(3, [30, 11].into_iter());
        b.insert(2, [77].into_iter());
        a.absorb(b);
        assert_eq!(a.len(), 3);
        assert_eq!((held(&a, 2), held(&a, 3)), (Some(vec![]), Some(vec![30, 11])), "the first copy stays");
        a.shrink();
        let mut empty = Words::default();
        empty.absorb(a);
        assert_eq!(held(&empty, 1), Some(vec![10, 11, 10]));
    }

    #[test]
    fn words_set_aside_come_back_the_same() {
        let mut w = Words::default();
        // More words than one chunk of the file, so chunks join up.
        let long: Vec<u64> = (0..200_000u64).map(|i| (i * 7919) % 100_003).collect();
        w.insert(1, long.clone().into_iter());
        w.insert(2, [5, 6].into_iter());
        w.insert(3, [].into_iter());
        let before: Vec<_> = (1..=3).map(|d| held(&w, d)).collect();
        let aside = w.set_aside().expect("set aside");
        assert!(w.ids.is_empty() && held(&w, 1).is_none(), "the words are out of memory, and not found");
        w.take_back(aside).expect("take back");
        assert_eq!((1..=3).map(|d| held(&w, d)).collect::<Vec<_>>(), before);
        assert_eq!(held(&w, 1), Some(long));
    }
}
