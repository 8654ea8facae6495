//! Texts of chosen articles after a scan: a [`Scan`] and the [`Config`] it
//! ran with -> the whole texts of a few articles, read again.
//!
//! A scan keeps no text (see `sketch`); reports that show text (the HTML
//! report's side-by-side views) ask for the articles they show, and only
//! those are read again, each checked against the hash of its first read.

use crate::config::Config;
use crate::error::Warning;
use crate::input::ReadOptions;
use crate::reread::{self, Corpus};
use crate::segment::Span;
use crate::sketch::{ParagraphSketch, Sketcher};

use super::Scan;

/// Whole texts of some articles, by article index.
#[derive(Debug, Default)]
pub struct ArticleTexts {
    /// `(article index, text)`, sorted by index.
    pub texts: Vec<(u32, String)>,
    /// `(article index, byte spans)`, sorted by index: for each text read,
    /// the text between two of its paragraphs that holds no line break (a
    /// separator such as `" ### "` in one-line texts), so that a reader can
    /// show a paragraph break there instead.
    pub inline_breaks: Vec<(u32, Vec<Span>)>,
    /// Articles that could not be read again unchanged.
    pub warnings: Vec<Warning>,
}

impl ArticleTexts {
    /// The text of article `a`, if it was read.
    pub fn get(&self, a: u32) -> Option<&str> {
        let i = self.texts.binary_search_by_key(&a, |t| t.0).ok()?;
        Some(&self.texts[i].1)
    }

    /// The inline paragraph breaks of article `a` (none if it was not read).
    pub fn inline_breaks(&self, a: u32) -> &[Span] {
        match self.inline_breaks.binary_search_by_key(&a, |t| t.0) {
            Ok(i) => &self.inline_breaks[i].1,
            Err(_) => &[],
        }
    }
}

/// The spans between consecutive `paragraphs` of `text` that are not empty
/// and hold no line break.
pub fn inline_breaks(text: &str, paragraphs: &[ParagraphSketch]) -> Vec<Span> {
    paragraphs
        .windows(2)
        .map(|w| Span { start: w[0].span.end, end: w[1].span.start })
        .filter(|gap| gap.start < gap.end && text.get(gap.start..gap.end).is_some_and(|g| !g.contains('\n')))
        .collect()
}

/// Reads again the texts of `wanted` articles (indices into `scan.articles`;
/// any order, repeats allowed; out-of-range indices are ignored). `config`
/// must be the one the scan ran with (its field names find the texts).
pub fn texts(scan: &Scan, config: &Config, wanted: &[u32]) -> ArticleTexts {
    let mut wanted: Vec<u32> =
        wanted.iter().copied().filter(|&a| (a as usize) < scan.articles.len()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return ArticleTexts::default();
    }
    let options = ReadOptions { fields: config.fields.clone(), faults: config.faults.clone() };
    // Whole texts need neither shingles nor paragraph separators; the
    // re-read checks each text against its first read's hash only.
    let sketcher = Sketcher::new(scan.sketch.clone());
    let separators = vec![None; scan.sources.len()];
    let corpus =
        Corpus { sources: &scan.sources, options: &options, sketcher: &sketcher, separators: &separators };
    let (texts, warnings) = reread::texts(&corpus, &scan.articles, &wanted);
    let inline_breaks = texts
        .iter()
        .filter_map(|(a, text)| {
            let article = scan.articles.get(*a as usize)?;
            Some((*a, inline_breaks(text, &article.paragraphs)))
        })
        .collect();
    ArticleTexts { texts, inline_breaks, warnings }
}
