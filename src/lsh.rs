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
        // Folding is collision-free for rows of one length (see
        // `shingle::fold`): two bands share a key only if their values agree.
        for (band, rows) in signature.chunks_exact(self.rows).take(self.bands).enumerate() {
            let h = crate::shingle::fold(band as u64, rows.iter().map(|&v| u64::from(v)));
            out.push(crate::shingle::finish(h));
        }
    }
}

fn integrate(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    const STEPS: usize = 200;
    let h = (b - a) / STEPS as f64;
    (0..STEPS).map(|i| f(a + (i as f64 + 0.5) * h)).sum::<f64>() * h
}

/// Buckets up to this size yield all their pairs; larger ones (a paragraph
/// carried by thousands of pages) are linked linearly, see [`candidate_pairs`].
pub const ALL_PAIRS_BUCKET: usize = 256;

/// In a large bucket whose members are not all copies of each other, how
/// many of its distinct versions every other version is paired with.
pub const ANCHORS: usize = 8;

/// Candidate pairs `(p, q)`, `p < q`, sorted and unique, of items whose keys
/// agree in some band. `keys[i * bands + j]` is item `i`'s key in band `j`;
/// items with `active[i] == false` take no part.
///
/// A bucket of up to [`ALL_PAIRS_BUCKET`] items yields all its pairs. A
/// larger one would be quadratic (100,000 pages carrying one paragraph are
/// 5·10⁹ pairs), so it is linked in linear work instead: items whose keys
/// agree in *every* band (copies, for all the signature can tell) are each
/// paired with the first of them, and these first items are paired with
/// each other, all pairs if few, else each with the [`ANCHORS`] most copied. The
/// clustering then verifies the rest against cluster centers, so a copied
/// paragraph still forms one cluster with every copy verified.
///
/// Copies agree in every band, so their pairs are made once, in the first
/// band: all of them for up to [`ALL_PAIRS_BUCKET`] copies, else each with
/// the first copy; the other bands skip pairs of copies, which would only
/// repeat them (boilerplate carried by many pages was most of the pairs
/// sorted, once per band).
///
/// Each band's pairs are sorted and deduplicated, then merged into the
/// result pairwise, so memory holds a few bands' pairs at a time rather than
/// all bands'.
pub fn candidate_pairs(keys: &[u64], bands: usize, active: &[bool]) -> Vec<(u32, u32)> {
    let rows: Vec<u64> = keys.chunks_exact(bands.max(1)).map(row_hash).collect();
    let column = |band: usize| -> Result<Vec<u64>, std::convert::Infallible> {
        Ok(keys.chunks_exact(bands.max(1)).map(|row| row[band]).collect())
    };
    match candidate_pairs_by_band(bands, active, &rows, column) {
        Ok(pairs) => pairs,
        Err(never) => match never {},
    }
}

/// [`candidate_pairs`] with each band's keys fetched by `column(band)`
/// (every item's key in that band, in item order) instead of held all at
/// once, so memory holds a few bands' columns at a time. Items with equal
/// `rows[i]` must have equal keys in every band: [`row_hash`] of the keys,
/// or (as the pipeline passes) a digest of the paragraph's words, which
/// groups exact copies.
pub fn candidate_pairs_by_band<E: Send>(
    bands: usize,
    active: &[bool],
    rows: &[u64],
    column: impl Fn(usize) -> Result<Vec<u64>, E> + Sync,
) -> Result<Vec<(u32, u32)>, E> {
    use rayon::prelude::*;
    (0..bands)
        .into_par_iter()
        .map(|band| column(band).map(|keys| band_pairs(band == 0, keys, active, rows)))
        .try_reduce(Vec::new, |a, b| Ok(merge_sorted(a, b)))
}

/// One hash of all of an item's band keys: items with equal rows are
/// copies as far as the signature can tell.
pub fn row_hash(keys: &[u64]) -> u64 {
    keys.iter().fold(0, |h, k| xxhash_rust::xxh3::xxh3_64_with_seed(&k.to_le_bytes(), h))
}

