//! Extension: seeds -> fragments, runs of sentences on both sides that are
//! reused as a whole.
//!
//! Seeds are clustered by their gaps: sorted by sentence in text a, a new
//! cluster starts where two consecutive seeds are more than `gap` sentences
//! apart; each cluster is then split the same way along text b, and so on
//! until no cluster splits. A cluster whose two sentence ranges are not
//! similar enough as wholes (fragment cosine below the validation
//! threshold) is clustered again with a smaller gap (after Sanchez-Perez,
//! Sidorov & Gelbukh 2014).

use rustc_hash::FxHashMap as HashMap;

use super::seeds::fragment_cosine;
use super::sentences::Sentence;

/// A run of sentences `a.0..=a.1` of text a reused as `b.0..=b.1` of text b.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Fragment {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub seeds: u32,
    pub cosine: f64,
}

/// Fragments of `seeds`, validated at `min_cosine`.
pub(super) fn fragments(
    seeds: &[(u32, u32)],
    a: &[Sentence],
    b: &[Sentence],
    idf: &HashMap<u64, f64>,
    gap: u32,
    min_cosine: f64,
) -> Vec<Fragment> {
    let mut out = Vec::new();
    for group in cluster(seeds.to_vec(), gap) {
        let fragment = span_of(&group, a, b, idf);
        if fragment.cosine >= min_cosine {
            out.push(fragment);
        } else if let Some(smaller) = largest_gap(&group).checked_sub(1) {
            // Any gap from here down to the largest one inside the group
            // would give the same cluster: go straight below it.
            out.extend(fragments(&group, a, b, idf, smaller.min(gap.saturating_sub(1)), min_cosine));
        }
    }
    out
}

/// The largest gap between consecutive seeds of `group`, along either text
/// (0 for a single seed: nothing left to split).
fn largest_gap(group: &[(u32, u32)]) -> u32 {
    let along = |key: fn(&(u32, u32)) -> u32| {
        let mut keys: Vec<u32> = group.iter().map(key).collect();
        keys.sort_unstable();
        keys.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0)
    };
    along(|s| s.0).max(along(|s| s.1))
}

fn span_of(group: &[(u32, u32)], a: &[Sentence], b: &[Sentence], idf: &HashMap<u64, f64>) -> Fragment {
    let (mut a0, mut a1, mut b0, mut b1) = (u32::MAX, 0, u32::MAX, 0);
    for &(i, j) in group {
        (a0, a1, b0, b1) = (a0.min(i), a1.max(i), b0.min(j), b1.max(j));
    }
    let cosine = fragment_cosine(&a[a0 as usize..=a1 as usize], &b[b0 as usize..=b1 as usize], idf);
    Fragment { a: (a0, a1), b: (b0, b1), seeds: group.len() as u32, cosine }
}

/// Splits seeds into clusters whose consecutive members are at most `gap`
/// sentences apart on both sides.
fn cluster(seeds: Vec<(u32, u32)>, gap: u32) -> Vec<Vec<(u32, u32)>> {
    let mut done = Vec::new();
    let mut todo = vec![(seeds, true)];
    while let Some((group, by_a)) = todo.pop() {
        let parts = split(group, gap, by_a);
        if parts.len() == 1 {
            // Stable along this side; stable along the other too?
            let group = parts.into_iter().next().unwrap_or_default();
            let other = split(group, gap, !by_a);
            if other.len() == 1 {
                done.extend(other);
            } else {
                todo.extend(other.into_iter().map(|g| (g, by_a)));
            }
        } else {
            todo.extend(parts.into_iter().map(|g| (g, !by_a)));
        }
    }
    done.sort();
    done
}

fn split(mut group: Vec<(u32, u32)>, gap: u32, by_a: bool) -> Vec<Vec<(u32, u32)>> {
    let key = |s: &(u32, u32)| if by_a { (s.0, s.1) } else { (s.1, s.0) };
    group.sort_by_key(key);
    let mut parts: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut last: Option<u32> = None;
    for s in group {
        let k = key(&s).0;
        match (parts.last_mut(), last) {
            (Some(part), Some(prev)) if k - prev <= gap => part.push(s),
            _ => parts.push(vec![s]),
        }
        last = Some(k);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_gap_does_not_recurse_once_per_step() {
        // Seeds far apart whose fragment fails validation: with a gap of a
        // million, recursion must jump, not step down one by one.
        use crate::align::sentences::Sentence;
        use crate::segment::Span;
        let sentence = |t: u64| Sentence { span: Span { start: 0, end: 1 }, terms: vec![(t, 1)] };
        let a: Vec<Sentence> = (0..50).map(sentence).collect();
        let b: Vec<Sentence> = (100..150).map(sentence).collect();
        let idf: HashMap<u64, f64> = (0..150).map(|t| (t, 1.0)).collect();
        let seeds = vec![(0, 0), (49, 49)];
        assert!(fragments(&seeds, &a, &b, &idf, 1_000_000, 0.5).is_empty());
    }

    #[test]
    fn clusters_split_on_gaps_on_either_side() {
        let seeds = vec![(0, 10), (1, 11), (2, 40), (9, 12)];
        let groups = cluster(seeds, 2);
        assert_eq!(groups, vec![vec![(0, 10), (1, 11)], vec![(2, 40)], vec![(9, 12)]]);
    }
}
