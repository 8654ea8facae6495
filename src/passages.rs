//! Passages: articles' word-n-gram fingerprints -> candidate article pairs
//! for passage alignment.
//!
//! Paragraph LSH cannot see a 15-word quote inside a 200-word paragraph.
//! Each article keeps a sample of its word 4-gram hashes — those whose hash
//! is 0 modulo [`SAMPLE_MODULUS`], so the same 4-gram is kept in every
//! article that has it (the "0 mod p" selection of Schleimer, Wilkerson &
//! Aiken 2003, used before their winnowing). An inverted index over the
//! samples proposes the article pairs that share at least
//! [`MIN_SHARED`] of them.
//!
//! **Stock phrases.** A fingerprint held by more than `max_articles`
//! articles ("the White House said", a disclaimer) is dropped before pairs
//! are made: it is evidence of nothing, and keeping it would make the pair
//! count quadratic in its frequency. With the cap, the work is at most
//! `max_articles` pairs per fingerprint occurrence — linear in the corpus.

use rayon::prelude::*;

use crate::normalize::Token;

/// Words per fingerprint n-gram.
pub const GRAM: usize = 4;
/// A 4-gram is kept when its hash is 0 modulo this (one in four on
/// average); a shared passage of `n` words shares about `(n - 3) / 4`.
pub const SAMPLE_MODULUS: u64 = 4;
/// Shared fingerprints an article pair needs to be aligned: two, so a
/// 15-word quote (about three) qualifies and a single coincidental 4-gram
/// does not.
pub const MIN_SHARED: u32 = 2;
/// Default cap on the articles holding one fingerprint.
pub const DEFAULT_MAX_ARTICLES: usize = 64;

/// Appends the sampled fingerprints of paragraph `paragraph`'s tokens to
/// `out`, each with the paragraph (4-grams do not cross paragraphs); sort
/// and deduplicate `out` once the article is done.
pub fn push_fingerprints(tokens: &[Token], paragraph: u32, out: &mut Vec<(u64, u32)>) {
    let mut buf = [0u8; 8 * GRAM];
    for window in tokens.windows(GRAM) {
        for (slot, t) in buf.chunks_exact_mut(8).zip(window) {
            slot.copy_from_slice(&t.hash.to_le_bytes());
        }
        let h = xxhash_rust::xxh3::xxh3_64_with_seed(&buf, 0x7061_7373);
        if h.is_multiple_of(SAMPLE_MODULUS) {
            out.push((h, paragraph));
        }
    }
}

/// Candidate article pairs `(a, b)`, `a < b`, sorted, with the number of
/// fingerprints they share. `prints[i]` are article `i`'s fingerprints
/// (sorted by hash, as [`flag_clusters`] gives them), each
/// with the cluster holding every occurrence of it in the article, if one
/// does; a shared fingerprint does not count for a pair when both sides
/// have a cluster and `skip(x, y)` says those clusters' text is already
/// reported as shared. Also returns how many fingerprints were dropped as
/// stock phrases.
pub fn candidate_pairs(
    prints: &[Vec<(u64, Option<u32>)>],
    max_articles: usize,
    skip: &(dyn Fn(u32, u32) -> bool + Sync),
) -> (Vec<(u32, u32, u32)>, usize) {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut dropped = 0;
    // One range of hashes at a time: the postings list (24 bytes per
    // fingerprint) is held for a sixteenth of the corpus's fingerprints,
    // not all of them. A fingerprint is in exactly one range.
    for part in 0..POSTING_PARTS {
        let mut postings: Vec<(u64, u32, Option<u32>)> = prints
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, p)| {
                // `p` is sorted by hash: the range is one slice of it.
                let lo = p.partition_point(|(h, _)| h >> 60 < part);
                let hi = p.partition_point(|(h, _)| h >> 60 <= part);
                p[lo..hi].iter().map(move |&(h, c)| (h, i as u32, c))
            })
            .collect();
        postings.par_sort_unstable();
        for list in postings.chunk_by(|x, y| x.0 == y.0) {
            if list.len() > max_articles {
                dropped += 1;
                continue;
            }
            for (k, &(_, a, ca)) in list.iter().enumerate() {
                let counts = |cb: Option<u32>| !matches!((ca, cb), (Some(x), Some(y)) if skip(x, y));
                pairs.extend(list[k + 1..].iter().filter(|x| counts(x.2)).map(|&(_, b, _)| (a, b)));
            }
        }
    }
    pairs.par_sort_unstable();
    let counted = pairs
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() as u32 >= MIN_SHARED)
        .map(|run| (run[0].0, run[0].1, run.len() as u32))
        .collect();
    (counted, dropped)
}

