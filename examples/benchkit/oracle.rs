//! The exact oracle: every pair of paragraphs whose shingle sets have a
//! Jaccard of at least the threshold.
//!
//! It shares no hashing with wiretrace: a shingle is the string of `k`
//! normalized words joined by spaces, hashed with std's SipHash (64 bits;
//! a collision among this many shingles has a probability below 1e-6), and
//! sets are compared exactly. Paragraphs with identical sets are grouped
//! first (boilerplate makes thousands of copies); the groups are then joined
//! with the AllPairs prefix filter (Bayardo, Ma & Srikant, "Scaling up all
//! pairs similarity search", WWW 2007), which is exact: two sets with
//! Jaccard `>= t` share a token among the first `|x| - ceil(t|x|) + 1` of
//! each, in any fixed token order; rare tokens come first to keep posting
//! lists short.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Words per shingle and the fewest words a paragraph needs (wiretrace's
/// defaults: 5 and 3; 3 or 4 words make one shingle of all of them).
pub const SHINGLE: usize = 5;
const MIN_WORDS: usize = 3;

/// The shingle set of one paragraph's words, sorted and unique.
pub fn shingles(words: &[&str]) -> Vec<u64> {
    let hash = |window: &[&str]| {
        let mut h = DefaultHasher::new();
        window.join(" ").hash(&mut h);
        h.finish()
    };
    let mut out: Vec<u64> = match words.len() {
        n if n < MIN_WORDS => Vec::new(),
        n if n < SHINGLE => vec![hash(words)],
        _ => words.windows(SHINGLE).map(hash).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sorted sets have a Jaccard of at least `t` (as wiretrace
/// computes it: `shared / union` in `f64`).
pub fn similar<T: Ord>(a: &[T], b: &[T], t: f64) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, shared) = (i + 1, j + 1, shared + 1),
        }
    }
    let union = a.len() + b.len() - shared;
    union > 0 && shared as f64 / union as f64 >= t
}

/// Paragraphs grouped by identical non-empty shingle set.
pub struct Groups {
    /// The group of each paragraph (`None`: no shingles).
    pub of: Vec<Option<u32>>,
    /// Each group's set.
    pub sets: Vec<Vec<u64>>,
    /// Each group's number of paragraphs.
    pub sizes: Vec<u64>,
}

/// Groups `sets` (one per paragraph) by identical set.
pub fn group(sets: Vec<Vec<u64>>) -> Groups {
    let mut index: HashMap<Vec<u64>, u32> = HashMap::new();
    let mut groups = Groups { of: Vec::with_capacity(sets.len()), sets: Vec::new(), sizes: Vec::new() };
    for set in sets {
        if set.is_empty() {
            groups.of.push(None);
            continue;
        }
        let next = groups.sets.len() as u32;
        let g = *index.entry(set).or_insert_with_key(|set| {
            groups.sets.push(set.clone());
            groups.sizes.push(0);
            next
        });
        groups.sizes[g as usize] += 1;
        groups.of.push(Some(g));
    }
    groups
}

/// Pairs of distinct groups `(x, y)`, `x < y`, whose sets have a Jaccard of
/// at least `t`, sorted.
pub fn similar_groups(sets: &[Vec<u64>], t: f64) -> Vec<(u32, u32)> {
    let ranked = rank_tokens(sets);
    let mut order: Vec<u32> = (0..sets.len() as u32).collect();
    order.sort_by_key(|&g| ranked[g as usize].len());
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let mut seen: Vec<u32> = vec![u32::MAX; sets.len()];
    let mut found = Vec::new();
    for &x in &order {
        let tokens = &ranked[x as usize];
        let n = tokens.len();
        // A larger prefix is always safe; the epsilon keeps 0.8 * 5 at 4.
        let overlap = ((t * n as f64) - 1e-9).ceil().max(1.0) as usize;
        let prefix = &tokens[..(n + 1).saturating_sub(overlap).min(n)];
        for &token in prefix {
            let slot = token as usize;
            if postings.len() <= slot {
                postings.resize_with(slot + 1, Vec::new);
            }
            for &y in &postings[slot] {
                let m = ranked[y as usize].len();
                if seen[y as usize] != x && (m as f64) >= t * n as f64 - 1e-9 {
                    seen[y as usize] = x;
                    if similar(&ranked[y as usize], tokens, t) {
                        found.push((x.min(y), x.max(y)));
                    }
                }
            }
        }
        for &token in prefix {
            postings[token as usize].push(x);
        }
    }
    found.sort_unstable();
    found
}

/// Each set with its tokens renamed by rarity (0 = the rarest), sorted.
fn rank_tokens(sets: &[Vec<u64>]) -> Vec<Vec<u32>> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for set in sets {
        for &s in set {
            *counts.entry(s).or_default() += 1;
        }
    }
    let mut tokens: Vec<(u32, u64)> = counts.into_iter().map(|(s, c)| (c, s)).collect();
    tokens.sort_unstable();
    let rank: HashMap<u64, u32> = tokens.iter().enumerate().map(|(i, &(_, s))| (s, i as u32)).collect();
    sets.iter()
        .map(|set| {
            let mut r: Vec<u32> = set.iter().filter_map(|s| rank.get(s).copied()).collect();
            r.sort_unstable();
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_filter_finds_what_brute_force_finds() {
        let mut state = 7u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        // Noisy copies of a few random sets: some pairs are near, most are not.
        let base: Vec<Vec<u64>> = (0..8).map(|_| (0..5 + next(30)).map(|_| next(200)).collect()).collect();
        let mut sets: Vec<Vec<u64>> = (0..80)
            .map(|i| {
                let mut s: Vec<u64> = base[i % base.len()].iter().filter(|_| next(20) > 0).copied().collect();
                s.extend((0..next(3)).map(|_| next(200)));
                s.sort_unstable();
                s.dedup();
                s
            })
            .filter(|s| !s.is_empty())
            .collect();
        sets.sort();
        sets.dedup();
        for t in [0.5, 0.8] {
            let mut brute = Vec::new();
            for x in 0..sets.len() {
                for y in x + 1..sets.len() {
                    if similar(&sets[x], &sets[y], t) {
                        brute.push((x as u32, y as u32));
                    }
                }
            }
            assert!(!brute.is_empty());
            assert_eq!(similar_groups(&sets, t), brute, "threshold {t}");
        }
    }
}
