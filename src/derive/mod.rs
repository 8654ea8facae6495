//! Derive: how much of an article comes from given source texts (wire
//! copy), as reuse measures, and the METER class they imply.
//!
//! The first four measures (the old rule's):
//! - **word containment**: the share of the article's distinct words found
//!   in the sources;
//! - **trigram** and **5-gram containment**: the share of the article's word
//!   n-grams found in the sources (Clough et al. 2002 measured reuse on METER
//!   with n-gram containment of this kind);
//! - **aligned coverage**: the share of the article's words inside passages
//!   the aligner finds between the article and any source.
//!
//! The measures of the learned classifier ([`model`]; `docs/meter.md`):
//! content-word containment, Greedy String Tiling coverage and
//! fragmentation ([`tiling`]), matched sentences, the last third's trigram
//! containment, trigram containment outside quotation marks, stemmed
//! content-word containment and the share of words found only in other
//! papers' stories ([`measures`]), over the words of [`words`].
//!
//! [`classify`] keeps the old rule: thresholds on word containment.

use std::collections::HashSet;

use crate::align::{AlignParams, align};
use crate::normalize::word_hashes;
use crate::segment::Span;

pub mod measures;
pub mod model;
pub mod tiling;
pub mod words;

pub use model::Model;

/// How much of an article its sources account for.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Derivation {
    /// Words in the article.
    pub words: usize,
    /// Share of the article's word trigrams found in the sources.
    pub trigram_containment: f64,
    /// Share of the article's words inside passages aligned with a source.
    pub aligned_coverage: f64,
    /// Share of the article's distinct words found in the sources.
    pub word_containment: f64,
    /// Share of the article's word 5-grams found in the sources.
    pub fivegram_containment: f64,
    /// Share of the article's distinct content words found in the sources.
    pub content_containment: f64,
    /// Share of the article's words inside Greedy String Tiling tiles of at
    /// least [`measures::MIN_TILE`] words.
    pub tile_coverage: f64,
    /// Those tiles per 100 words of the article.
    pub tiles_per_100: f64,
    /// Share of the article's sentences with a source sentence holding at
    /// least half of their distinct words.
    pub matched_sentences: f64,
    /// Trigram containment of the last third of the article's words.
    pub last_third_trigrams: f64,
    /// Trigram containment outside quotation marks, on both sides.
    pub unquoted_trigrams: f64,
    /// Share of the article's distinct content-word stems found in the
    /// sources.
    pub stem_containment: f64,
    /// Share of the article's distinct content words missing from the
    /// sources but found in other articles on the same story ([`other_papers`];
    /// 0 when [`derivation`] alone measured the article).
    pub other_papers: f64,
}

impl Derivation {
    /// Names of the measures, in the order of `wiretrace meter`'s columns.
    /// [`Derivation::measure`] knows these and `log_words`.
    pub const COLUMNS: [&'static str; 13] = [
        "trigram_containment",
        "aligned_coverage",
        "word_containment",
        "fivegram_containment",
        "words",
        "content_containment",
        "tile_coverage",
        "tiles_per_100",
        "matched_sentences",
        "last_third_trigrams",
        "unquoted_trigrams",
        "stem_containment",
        "other_papers",
    ];

    /// The measure called `name` (`log_words` is `ln(1 + words)`).
    pub fn measure(&self, name: &str) -> Option<f64> {
        Some(match name {
            "trigram_containment" => self.trigram_containment,
            "aligned_coverage" => self.aligned_coverage,
            "word_containment" => self.word_containment,
            "fivegram_containment" => self.fivegram_containment,
            "words" => self.words as f64,
            "content_containment" => self.content_containment,
            "tile_coverage" => self.tile_coverage,
            "tiles_per_100" => self.tiles_per_100,
            "matched_sentences" => self.matched_sentences,
            "last_third_trigrams" => self.last_third_trigrams,
            "unquoted_trigrams" => self.unquoted_trigrams,
            "stem_containment" => self.stem_containment,
            "other_papers" => self.other_papers,
            "log_words" => (self.words as f64).ln_1p(),
            _ => return None,
        })
    }
}

/// METER's three classes of derivation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DerivedClass {
    /// The sources are the only source.
    Wholly,
    /// Some text comes from the sources.
    Partially,
    /// Same story, written independently.
    Non,
}

impl DerivedClass {
    /// METER's label for the class.
    pub fn label(self) -> &'static str {
        match self {
            DerivedClass::Wholly => "wholly_derived",
            DerivedClass::Partially => "partially_derived",
            DerivedClass::Non => "non_derived",
        }
    }
}

/// Default lower and upper thresholds on word containment (see
/// `docs/provenance.md` for the sweep they come from).
pub const DEFAULT_THRESHOLDS: (f64, f64) = (0.60, 0.85);

fn grams(words: &[(Span, u64)], n: usize) -> impl Iterator<Item = u64> + '_ {
    words.windows(n).map(|w| w.iter().fold(0u64, |h, x| h.rotate_left(21) ^ x.1))
}

/// Share of `items` found in `set` (0 for no items).
fn contained(items: &[u64], set: &HashSet<u64>) -> f64 {
    if items.is_empty() {
        0.0
    } else {
        items.iter().filter(|g| set.contains(g)).count() as f64 / items.len() as f64
    }
}

