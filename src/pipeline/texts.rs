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
use crate::sketch::Sketcher;

use super::Scan;

/// Whole texts of some articles, by article index.
#[derive(Debug, Default)]
pub struct ArticleTexts {
    /// `(article index, text)`, sorted by index.
    pub texts: Vec<(u32, String)>,
    /// Articles that could not be read again unchanged.
    pub warnings: Vec<Warning>,
}

impl ArticleTexts {
    /// The text of article `a`, if it was read.
    pub fn get(&self, a: u32) -> Option<&str> {
        let i = self.texts.binary_search_by_key(&a, |t| t.0).ok()?;
        Some(&self.texts[i].1)
    }
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
    ArticleTexts { texts, warnings }
}