/// The pairs of one band; `keys` is dropped as soon as it is sorted into
/// buckets, so a band holds one column at a time. Pairs of copies (equal
/// `rows`) are made only when `copies` (the first band).
fn band_pairs(copies: bool, keys: Vec<u64>, active: &[bool], rows: &[u64]) -> Vec<(u32, u32)> {
    let mut column: Vec<(u64, u32)> = active
        .iter()
        .zip(&keys)
        .enumerate()
        .filter(|(_, (a, _))| **a)
        .map(|(i, (_, &key))| (key, i as u32))
        .collect();
    drop(keys);
    column.sort_unstable();
    let mut pairs = Vec::new();
    let row = |i: u32| rows[i as usize];
    let mut items: Vec<u32> = Vec::new();
    for bucket in column.chunk_by(|x, y| x.0 == y.0).filter(|b| b.len() > 1) {
        items.clear();
        items.extend(bucket.iter().map(|&(_, p)| p));
        if items.len() > ALL_PAIRS_BUCKET {
            large_bucket_pairs(std::mem::take(&mut items), row, copies, &mut pairs);
        } else if copies {
            all_pairs(&items, &mut pairs);
        } else {
            for (i, &p) in items.iter().enumerate() {
                pairs.extend(items[i + 1..].iter().filter(|&&q| row(p) != row(q)).map(|&q| (p, q)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Every pair of `items` (sorted ascending).
fn all_pairs(items: &[u32], out: &mut Vec<(u32, u32)>) {
    for (i, &p) in items.iter().enumerate() {
        out.extend(items[i + 1..].iter().map(|&q| (p, q)));
    }
}

/// Linear pairs of a large bucket: the first items of each group of copies
/// (the same `row` hash) among themselves, all pairs if at most 4 ×
/// [`ANCHORS`], else each with the [`ANCHORS`] most copied versions (the
/// same ones in every band where they share the bucket, so bands add few
/// new pairs); and, when `copies`, each group's pairs: all of them up to
/// [`ALL_PAIRS_BUCKET`] copies, else each copy with the first.
fn large_bucket_pairs(
    mut items: Vec<u32>,
    row: impl Fn(u32) -> u64,
    copies: bool,
    out: &mut Vec<(u32, u32)>,
) {
    items.sort_unstable_by(|&a, &b| row(a).cmp(&row(b)).then(a.cmp(&b)));
    let mut versions: Vec<(usize, u32)> = Vec::new();
    for group in items.chunk_by(|&a, &b| row(a) == row(b)) {
        let first = group[0];
        if copies && group.len() <= ALL_PAIRS_BUCKET {
            all_pairs(group, out);
        } else if copies {
            out.extend(group[1..].iter().map(|&q| (first, q)));
        }
        versions.push((group.len(), first));
    }
    let mut firsts: Vec<u32> = versions.iter().map(|v| v.1).collect();
    firsts.sort_unstable();
    if firsts.len() <= 4 * ANCHORS {
        all_pairs(&firsts, out);
        return;
    }
    versions.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, anchor) in versions.iter().take(ANCHORS) {
        out.extend(firsts.iter().filter(|&&q| q != anchor).map(|&q| (anchor.min(q), anchor.max(q))));
    }
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

    #[test]
    fn a_bucket_of_copies_yields_one_pair_per_copy() {
        let n = 10 * ALL_PAIRS_BUCKET;
        let keys: Vec<u64> = (0..n).flat_map(|_| [7, 9]).collect();
        let pairs = candidate_pairs(&keys, 2, &vec![true; n]);
        assert_eq!(pairs.len(), n - 1);
        assert!(pairs.iter().all(|&(p, q)| p == 0 && q > 0));
    }

    #[test]
    fn a_large_bucket_of_distinct_items_is_linked_through_anchors() {
        let n = 10 * ALL_PAIRS_BUCKET;
        // All share band 0; band 1 tells them apart.
        let keys: Vec<u64> = (0..n as u64).flat_map(|i| [7, 100 + i]).collect();
        let pairs = candidate_pairs(&keys, 2, &vec![true; n]);
        // All versions are single copies, so the anchors are the first ones.
        let anchors = ANCHORS as u32;
        assert!(pairs.iter().all(|&(p, q)| p < anchors && p < q));
        assert_eq!(pairs.len(), (0..ANCHORS).map(|i| n - 1 - i).sum::<usize>());
    }

    #[test]
    fn pairs_of_copies_are_made_in_the_first_band_only() {
        // Items 0, 1 and 3 are copies (one row); 2 differs in band 1 only.
        let rows = [5, 5, 6, 5];
        let column = |band: usize| -> Result<Vec<u64>, ()> {
            Ok(if band == 0 { vec![1; 4] } else { vec![2, 2, 3, 2] })
        };
        let pairs = candidate_pairs_by_band(2, &[true; 4], &rows, column).unwrap();
        assert_eq!(pairs, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        let later = band_pairs(false, vec![1; 4], &[true; 4], &rows);
        assert_eq!(later, [(0, 2), (1, 2), (2, 3)], "no pair of copies after the first band");
        // In a large bucket, a group of copies small enough gets all its pairs.
        let n = 2 * ALL_PAIRS_BUCKET;
        let rows: Vec<u64> = (0..n as u64).map(|i| if i < 3 { 0 } else { i }).collect();
        let pairs = band_pairs(true, vec![7; n], &vec![true; n], &rows);
        assert!(pairs.contains(&(1, 2)) && pairs.contains(&(0, 2)));
        assert!(!band_pairs(false, vec![7; n], &vec![true; n], &rows).contains(&(1, 2)));
    }

    #[test]
    fn copies_in_a_large_bucket_are_grouped_per_full_key_row() {
        let n = 4 * ALL_PAIRS_BUCKET;
        // Two kinds of copies share band 0 and differ in band 1.
        let keys: Vec<u64> = (0..n).flat_map(|i| [7, (i % 2) as u64]).collect();
        let pairs = candidate_pairs(&keys, 2, &vec![true; n]);
        assert!(pairs.contains(&(0, 1)), "the two groups' first items are paired");
        assert_eq!(pairs.len(), n - 2 + 1);
    }
}
