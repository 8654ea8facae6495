//! MinHash: a shingle set -> a fixed-length signature whose agreement rate
//! with another signature estimates the two sets' Jaccard similarity
//! (Broder 1997).
//!
//! Permutation `i` is simulated by `h_i(x) = high32((x ^ s_i) * m_i)` over the
//! 64-bit shingle hash `x`, with `s_i` and odd `m_i` drawn from a SplitMix64
//! stream of the seed: cheap, branch-free and vectorizable, and good enough
//! because `x` is already a well-mixed xxh3 value. The signature keeps the
//! minimum of each `h_i` over the set (`u32::MAX` for an empty set).

/// Default number of permutations: 128 keeps the standard error of the
/// Jaccard estimate near `sqrt(J(1-J)/128)` (at most 0.044) and leaves room
/// for the band layouts of every threshold (see `lsh`).
pub const DEFAULT_PERMUTATIONS: usize = 128;

/// A seeded family of hash permutations.
#[derive(Clone, Debug)]
pub struct MinHasher {
    xor: Vec<u64>,
    mul: Vec<u64>,
}

impl MinHasher {
    /// `num_perm` permutations drawn from `seed`.
    pub fn new(num_perm: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut xor = Vec::with_capacity(num_perm);
        let mut mul = Vec::with_capacity(num_perm);
        for _ in 0..num_perm {
            xor.push(next());
            mul.push(next() | 1);
        }
        MinHasher { xor, mul }
    }

    /// Number of permutations (signature length).
    pub fn len(&self) -> usize {
        self.mul.len()
    }

    /// Whether there are no permutations.
    pub fn is_empty(&self) -> bool {
        self.mul.is_empty()
    }

    /// Writes the signature of `shingles` into `out` (resized to `len()`).
    pub fn signature(&self, shingles: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(self.len(), u32::MAX);
        for &x in shingles {
            for ((slot, &s), &m) in out.iter_mut().zip(&self.xor).zip(&self.mul) {
                let h = ((x ^ s).wrapping_mul(m) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
    }
}

/// Share of positions where two signatures agree: the MinHash estimate of
/// Jaccard similarity.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_tracks_exact_jaccard() {
        let hasher = MinHasher::new(256, 42);
        let a: Vec<u64> = (0..1000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
        for shared in [0usize, 250, 500, 900, 1000] {
            let mut b: Vec<u64> = a[..shared].to_vec();
            b.extend((0..1000 - shared).map(|i| (i as u64 + 5000).wrapping_mul(0xD6E8_FEB8_6659_FD93)));
            let exact = shared as f64 / (2000 - shared) as f64;
            let (mut sa, mut sb) = (Vec::new(), Vec::new());
            hasher.signature(&a, &mut sa);
            hasher.signature(&b, &mut sb);
            let err = (estimate(&sa, &sb) - exact).abs();
            assert!(err < 0.1, "shared {shared}: estimate off by {err}");
        }
    }

    #[test]
    fn same_seed_same_signature() {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        MinHasher::new(16, 3).signature(&[1, 2, 3], &mut x);
        MinHasher::new(16, 3).signature(&[3, 2, 1], &mut y);
        assert_eq!(x, y);
    }
}