/// The reuse measures of `article` against `sources`.
pub fn derivation(article: &str, sources: &[String], params: &AlignParams) -> Derivation {
    let article_words = word_hashes(article);
    let source_words: Vec<Vec<(Span, u64)>> = sources.iter().map(|s| word_hashes(s)).collect();
    let set = |n: usize| -> HashSet<u64> {
        source_words.iter().flat_map(|w| grams(w, n).collect::<Vec<_>>()).collect()
    };
    let mine = |n: usize| -> Vec<u64> { grams(&article_words, n).collect() };
    let mut distinct: Vec<u64> = mine(1);
    distinct.sort_unstable();
    distinct.dedup();
    let trigrams = set(3);
    let share = |x: usize, y: usize| if y == 0 { 0.0 } else { x as f64 / y as f64 };
    let hashes: Vec<u64> = article_words.iter().map(|w| w.1).collect();
    let d = Derivation {
        words: article_words.len(),
        trigram_containment: contained(&mine(3), &trigrams),
        aligned_coverage: share(aligned_words(article, &article_words, sources, params), article_words.len()),
        word_containment: contained(&distinct, &set(1)),
        fivegram_containment: contained(&mine(5), &set(5)),
        last_third_trigrams: measures::last_third_trigrams(&hashes, &trigrams),
        ..Derivation::default()
    };
    with_learned_measures(d, article, sources)
}

/// Words of the article inside a passage aligned with some source.
fn aligned_words(article: &str, words: &[(Span, u64)], sources: &[String], params: &AlignParams) -> usize {
    let mut covered = vec![false; words.len()];
    for source in sources {
        for passage in align(article, source, params) {
            for (i, (span, _)) in words.iter().enumerate() {
                if span.start >= passage.a.start && span.end <= passage.a.end {
                    covered[i] = true;
                }
            }
        }
    }
    covered.iter().filter(|&&c| c).count()
}

/// `d` with the measures only the learned classifier uses filled in.
fn with_learned_measures(d: Derivation, article: &str, sources: &[String]) -> Derivation {
    let story = words::words(article);
    let theirs: Vec<Vec<words::Word>> = sources.iter().map(|s| words::words(s)).collect();
    let hashes = |ws: &[words::Word]| -> Vec<u64> { ws.iter().map(|w| w.hash).collect() };
    let source_hashes: Vec<Vec<u64>> = theirs.iter().map(|s| hashes(s)).collect();
    let tiles = measures::story_tiles(&hashes(&story), &source_hashes);
    Derivation {
        content_containment: measures::content_containment(&story, &theirs),
        tile_coverage: measures::tile_coverage(&tiles, story.len()),
        tiles_per_100: measures::tiles_per_100(&tiles, story.len()),
        matched_sentences: measures::matched_sentences(&story, &theirs),
        unquoted_trigrams: measures::unquoted_trigrams(&story, &theirs),
        stem_containment: measures::stem_containment(&story, &theirs),
        ..d
    }
}

/// Share of `article`'s distinct content words that are missing from
/// `sources` but found in `others`, the other articles on the same story
/// (see [`measures::other_papers`]).
pub fn other_papers(article: &str, sources: &[String], others: &[&str]) -> f64 {
    let theirs: Vec<Vec<words::Word>> = sources.iter().map(|s| words::words(s)).collect();
    let elsewhere: Vec<Vec<words::Word>> = others.iter().map(|s| words::words(s)).collect();
    measures::other_papers(&words::words(article), &theirs, &elsewhere)
}

/// The class `measure` implies under `(lower, upper)` thresholds.
pub fn classify(measure: f64, (lower, upper): (f64, f64)) -> DerivedClass {
    if measure >= upper {
        DerivedClass::Wholly
    } else if measure >= lower {
        DerivedClass::Partially
    } else {
        DerivedClass::Non
    }
}

/// Decodes Latin-1 (ISO-8859-1) bytes: each byte is the code point of the
/// same number.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_article_is_wholly_derived_and_fresh_one_is_not() {
        let source = "A man was jailed for six years yesterday for robbing three chemists in Leeds. \
                      The court heard he used a replica gun. He admitted the offences last month."
            .to_string();
        let copy = "A man was jailed for six years yesterday for robbing three chemists in Leeds. \
                    The court heard he used a replica gun.";
        let fresh = "Shoppers in the city centre described the fear they felt when the raids began, \
                     and a pharmacist said she still checks the door every morning.";
        let params = AlignParams { min_bytes: 40, ..AlignParams::default() };
        let d = derivation(copy, std::slice::from_ref(&source), &params);
        assert!(d.trigram_containment > 0.9 && d.aligned_coverage > 0.9, "{d:?}");
        let n = derivation(fresh, &[source], &params);
        assert!(n.trigram_containment < 0.1 && n.aligned_coverage < 0.1, "{n:?}");
        assert_eq!(classify(d.word_containment, DEFAULT_THRESHOLDS), DerivedClass::Wholly);
        assert_eq!(classify(n.word_containment, DEFAULT_THRESHOLDS), DerivedClass::Non);
    }

    #[test]
    fn latin1_maps_bytes_to_code_points() {
        assert_eq!(latin1(b"\xa3500 caf\xe9"), "£500 café");
    }
}