/// Ranges of fingerprint hashes (by their top 4 bits) whose postings
/// [`candidate_pairs`] sorts one after the other.
const POSTING_PARTS: u64 = 16;

/// An article's fingerprints (sorted by hash) with the cluster holding
/// every occurrence of each, if one does (`cluster_of` maps a paragraph to
/// its cluster).
pub fn flag_clusters(
    prints: &[(u64, u32)],
    cluster_of: impl Fn(u32) -> Option<usize>,
) -> Vec<(u64, Option<u32>)> {
    let mut out: Vec<(u64, Option<u32>)> = Vec::with_capacity(prints.len());
    for &(h, p) in prints {
        let c = cluster_of(p).map(|c| c as u32);
        match out.last_mut() {
            Some((last, all)) if *last == h => {
                if *all != c {
                    *all = None;
                }
            }
            _ => out.push((h, c)),
        }
    }
    out
}

/// A passage of one article found again in another.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageMatch {
    /// The earlier article (`a_article < b_article`).
    pub a_article: u32,
    /// The later article.
    pub b_article: u32,
    /// Byte span in article a.
    pub a: crate::segment::Span,
    /// Byte span in article b.
    pub b: crate::segment::Span,
    /// The text of each side.
    pub text: [String; 2],
    /// Whether most of each side's words are inside quotation marks.
    pub quoted: [bool; 2],
    /// Cosine of the two sides' tf-idf bags (from the aligner).
    pub cosine: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never(_: u32, _: u32) -> bool {
        false
    }

    #[test]
    fn pairs_need_two_shared_fingerprints() {
        let flat = |v: &[u64]| v.iter().map(|&h| (h, None)).collect::<Vec<_>>();
        let prints = vec![flat(&[1, 2, 3]), flat(&[2, 3, 9]), flat(&[3, 7]), vec![]];
        let (pairs, dropped) = candidate_pairs(&prints, 10, &never);
        assert_eq!(pairs, vec![(0, 1, 2)]);
        assert_eq!(dropped, 0);
    }

    #[test]
    fn fingerprints_in_text_already_reported_together_do_not_count() {
        let same = |x: u32, y: u32| x == y;
        // Both sides in cluster 7: already reported, no candidate.
        let both = vec![vec![(2, Some(7)), (3, Some(7))], vec![(2, Some(7)), (3, Some(7))]];
        assert!(candidate_pairs(&both, 10, &same).0.is_empty());
        // Different, unlinked clusters: the pair is not reported anywhere.
        let apart = vec![vec![(2, Some(1)), (3, Some(1))], vec![(2, Some(2)), (3, Some(2))]];
        assert_eq!(candidate_pairs(&apart, 10, &same).0, vec![(0, 1, 2)]);
        // One side unclustered: counts.
        let one = vec![vec![(2, Some(1)), (3, Some(1))], vec![(2, None), (3, None)]];
        assert_eq!(candidate_pairs(&one, 10, &same).0, vec![(0, 1, 2)]);
    }

    #[test]
    fn stock_phrases_are_capped() {
        // Fingerprint 5 is in 100 articles: dropped, so no pair at all.
        let prints: Vec<Vec<(u64, Option<u32>)>> =
            (0..100).map(|i| vec![(5, None), (1000 + i, None)]).collect();
        let (pairs, dropped) = candidate_pairs(&prints, 64, &never);
        assert!(pairs.is_empty());
        assert_eq!(dropped, 1);
    }

    #[test]
    fn a_fingerprint_in_two_clusters_belongs_to_none() {
        let flagged = flag_clusters(&[(4, 0), (4, 1), (9, 0)], |p| Some(p as usize));
        assert_eq!(flagged, vec![(4, None), (9, Some(0))]);
    }
}
