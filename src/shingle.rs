//! Shingle: a paragraph's tokens -> its set of 64-bit word-shingle hashes.
//!
//! A shingle is `k` consecutive words; its hash is seeded xxh3 over the `k`
//! word hashes, laid out in a stack buffer (no allocation per shingle). The
//! set is sorted and free of duplicates, ready for exact Jaccard.
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
    out.clear();
    if tokens.is_empty() || tokens.len() < params.min_words {
        return;
    }
    let k = params.size.clamp(1, MAX_SHINGLE);
    if tokens.len() < k {
        out.push(hash_window(tokens, params.seed));
        return;
    }
    out.extend(tokens.windows(k).map(|w| hash_window(w, params.seed)));
    out.sort_unstable();
    out.dedup();
}

fn hash_window(window: &[Token], seed: u64) -> u64 {
    let mut buf = [0u8; 8 * MAX_SHINGLE];
    for (slot, token) in buf.chunks_exact_mut(8).zip(window) {
        slot.copy_from_slice(&token.hash.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64_with_seed(&buf[..8 * window.len()], seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(hashes: &[u64]) -> Vec<Token> {
        hashes.iter().map(|&hash| Token { start: 0, end: 0, hash }).collect()
    }

    const P: ShingleParams = ShingleParams { size: 3, min_words: 2, seed: 1 };

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
        shingle_set(&toks(&[1]), &P, &mut out);
        assert!(out.is_empty());
    }
}
