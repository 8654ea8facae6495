//! LSH: MinHash signatures -> candidate pairs of paragraphs.
//!
//! The signature is cut into `bands` bands of `rows` values; two paragraphs
//! are candidates when any band is identical. A pair with Jaccard `s` becomes
//! a candidate with probability `P(s) = 1 - (1 - s^rows)^bands` (Leskovec,
//! Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3).
//!
//! Bands and rows come from the threshold `t` by minimizing the expected
//! cost `FP + w * FN`, where `FP = ∫₀ᵗ P(s) ds` and `FN = ∫ₜ¹ (1 - P(s)) ds`
//! (the formulation datasketch uses). Every candidate is verified exactly
//! afterwards, so a false positive costs one set intersection while a false
//! negative is a lost result; [`FALSE_NEGATIVE_WEIGHT`] says how much worse a
//! miss is. `docs/pipeline.md` tabulates the resulting layouts.

/// Weight of a false negative against a false positive (cost ratio 99:1).
pub const FALSE_NEGATIVE_WEIGHT: f64 = 99.0;

/// A band layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LshParams {
    /// Number of bands.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
}

impl LshParams {
    /// The layout with `bands * rows <= num_perm` that minimizes
    /// `FP + FALSE_NEGATIVE_WEIGHT * FN` at `threshold`.
    pub fn for_threshold(threshold: f64, num_perm: usize) -> Self {
        let mut best = (f64::INFINITY, LshParams { bands: 1, rows: 1 });
        for rows in 1..=num_perm {
            for bands in 1..=num_perm / rows {
                let p = LshParams { bands, rows };
                let fp = integrate(|s| p.candidate_probability(s), 0.0, threshold);
                let fn_ = integrate(|s| 1.0 - p.candidate_probability(s), threshold, 1.0);
                let cost = fp + FALSE_NEGATIVE_WEIGHT * fn_;
                if cost < best.0 {
                    best = (cost, p);
                }
            }
        }
        best.1
    }

    /// Probability that a pair with Jaccard `s` becomes a candidate.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// Writes one key per band of `signature` into `out`.
    pub fn band_keys(&self, signature: &[u32], out: &mut Vec<u64>) {
        out.clear();
        let mut buf = Vec::with_capacity(4 * self.rows);
        for (band, rows) in signature.chunks_exact(self.rows).take(self.bands).enumerate() {
            buf.clear();
            for v in rows {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            out.push(xxhash_rust::xxh3::xxh3_64_with_seed(&buf, band as u64));
        }
    }
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    const STEPS: usize = 200;
    let h = (b - a) / STEPS as f64;
    (0..STEPS).map(|i| f(a + (i as f64 + 0.5) * h)).sum::<f64>() * h
}

/// Candidate pairs `(p, q)`, `p < q`, sorted and unique, of items whose keys
/// agree in some band. `keys[i * bands + j]` is item `i`'s key in band `j`;
/// items with `active[i] == false` take no part.
///
/// Each band's pairs are sorted and deduplicated, then merged into the
/// result pairwise, so memory holds a few bands' pairs at a time rather than
/// all bands' (a paragraph copied `n` times yields `n²/2` pairs per band).
pub fn candidate_pairs(keys: &[u64], bands: usize, active: &[bool]) -> Vec<(u32, u32)> {
    use rayon::prelude::*;
    (0..bands)
        .into_par_iter()
        .map(|band| band_pairs(keys, bands, band, active))
        .reduce(Vec::new, merge_sorted)
}

fn band_pairs(keys: &[u64], bands: usize, band: usize, active: &[bool]) -> Vec<(u32, u32)> {
    let mut column: Vec<(u64, u32)> = active
        .iter()
        .enumerate()
        .filter(|(_, a)| **a)
        .map(|(i, _)| (keys[i * bands + band], i as u32))
        .collect();
    column.sort_unstable();
    let mut pairs = Vec::new();
    for bucket in column.chunk_by(|x, y| x.0 == y.0) {
        for (i, &(_, p)) in bucket.iter().enumerate() {
            pairs.extend(bucket[i + 1..].iter().map(|&(_, q)| (p, q)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Merges two sorted, duplicate-free lists into one.
fn merge_sorted(a: Vec<(u32, u32)>, b: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_fits_and_recalls_pairs_just_above_the_threshold() {
        for t in [0.3, 0.5, 0.7, 0.8, 0.9] {
            let p = LshParams::for_threshold(t, 128);
            assert!(p.bands * p.rows <= 128);
            assert!(p.candidate_probability((t + 0.05f64).min(1.0)) > 0.99, "{t}: {p:?}");
            assert!(p.candidate_probability(t / 4.0) < 0.5, "{t}: {p:?}");
        }
    }

    #[test]
    fn merge_keeps_order_and_drops_duplicates() {
        let merged = merge_sorted(vec![(0, 1), (0, 3), (2, 3)], vec![(0, 2), (0, 3), (5, 6)]);
        assert_eq!(merged, [(0, 1), (0, 2), (0, 3), (2, 3), (5, 6)]);
    }

    #[test]
    fn pairs_come_from_shared_bands_only() {
        // item 0 and 2 share band 1; item 1 shares nothing; item 3 inactive.
        let keys = [1, 2, 3, 4, 5, 2, 5, 2];
        let pairs = candidate_pairs(&keys, 2, &[true, true, true, false]);
        assert_eq!(pairs, vec![(0, 2)]);
    }
}
