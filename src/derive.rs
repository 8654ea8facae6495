//! Derive: how much of an article comes from given source texts (wire
//! copy), as two reuse measures, and the METER class they imply.
//!
//! - **trigram containment**: the share of the article's word trigrams found
//!   in the sources (Clough et al. 2002 measured reuse on METER with n-gram
//!   containment of this kind);
//! - **aligned coverage**: the share of the article's words inside passages
//!   the aligner finds between the article and any source.
//!
//! - **word containment**: the share of the article's distinct words found
//!   in the sources;
//! - **5-gram containment**: as trigrams, with word 5-grams.
//!
//! An article is `wholly` derived when its word containment reaches the
//! upper threshold, `partially` when it reaches the lower one, else `non`
//! derived; the measure and thresholds come from the sweep in
//! `docs/provenance.md`, where word containment did best on METER and no
//! weighted combination with another measure did better.

use std::collections::HashSet;

use crate::align::{AlignParams, align};
use crate::normalize::word_hashes as words;
use crate::segment::Span;

/// How much of an article its sources account for.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    let article_words = words(article);
    let source_words: Vec<Vec<(Span, u64)>> = sources.iter().map(|s| words(s)).collect();
    let set = |n: usize| -> HashSet<u64> {
        source_words.iter().flat_map(|w| grams(w, n).collect::<Vec<_>>()).collect()
    };
    let mine = |n: usize| -> Vec<u64> { grams(&article_words, n).collect() };
    let mut distinct: Vec<u64> = mine(1);
    distinct.sort_unstable();
    distinct.dedup();
    let mut covered = vec![false; article_words.len()];
    for source in sources {
        for passage in align(article, source, params) {
            for (i, (span, _)) in article_words.iter().enumerate() {
                if span.start >= passage.a.start && span.end <= passage.a.end {
                    covered[i] = true;
                }
            }
        }
    }
    let share = |x: usize, y: usize| if y == 0 { 0.0 } else { x as f64 / y as f64 };
    Derivation {
        words: article_words.len(),
        trigram_containment: contained(&mine(3), &set(3)),
        aligned_coverage: share(covered.iter().filter(|&&c| c).count(), covered.len()),
        word_containment: contained(&distinct, &set(1)),
        fivegram_containment: contained(&mine(5), &set(5)),
    }
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
