//! Verify: two shingle sets -> their exact similarity.
//!
//! Every LSH candidate passes through here, so no reported pair rests on an
//! estimate. Sets are sorted and free of duplicates (see `shingle`).

/// Exact similarity of two shingle sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Similarity {
    /// Shingles in both sets.
    pub shared: u32,
    /// Size of the first set.
    pub a_len: u32,
    /// Size of the second set.
    pub b_len: u32,
}

impl Similarity {
    /// Jaccard similarity `|A ∩ B| / |A ∪ B|` (0 for two empty sets).
    pub fn jaccard(&self) -> f64 {
        let union = self.a_len + self.b_len - self.shared;
        if union == 0 { 0.0 } else { f64::from(self.shared) / f64::from(union) }
    }

    /// Share of the first set found in the second, `|A ∩ B| / |A|`.
    pub fn a_in_b(&self) -> f64 {
        ratio(self.shared, self.a_len)
    }

    /// Share of the second set found in the first, `|A ∩ B| / |B|`.
    pub fn b_in_a(&self) -> f64 {
        ratio(self.shared, self.b_len)
    }
}

fn ratio(part: u32, whole: u32) -> f64 {
    if whole == 0 { 0.0 } else { f64::from(part) / f64::from(whole) }
}

/// Compares two sorted, deduplicated shingle sets.
///
/// Identical sets (most candidate pairs of a news corpus: boilerplate and
/// verbatim copies) are recognized by one `memcmp`; others are merged
/// without data-dependent branches.
pub fn compare(a: &[u64], b: &[u64]) -> Similarity {
    let shared = if a == b { a.len() } else { intersection(a, b) };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Similarity { shared: count(shared), a_len: count(a.len()), b_len: count(b.len()) }
}

/// Size of the intersection of two sorted, deduplicated sets.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        shared += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    shared
}

/// A paragraph's place: which article, which paragraph of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParaRef {
    /// Index of the article in the run.
    pub article: u32,
    /// 0-based index of the paragraph in the article.
    pub index: u32,
}

/// A verified pair of paragraphs `p < q`, by their index in the run's
/// paragraph table (ordered by article, then paragraph).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// The earlier paragraph.
    pub p: u32,
    /// The later paragraph.
    pub q: u32,
    /// Their exact similarity.
    pub similarity: Similarity,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_and_containment() {
        let s = compare(&[1, 2, 3, 4], &[3, 4, 5]);
        assert_eq!(s.shared, 2);
        assert!((s.jaccard() - 0.4).abs() < 1e-12);
        assert!((s.a_in_b() - 0.5).abs() < 1e-12);
        assert!((s.b_in_a() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(compare(&[], &[]).jaccard(), 0.0);
        assert_eq!(compare(&[1, 5, 9], &[1, 5, 9]).shared, 3);
        assert_eq!(compare(&[1, 5, 9], &[2, 5, 8, 9, 10]).shared, 2);
        assert_eq!(compare(&[7], &[]).shared, 0);
    }
}
