//! MinHash: a shingle set -> a fixed-length signature whose agreement rate
//! with another signature estimates the two sets' Jaccard similarity
//! (Broder 1997).
//!
//! Permutation `i` is simulated by `h_i(x) = (x32 ^ s_i) * m_i mod 2^32`,
//! where `x32` folds the 64-bit shingle hash to 32 bits (`lo ^ hi`) and
//! `s_i` and odd `m_i` are drawn from a SplitMix64 stream of the seed. Each
//! `h_i` is a bijection of 32-bit values, and the minimum over a set is
//! decided by the product's high bits, which depend on every bit of the key:
//! good enough because `x` is already a well-mixed xxh3 value (on random
//! keys the estimate's bias and spread match the theory's
//! `sqrt(J(1-J)/k)`, as they did for the 64-bit multiply-shift used before).
//! 32-bit lanes are what vector units multiply: with AVX2, eight
//! permutations take one multiply, chosen at run time (the same values on
//! every CPU). The signature keeps the minimum of each `h_i` over the set
//! (`u32::MAX` for an empty set).

/// Default number of permutations: 128 keeps the standard error of the
/// Jaccard estimate near `sqrt(J(1-J)/128)` (at most 0.044) and leaves room
/// for the band layouts of every threshold (see `lsh`).
pub const DEFAULT_PERMUTATIONS: usize = 128;

/// A seeded family of hash permutations.
#[derive(Clone, Debug)]
pub struct MinHasher {
    xor: Vec<u32>,
    mul: Vec<u32>,
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
            // The high half of each SplitMix64 value.
            xor.push((next() >> 32) as u32);
            mul.push((next() >> 32) as u32 | 1);
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
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            unsafe { minima_avx2(&self.xor, &self.mul, shingles, out) };
            return;
        }
        minima(&self.xor, &self.mul, shingles, out);
    }
}

/// Lowers each `out[i]` to the least `h_i` over `shingles`. Written so that
/// the compiler vectorizes the loop over permutations.
#[inline(always)]
fn minima(xor: &[u32], mul: &[u32], shingles: &[u64], out: &mut [u32]) {
    for &x in shingles {
        let key = (x ^ (x >> 32)) as u32;
        for ((slot, &s), &m) in out.iter_mut().zip(xor).zip(mul) {
            *slot = (*slot).min((key ^ s).wrapping_mul(m));
        }
    }
}

/// [`minima`] compiled for AVX2 (eight 32-bit lanes per multiply; the
/// baseline x86-64 target has no 32-bit vector multiply).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn minima_avx2(xor: &[u32], mul: &[u32], shingles: &[u64], out: &mut [u32]) {
    minima(xor, mul, shingles, out);
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
    fn every_cpu_path_gives_the_portable_values() {
        let hasher = MinHasher::new(126, 9);
        let shingles: Vec<u64> =
            (0..300u64).map(|i| i.wrapping_mul(0xA076_1D64_78BD_642F) ^ (i << 40)).collect();
        for n in [0, 1, 7, 300] {
            let mut fast = Vec::new();
            hasher.signature(&shingles[..n], &mut fast);
            let mut portable = vec![u32::MAX; 126];
            minima(&hasher.xor, &hasher.mul, &shingles[..n], &mut portable);
            assert_eq!(fast, portable, "{n} shingles");
            let by_hand: Vec<u32> = (0..126)
                .map(|i| {
                    let h = |x: u64| ((x ^ (x >> 32)) as u32 ^ hasher.xor[i]).wrapping_mul(hasher.mul[i]);
                    shingles[..n].iter().map(|&x| h(x)).min().unwrap_or(u32::MAX)
                })
                .collect();
            assert_eq!(fast, by_hand, "{n} shingles");
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
