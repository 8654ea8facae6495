//! Shingle: a paragraph's tokens -> its set of 64-bit word-shingle hashes.
//!
//! A shingle is `k` consecutive words; its hash folds the `k` word hashes
//! from the seed with a step that is a bijection for each word, then mixes
//! the result ([`fold`], [`finish`]): shingles of different words never
//! collide. The set is sorted and free of duplicates, ready for exact
//! Jaccard.
//!
//! Short paragraphs are handled deliberately: a paragraph with fewer than `k`
//! but at least `min_words` words is one shingle made of all its words, so it
//! can only match a paragraph with exactly the same words; a paragraph with
//! fewer than `min_words` words has no shingles and never matches.

use crate::normalize::Token;

/// Largest supported shingle size.
pub const MAX_SHINGLE: usize = 32;

/// How paragraphs are shingled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShingleParams {
    /// Words per shingle (`k`), 1 to [`MAX_SHINGLE`].
    pub size: usize,
    /// Fewest words a paragraph needs to be matched at all.
    pub min_words: usize,
    /// Seed of the shingle hash.
    pub seed: u64,
}

/// Replaces `out` with the sorted, deduplicated shingle hashes of `tokens`.
pub fn shingle_set(tokens: &[Token], params: &ShingleParams, out: &mut Vec<u64>) {
    build(tokens.len(), |i| tokens[i].hash, params, out);
}

/// Replaces `out` with the shingle set of a paragraph of `n` words given by
/// their hashes in text order (`word(i)`, the `hash` of each [`Token`]): the
/// same set [`shingle_set`] gives for those tokens.
pub fn shingle_set_of_words(
    n: usize,
    word: impl Fn(usize) -> u64,
    params: &ShingleParams,
    out: &mut Vec<u64>,
) {
    build(n, word, params, out);
}

/// The digest of a paragraph's word sequence (its tokens' hashes in text
/// order): two paragraphs with the same words in the same order have the
/// same digest, hence the same shingle set and MinHash signature; two
/// sequences of the same length that differ never share one (see
/// [`fold`]).
pub fn words_digest(words: impl IntoIterator<Item = u64>) -> u64 {
    let mut n = 0u64;
    let h = fold(0, words.into_iter().inspect(|_| n += 1));
    finish(h ^ n.wrapping_mul(0xD6E8_FEB8_6659_FD93))
}

/// Folds `values` into `h`, one step `h = (rotl(h, 23) ^ v) * K` each. For a
/// given `v` a step is a bijection of `h`, so sequences of the same length
/// that differ anywhere end with different values: no collisions, unlike a
/// general 64-bit hash. Cheaper than xxh3 over the values' bytes.
pub fn fold(h: u64, values: impl IntoIterator<Item = u64>) -> u64 {
    values.into_iter().fold(h, |h, v| (h.rotate_left(23) ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// MurmurHash3's 64-bit finalizer (Appleby): a bijection whose every
/// output bit depends on every input bit.
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

fn build(n: usize, word: impl Fn(usize) -> u64, params: &ShingleParams, out: &mut Vec<u64>) {
    out.clear();
    if n == 0 || n < params.min_words {
        return;
    }
    let k = params.size.clamp(1, MAX_SHINGLE);
    if n < k {
        out.push(hash_window(0..n, &word, params.seed));
        return;
    }
    out.extend((0..=n - k).map(|i| hash_window(i..i + k, &word, params.seed)));
    out.sort_unstable();
    out.dedup();
}

/// The hash of one shingle: its words' hashes folded from the seed and
/// finished ([`fold`], [`finish`]), so two different word sequences of one
/// length never share a shingle hash.
fn hash_window(window: std::ops::Range<usize>, word: impl Fn(usize) -> u64, seed: u64) -> u64 {
    finish(fold(seed, window.map(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(hashes: &[u64]) -> Vec<Token> {
        hashes.iter().map(|&hash| Token { start: 0, end: 0, hash }).collect()
    }

    const P: ShingleParams = ShingleParams { size: 3, min_words: 2, seed: 1 };

    #[test]
    fn words_give_the_tokens_set_and_digest_tells_sequences_apart() {
        let words = [9, 4, 7, 1, 4, 7, 1, 3];
        let (mut from_tokens, mut from_words) = (Vec::new(), Vec::new());
        shingle_set(&toks(&words), &P, &mut from_tokens);
        shingle_set_of_words(words.len(), |i| words[i], &P, &mut from_words);
        assert_eq!(from_tokens, from_words);
        assert_eq!(words_digest(words), words_digest(words.to_vec()));
        assert_ne!(words_digest([1, 2]), words_digest([2, 1]));
        assert_ne!(words_digest([1, 2]), words_digest([1, 2, 0]));
    }

    #[test]
    fn folds_of_sequences_of_one_length_differ_if_the_sequences_do() {
        let base: Vec<u64> = (0..5u64).map(|i| i.wrapping_mul(0xA076_1D64_78BD_642F)).collect();
        let mut seen = std::collections::HashSet::new();
        for i in 0..5 {
            for v in 0..2000u64 {
                let mut s = base.clone();
                s[i] = v;
                if s != base {
                    assert!(seen.insert(fold(7, s.iter().copied())), "{s:?}");
                }
            }
        }
        assert!(!seen.contains(&fold(7, base.iter().copied())));
        assert_ne!(finish(1), finish(2));
    }

    #[test]
    fn counts_distinct_windows() {
        let mut out = Vec::new();
        shingle_set(&toks(&[1, 2, 3, 4, 1, 2, 3]), &P, &mut out);
        assert_eq!(out.len(), 4);
        assert!(out.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn short_paragraphs_get_one_shingle_or_none() {
        let mut out = Vec::new();
        shingle_set(&toks(&[1, 2]), &P, &mut out);
        assert_eq!(out.len(), 1);
        let mut other = Vec::new();
        shingle_set(&toks(&[2, 1]), &P, &mut other);
        assert_ne!(out, other, "word order matters in a short paragraph");
        shingle_set_of_words(2, |i| [2, 1][i], &P, &mut out);
        assert_eq!(out, other, "words alone give the tokens' set");
        shingle_set(&toks(&[1]), &P, &mut out);
        assert!(out.is_empty());
    }
}
