//! Passages: articles' word-n-gram fingerprints -> candidate article pairs
//! for passage alignment.
//!
//! Paragraph LSH cannot see a 15-word quote inside a 200-word paragraph.
//! Each article keeps some of its word 4-gram hashes, chosen by
//! winnowing (Schleimer, Wilkerson & Aiken 2003): in every run of
//! [`WINNOW`] consecutive 4-grams of a paragraph, the one with the smallest
//! hash (the rightmost on a tie). A run lying inside a passage two articles
//! share picks the same 4-gram in both, so a shared passage of `n` words
//! gives at least one shared fingerprint per `WINNOW` of its `n - 3`
//! 4-grams, whatever its neighbours, and two from 11 words
//! ([`GUARANTEED_WORDS`]). An inverted index over the fingerprints proposes
//! the article pairs that share at least [`MIN_SHARED`] of them. (Keeping
//! the hashes that are 0 modulo 4 instead, one in four, missed a 14-word
//! quote about one time in five: the chance that fewer than two of its 11
//! 4-grams are kept.)
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
/// 4-grams per winnowing window: about `2 / (WINNOW + 1)` of a text's
/// 4-grams are kept (0.4).
pub const WINNOW: usize = 4;
/// Shared fingerprints an article pair needs to be aligned: two, so a
/// single coincidental 4-gram does not make a pair.
pub const MIN_SHARED: u32 = 2;
/// Words from which a shared passage (the same normalized words, inside
/// one paragraph on each side) is sure to give [`MIN_SHARED`] shared
/// fingerprints: two windows of [`WINNOW`] 4-grams that do not overlap.
pub const GUARANTEED_WORDS: usize = 2 * WINNOW + GRAM - 1;
/// Default cap on the articles holding one fingerprint.
pub const DEFAULT_MAX_ARTICLES: usize = 64;

/// Appends the fingerprints winnowed from paragraph `paragraph`'s tokens
/// to `out`, each with the paragraph (4-grams do not cross paragraphs); a
/// paragraph of fewer than [`WINNOW`] 4-grams keeps its smallest. Sort and
/// deduplicate `out` once the article is done.
pub fn push_fingerprints(tokens: &[Token], paragraph: u32, out: &mut Vec<(u64, u32)>) {
    let mut buf = [0u8; 8 * GRAM];
    // The last WINNOW 4-gram hashes, each with its position.
    let mut window = [(0u64, 0usize); WINNOW];
    let mut last_kept = None;
    let grams = tokens.len().saturating_sub(GRAM - 1);
    for (at, gram) in tokens.windows(GRAM).enumerate() {
        for (slot, t) in buf.chunks_exact_mut(8).zip(gram) {
            slot.copy_from_slice(&t.hash.to_le_bytes());
        }
        window[at % WINNOW] = (xxhash_rust::xxh3::xxh3_64_with_seed(&buf, 0x7061_7373), at);
        let full = at + 1 >= WINNOW;
        if full || at + 1 == grams {
            let seen = &window[..(at + 1).min(WINNOW)];
            // Smallest hash, rightmost on a tie.
            let Some(&(hash, pos)) = seen.iter().min_by_key(|&&(h, pos)| (h, std::cmp::Reverse(pos))) else {
                continue;
            };
            if last_kept != Some(pos) {
                out.push((hash, paragraph));
                last_kept = Some(pos);
            }
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
    use crate::normalize::Tokenizer;
    use crate::segment::Span;

    /// The fingerprint hashes of `words` as one paragraph.
    fn fingerprints(words: &[String]) -> Vec<u64> {
        let text = words.join(" ");
        let mut tokens = Vec::new();
        Tokenizer::default().tokens(&text, Span { start: 0, end: text.len() }, 7, &mut tokens);
        let mut out = Vec::new();
        push_fingerprints(&tokens, 0, &mut out);
        let mut hashes: Vec<u64> = out.into_iter().map(|(h, _)| h).collect();
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }

    /// `n` words drawn from a vocabulary of 5,000 by a seeded generator.
    fn words(n: usize, state: &mut u64) -> Vec<String> {
        (0..n)
            .map(|_| {
                *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("w{}", (*state >> 33) % 5000)
            })
            .collect()
    }

    #[test]
    fn a_shared_passage_of_eleven_words_always_gives_two_fingerprints() {
        // 1,000 passages of GUARANTEED_WORDS words, each inside two
        // different paragraphs at random places. The "0 mod 4" sample this
        // replaced left about 20% of them below MIN_SHARED.
        let mut state = 20260101;
        for _ in 0..1000 {
            let passage = words(GUARANTEED_WORDS, &mut state);
            let cut = |state: &mut u64| (*state >> 40) as usize % 20;
            let (before, after) = (words(cut(&mut state), &mut state), words(cut(&mut state), &mut state));
            let a = [before, passage.clone(), after].concat();
            let (before, after) = (words(cut(&mut state), &mut state), words(cut(&mut state), &mut state));
            let b = [before, passage.clone(), after].concat();
            let (fa, fb) = (fingerprints(&a), fingerprints(&b));
            let shared = fa.iter().filter(|h| fb.binary_search(h).is_ok()).count();
            assert!(shared >= MIN_SHARED as usize, "{shared} shared for {passage:?}");
        }
    }

    #[test]
    fn about_two_in_five_fingerprints_are_kept_and_short_paragraphs_keep_one() {
        let mut state = 7;
        let long = words(10_004, &mut state);
        let kept = fingerprints(&long).len() as f64 / 10_001.0;
        assert!((0.37..0.43).contains(&kept), "{kept}");
        for n in GRAM..GRAM + WINNOW - 1 {
            assert_eq!(fingerprints(&words(n, &mut state)).len(), 1, "{n} words");
        }
        assert!(fingerprints(&words(GRAM - 1, &mut state)).is_empty());
    }

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
