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

/// Article pairs `(a, b)`, `a < b`, that share a fingerprint of
/// `occurrences` — `(hash, paragraph)`, one per paragraph holding the
/// fingerprint (paragraphs numbered in article order), in any order
/// (sorted here) — passed to `pair`, one call per shared fingerprint.
///
/// A fingerprint held by more than `max_articles` articles is a stock
/// phrase and makes no pair. In each article a fingerprint takes the
/// cluster (`cluster_of` its paragraph) holding every occurrence of it
/// there, if one does; it does not count for a pair when both sides have
/// one and `skip(x, y)` says those clusters' text is already reported as
/// shared. Returns the stock phrases dropped.
pub fn shared_articles(
    occurrences: &mut [(u64, u32)],
    article_of: &dyn Fn(u32) -> u32,
    cluster_of: &dyn Fn(u32) -> Option<u32>,
    max_articles: usize,
    skip: &dyn Fn(u32, u32) -> bool,
    pair: &mut dyn FnMut(u32, u32),
) -> usize {
    occurrences.par_sort_unstable();
    let mut dropped = 0;
    let mut holders: Vec<(u32, Option<u32>)> = Vec::new();
    for list in occurrences.chunk_by(|x, y| x.0 == y.0) {
        holders.clear();
        // Sorted by paragraph, so by article.
        for &(_, p) in list {
            let (a, c) = (article_of(p), cluster_of(p));
            match holders.last_mut() {
                Some((last, all)) if *last == a => {
                    if *all != c {
                        *all = None;
                    }
                }
                _ => holders.push((a, c)),
            }
        }
        if holders.len() > max_articles {
            dropped += 1;
            continue;
        }
        for (k, &(a, ca)) in holders.iter().enumerate() {
            for &(b, cb) in &holders[k + 1..] {
                if !matches!((ca, cb), (Some(x), Some(y)) if skip(x, y)) {
                    pair(a, b);
                }
            }
        }
    }
    dropped
}

/// The article pairs among `keys` (each a [`pair_key`], one per shared
/// fingerprint, as [`shared_articles`] gives them) that share at least
/// [`MIN_SHARED`] fingerprints, with their count, sorted; sorts `keys`.
pub fn count_shared(keys: &mut [u64]) -> Vec<(u32, u32, u32)> {
    keys.par_sort_unstable();
    keys.chunk_by(|x, y| x == y)
        .filter(|run| run.len() as u32 >= MIN_SHARED)
        .map(|run| {
            let (a, b) = pair_of(run[0]);
            (a, b, run.len() as u32)
        })
        .collect()
}

/// Candidate article pairs `(a, b, shared)`, `a < b`, sorted, from
/// fingerprint `occurrences` held in memory: [`shared_articles`], then
/// [`count_shared`]. Also returns the stock phrases dropped.
pub fn candidate_pairs(
    occurrences: &mut [(u64, u32)],
    article_of: &dyn Fn(u32) -> u32,
    cluster_of: &dyn Fn(u32) -> Option<u32>,
    max_articles: usize,
    skip: &dyn Fn(u32, u32) -> bool,
) -> (Vec<(u32, u32, u32)>, usize) {
    let mut keys = Vec::new();
    let dropped = shared_articles(occurrences, article_of, cluster_of, max_articles, skip, &mut |a, b| {
        keys.push(pair_key(a, b))
    });
    (count_shared(&mut keys), dropped)
}

/// An article pair as one sortable word: `a << 32 | b`.
pub fn pair_key(a: u32, b: u32) -> u64 {
    u64::from(a) << 32 | u64::from(b)
}

/// The article pair of a [`pair_key`].
pub fn pair_of(key: u64) -> (u32, u32) {
    ((key >> 32) as u32, key as u32)
}

/// Ranges of fingerprint hashes (by their top bits) whose occurrences are
/// gathered one range at a time.
pub const HASH_PARTS: usize = 16;

