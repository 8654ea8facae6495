//! Regions: a scan's clusters, unclustered block matches and passages ->
//! the text each pair of articles shares, with word counts, words kept in
//! order, and how much of each side is quoted or page junk.
//!
//! A cluster present in at most [`PAIR_CAP`] articles gives a region to
//! every pair of its articles; a larger one gives regions only between its
//! center and each other member (so the work stays linear in the size of a
//! cluster of stock text; the pairs left out are reported through the
//! center).

use std::collections::BTreeMap;

use crate::cluster::{Cluster, Occurrence};
use crate::diff;
use crate::pipeline::Scan;
use crate::segment::Span;

/// Clusters in more articles than this give center pairs only.
pub const PAIR_CAP: usize = 64;

/// Where a region was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A cluster (index into the scan's clusters).
    Cluster(usize),
    /// A block match left out of every cluster (index into the blocks).
    Block(usize),
    /// A shared passage (index into the passages).
    Passage(usize),
}

/// Text shared by two articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Where it was found.
    pub origin: Origin,
    /// Byte span in each article.
    pub spans: [Span; 2],
    /// Words on each side.
    pub words: [u32; 2],
    /// Words kept in order on the other side (a common subsequence).
    pub kept: u32,
    /// Share of each side's words inside quotation marks.
    pub quoted: [f32; 2],
    /// Whether each side is mostly page junk.
    pub junk: [bool; 2],
}

impl Region {
    /// Words kept in order over all words, `2 * kept / (words a + words b)`.
    pub fn similarity(&self) -> f64 {
        let all = f64::from(self.words[0]) + f64::from(self.words[1]);
        if all == 0.0 { 0.0 } else { 2.0 * f64::from(self.kept) / all }
    }
}

/// Regions of every article pair `(a, b)`, `a < b`, in pair order.
pub type PairRegions = BTreeMap<(u32, u32), Vec<Region>>;

/// All regions shared by two different articles in `scan`.
pub fn regions(scan: &Scan) -> PairRegions {
    let mut out = PairRegions::new();
    let mut clustered = vec![false; scan.paragraphs.len()];
    for (c, cluster) in scan.clusters.iter().enumerate() {
        let mut articles: Vec<u32> = cluster.members.iter().map(|m| m.article).collect();
        articles.dedup();
        for x in &cluster.members {
            for p in x.first_p..=x.first_p + (x.last - x.first) {
                clustered[p as usize] = true;
            }
        }
        for (x, y) in member_pairs(cluster, articles.len() <= PAIR_CAP) {
            if x.article != y.article {
                out.entry((x.article, y.article)).or_default().push(occurrences(scan, c, x, y));
            }
        }
    }
    for (i, b) in scan.blocks.iter().enumerate() {
        if b.a_article != b.b_article && !clustered[b.first_p as usize] && !clustered[b.first_q as usize] {
            let x = Occurrence {
                article: b.a_article,
                first: b.a_first,
                last: b.a_first + b.len - 1,
                first_p: b.first_p,
            };
            let y = Occurrence {
                article: b.b_article,
                first: b.b_first,
                last: b.b_first + b.len - 1,
                first_p: b.first_q,
            };
            let mut region = occurrences(scan, 0, x, y);
            region.origin = Origin::Block(i);
            out.entry((x.article, y.article)).or_default().push(region);
        }
    }
    for (i, p) in scan.passages.iter().enumerate() {
        out.entry((p.a_article, p.b_article)).or_default().push(passage(scan, i));
    }
    out
}

/// Pairs `(x, y)` of a cluster's members, `x` before `y`: all of them, or
/// (`all == false`) the center with each other member, in member order.
fn member_pairs(cluster: &Cluster, all: bool) -> Vec<(Occurrence, Occurrence)> {
    let m = &cluster.members;
    if all {
        return m.iter().enumerate().flat_map(|(i, &x)| m[i + 1..].iter().map(move |&y| (x, y))).collect();
    }
    let center = m[cluster.center];
    let before = m[..cluster.center].iter().map(|&x| (x, center));
    before.chain(m[cluster.center + 1..].iter().map(|&y| (center, y))).collect()
}

/// The region of cluster `c` between occurrences `x` and `y` (same length).
fn occurrences(scan: &Scan, c: usize, x: Occurrence, y: Occurrence) -> Region {
    let (mut words, mut kept, mut quoted, mut junk) = ([0u32; 2], 0u32, [0f32; 2], [0u32; 2]);
    for k in 0..=(x.last - x.first) {
        for (side, o) in [x, y].iter().enumerate() {
            let p = &scan.articles[o.article as usize].paragraphs[(o.first + k) as usize];
            words[side] += p.words;
            quoted[side] += p.quoted * p.words as f32;
            junk[side] += if p.junk { p.words } else { 0 };
        }
        let kept_here = match (scan.words(x.first_p + k), scan.words(y.first_p + k)) {
            (Some(a), Some(b)) => diff::kept_words(&a, &b),
            _ => 0,
        };
        kept += u32::try_from(kept_here).unwrap_or(u32::MAX);
    }
    let span = |o: Occurrence| {
        let a = &scan.articles[o.article as usize];
        Span { start: a.paragraphs[o.first as usize].span.start, end: a.paragraphs[o.last as usize].span.end }
    };
    let share = |q: f32, w: u32| if w == 0 { 0.0 } else { q / w as f32 };
    Region {
        origin: Origin::Cluster(c),
        spans: [span(x), span(y)],
        words,
        kept,
        quoted: [share(quoted[0], words[0]), share(quoted[1], words[1])],
        junk: [junk[0] * 2 > words[0], junk[1] * 2 > words[1]],
    }
}

/// The region of passage `i`.
fn passage(scan: &Scan, i: usize) -> Region {
    let p = &scan.passages[i];
    let kept = p.kept.unwrap_or_else(|| (p.cosine * p.words[0].min(p.words[1]) as f64) as u32);
    let junk = |article: u32, span: Span| {
        let a = &scan.articles[article as usize];
        let (first, last) = (a.paragraph_at(span.start), a.paragraph_at(span.end.saturating_sub(1)));
        a.paragraphs.get(first..=last).is_some_and(|ps| ps.iter().all(|q| q.junk))
    };
    Region {
        origin: Origin::Passage(i),
        spans: [p.a, p.b],
        words: p.words,
        kept,
        quoted: [f32::from(u8::from(p.quoted[0])), f32::from(u8::from(p.quoted[1]))],
        junk: [junk(p.a_article, p.a), junk(p.b_article, p.b)],
    }
}
