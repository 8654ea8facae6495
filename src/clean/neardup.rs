//! Near-duplicate articles: which articles to drop, and the copy kept for
//! each.
//!
//! An article's **content** is its paragraphs that are neither boilerplate
//! nor a later copy of a paragraph of the same article (so that a template
//! or a repeated block never makes two articles "the same"). Article `x`
//! **covers** a share of article `y`: the words of `y`'s content paragraphs
//! that have a verified paragraph match (the scan's exact Jaccard at its
//! threshold) with a content paragraph of `x`, over all words of `y`'s
//! content. Two articles are near-duplicates when each covers at least
//! `Policy::near_duplicate_share` of the other. Coverage is required both
//! ways so that a short excerpt of a long article never replaces it.
//!
//! Articles are taken in canonical order (earliest date, else longest, else
//! smallest id, or as [`Canonical`] says); each one not yet dropped is kept
//! and drops every near-duplicate of it not yet decided. So no two kept
//! articles are near-duplicates, and each dropped article names a kept one
//! it is a near-duplicate of. Removing the dropped articles and the other
//! cuts changes no coverage between kept articles (paragraph matches
//! depend only on the two paragraphs), so a second run drops nothing.

use super::plan::{Dropped, Marks};
use super::{Canonical, Policy};
use crate::pipeline::Scan;
use crate::provenance::time;

/// For each article, whether it is dropped and for which kept article.
pub(super) fn near_duplicates(scan: &Scan, marks: &Marks, policy: &Policy) -> Vec<Option<Dropped>> {
    let content = content_words(scan, marks);
    let covered = covered_words(scan, marks);
    // Share of `y`'s content that `words` of it are.
    let share = |y: u32, words: u64| match content[y as usize] {
        0 => 0.0,
        all => words as f64 / all as f64,
    };
    // (x, y) holds words of y covered by x; look the reverse pair up.
    let lookup = |x: u32, y: u32| {
        covered.binary_search_by_key(&(x, y), |c| (c.0, c.1)).ok().map_or(0, |i| covered[i].2)
    };
    let mut neighbours: Vec<(u32, u32, [f64; 2])> = Vec::new();
    for &(x, y, words) in &covered {
        if x < y {
            let of_y = share(y, words);
            let of_x = share(x, lookup(y, x));
            if of_x >= policy.near_duplicate_share && of_y >= policy.near_duplicate_share {
                neighbours.push((x, y, [of_x, of_y]));
                neighbours.push((y, x, [of_y, of_x]));
            }
        }
    }
    neighbours.sort_by_key(|n| (n.0, n.1));
    decide(scan, &neighbours, policy)
}

/// Walks articles in canonical order: an undecided one is kept and drops
/// its undecided neighbours.
fn decide(scan: &Scan, neighbours: &[(u32, u32, [f64; 2])], policy: &Policy) -> Vec<Option<Dropped>> {
    let mut nodes: Vec<u32> = neighbours.iter().map(|n| n.0).collect();
    nodes.dedup();
    let keys: Vec<Key> = nodes.iter().map(|&a| key(scan, a, policy.canonical)).collect();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&i, &j| keys[i].cmp(&keys[j]));
    let mut out: Vec<Option<Dropped>> = vec![None; scan.articles.len()];
    let mut kept = vec![false; scan.articles.len()];
    for i in order {
        let x = nodes[i];
        if out[x as usize].is_some() {
            continue;
        }
        kept[x as usize] = true;
        let lo = neighbours.partition_point(|n| n.0 < x);
        for &(_, y, [of_x, of_y]) in neighbours[lo..].iter().take_while(|n| n.0 == x) {
            if kept[y as usize] || out[y as usize].is_some() {
                continue;
            }
            let rule = format!(
                "near-duplicate article: {:.0}% of its words are in paragraphs matched in the kept copy, \
                 {:.0}% of the kept copy's in it (both at least {:.0}%); kept: {}",
                of_y * 100.0,
                of_x * 100.0,
                policy.near_duplicate_share * 100.0,
                policy.canonical.describe()
            );
            out[y as usize] =
                Some(Dropped { kept: x, similarity: of_x.min(of_y), coverage: [of_y, of_x], rule });
        }
    }
    out
}

/// Sort key of an article in canonical order (ties end on the article index).
type Key = (Vec<i64>, String, u32);

fn key(scan: &Scan, a: u32, canonical: Canonical) -> Key {
    let article = &scan.articles[a as usize];
    // Undated articles come after dated ones.
    let date = article.meta.date.as_deref().and_then(time::parse).map_or(i64::MAX, |t| t.0);
    let longest = -(article.text_len as i64);
    let numbers = match canonical {
        Canonical::Earliest => vec![date, longest],
        Canonical::Longest => vec![longest, date],
        Canonical::SmallestId => vec![],
    };
    (numbers, article.meta.id.clone(), a)
}

/// Words of each article's content paragraphs.
fn content_words(scan: &Scan, marks: &Marks) -> Vec<u64> {
    (0..scan.articles.len())
        .map(|a| {
            let (start, end) = (marks.offsets[a] as usize, marks.offsets[a + 1] as usize);
            (start..end)
                .filter(|&p| marks.content(p))
                .map(|p| u64::from(scan.articles[a].paragraphs[p - start].words))
                .sum()
        })
        .collect()
}

/// `(x, y, words)`: words of `y`'s content paragraphs matched by a content
/// paragraph of `x`, for every ordered pair of different articles sharing
/// any; sorted by `(x, y)`.
fn covered_words(scan: &Scan, marks: &Marks) -> Vec<(u32, u32, u64)> {
    let mut hits: Vec<(u32, u32, u32)> = Vec::new();
    for e in &scan.edges {
        let (p, q) = (scan.paragraphs[e.p as usize], scan.paragraphs[e.q as usize]);
        if p.article == q.article || !marks.content(e.p as usize) || !marks.content(e.q as usize) {
            continue;
        }
        hits.push((p.article, q.article, e.q));
        hits.push((q.article, p.article, e.p));
    }
    hits.sort_unstable();
    hits.dedup();
    let mut out: Vec<(u32, u32, u64)> = Vec::new();
    for (x, y, p) in hits {
        let r = scan.paragraphs[p as usize];
        let words = u64::from(scan.articles[y as usize].paragraphs[r.index as usize].words);
        match out.last_mut() {
            Some(last) if (last.0, last.1) == (x, y) => last.2 += words,
            _ => out.push((x, y, words)),
        }
    }
    out
}