/// The range of fingerprint `hash` (0 to [`HASH_PARTS`] − 1).
pub fn hash_part(hash: u64) -> usize {
    (hash >> 60) as usize
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
    /// Words on each side.
    pub words: [u32; 2],
    /// Words the two sides keep in order (the word diff's), or `None` when
    /// a side is too long to diff ([`crate::diff::MAX_WORDS`]).
    pub kept: Option<u32>,
    /// The text of each side, kept only for a run that builds a report
    /// ([`crate::config::Config::excerpts`]): at a million articles the
    /// passages' texts alone outgrow the memory budget.
    pub text: Option<[String; 2]>,
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

    /// Paragraph `p` belongs to article `p / 10`.
    fn by_ten(p: u32) -> u32 {
        p / 10
    }

    fn unclustered(_: u32) -> Option<u32> {
        None
    }

    fn occurrences(list: &[(u64, &[u32])]) -> Vec<(u64, u32)> {
        list.iter().flat_map(|&(h, ps)| ps.iter().map(move |&p| (h, p))).collect()
    }

    #[test]
    fn pairs_need_two_shared_fingerprints() {
        let mut occ = occurrences(&[(1, &[0]), (2, &[1, 10]), (3, &[2, 11, 20]), (9, &[12]), (7, &[21])]);
        let (pairs, dropped) = candidate_pairs(&mut occ, &by_ten, &unclustered, 10, &never);
        assert_eq!(pairs, vec![(0, 1, 2)]);
        assert_eq!(dropped, 0);
    }

    #[test]
    fn a_fingerprint_counts_once_per_article_pair() {
        // Fingerprint 1 is in two paragraphs of article 0: one shared.
        let mut occ = occurrences(&[(1, &[0, 1, 10])]);
        assert!(candidate_pairs(&mut occ, &by_ten, &unclustered, 10, &never).0.is_empty());
    }

    #[test]
    fn fingerprints_in_text_already_reported_together_do_not_count() {
        let same = |x: u32, y: u32| x == y;
        let mut occ = occurrences(&[(2, &[0, 10]), (3, &[0, 10])]);
        // Both sides in cluster 7: already reported, no candidate.
        let both = |_: u32| Some(7);
        assert!(candidate_pairs(&mut occ.clone(), &by_ten, &both, 10, &same).0.is_empty());
        // Different, unlinked clusters: the pair is not reported anywhere.
        let apart = |p: u32| Some(p / 10);
        assert_eq!(candidate_pairs(&mut occ.clone(), &by_ten, &apart, 10, &same).0, vec![(0, 1, 2)]);
        // One side unclustered: counts.
        let one = |p: u32| (p < 10).then_some(7);
        assert_eq!(candidate_pairs(&mut occ, &by_ten, &one, 10, &same).0, vec![(0, 1, 2)]);
    }

    #[test]
    fn a_fingerprint_in_two_clusters_of_an_article_belongs_to_none() {
        let same = |x: u32, y: u32| x == y;
        // In article 0, fingerprint 4 is in paragraph 0 (cluster 0) and
        // paragraph 1 (cluster 1); article 1 has it in cluster 0.
        let cluster = |p: u32| Some(if p == 1 { 1 } else { 0 });
        let mut occ = occurrences(&[(4, &[0, 1, 10]), (5, &[0, 10])]);
        // 5 is in cluster 0 on both sides: skipped; 4 counts, one is short.
        assert!(candidate_pairs(&mut occ.clone(), &by_ten, &cluster, 10, &same).0.is_empty());
        occ.extend([(6, 2), (6, 11)]);
        let cluster = |p: u32| if p == 2 || p == 11 { None } else { cluster(p) };
        assert_eq!(candidate_pairs(&mut occ, &by_ten, &cluster, 10, &same).0, vec![(0, 1, 2)]);
    }

    #[test]
    fn stock_phrases_are_capped() {
        // Fingerprint 5 is in 100 articles: dropped, so no pair at all.
        let mut occ: Vec<(u64, u32)> =
            (0..100).flat_map(|a| [(5, a * 10), (1000 + u64::from(a), a * 10)]).collect();
        let (pairs, dropped) = candidate_pairs(&mut occ, &by_ten, &unclustered, 64, &never);
        assert!(pairs.is_empty());
        assert_eq!(dropped, 1);
    }
}
