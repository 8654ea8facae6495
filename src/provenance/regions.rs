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
use std::ops::Range;

use rayon::prelude::*;

use crate::blocks::BlockMatch;
use crate::cluster::{Cluster, Occurrence};
use crate::diff;
use crate::pipeline::Scan;
use crate::segment::Span;
use crate::sketch::ArticleSketch;

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

/// The paragraphs of `article` holding `spans`, each span as an inclusive
/// range of paragraph indices.
pub fn paragraphs_of(article: &ArticleSketch, spans: impl Iterator<Item = Span>) -> Vec<(u32, u32)> {
    let index = |at: usize| u32::try_from(article.paragraph_at(at)).unwrap_or(u32::MAX);
    spans.map(|s| (index(s.start), index(s.end.saturating_sub(1).max(s.start)))).collect()
}

/// Regions of every article pair `(a, b)`, `a < b`, in pair order.
pub type PairRegions = BTreeMap<(u32, u32), Vec<Region>>;

/// Regions with their article pair, sorted by pair (within a pair: clusters,
/// then block matches, then passages, each in scan order).
pub type RegionList = Vec<((u32, u32), Region)>;

/// Block matches and passages of a scan left out of its regions, by their
/// index in the scan's lists (an index past the end is not left out).
#[derive(Clone, Debug, Default)]
pub struct Without {
    /// Whether each block match is left out.
    pub blocks: Vec<bool>,
    /// Whether each passage is left out.
    pub passages: Vec<bool>,
}

impl Without {
    fn block(&self, i: usize) -> bool {
        self.blocks.get(i).copied().unwrap_or(false)
    }

    fn passage(&self, i: usize) -> bool {
        self.passages.get(i).copied().unwrap_or(false)
    }
}

/// All regions shared by two different articles in `scan`.
pub fn regions(scan: &Scan) -> PairRegions {
    let mut out = PairRegions::new();
    for (key, region) in regions_from(scan, 0..u32::MAX, true, &Without::default()) {
        out.entry(key).or_default().push(region);
    }
    out
}

/// The regions of the article pairs `(a, b)` with `a` in `first`, built in
/// parallel, except the block matches and passages `without` names;
/// without `kept`, their words kept in order are left at 0 (the costly
/// part).
pub fn regions_from(scan: &Scan, first: Range<u32>, kept: bool, without: &Without) -> RegionList {
    let clustered = clustered(scan);
    let from = |a: u32| first.contains(&a);
    let mut out: RegionList = scan
        .clusters
        .par_iter()
        .enumerate()
        .flat_map_iter(|(c, cluster)| {
            let all = distinct_articles(cluster) <= PAIR_CAP;
            member_pairs(cluster, all)
                .filter(|(x, y)| x.article != y.article && from(x.article))
                .map(move |(x, y)| ((x.article, y.article), occurrences(scan, c, x, y, kept)))
                .collect::<Vec<_>>()
        })
        .collect();
    let blocks = scan
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| from(b.a_article) && is_region(b, &clustered) && !without.block(i));
    out.extend(blocks.map(|(i, b)| ((b.a_article, b.b_article), block(scan, i, kept))));
    let passages =
        scan.passages.iter().enumerate().filter(|&(i, p)| from(p.a_article) && !without.passage(i));
    out.extend(passages.map(|(i, p)| ((p.a_article, p.b_article), passage(scan, i))));
    out.sort_by_key(|(key, _)| *key);
    out
}

/// For each article, the number of regions whose pair it begins: what
/// [`regions_from`] would hold for a range of articles.
pub fn regions_per_article(scan: &Scan, without: &Without) -> Vec<u64> {
    let mut count = vec![0u64; scan.articles.len()];
    for cluster in &scan.clusters {
        let all = distinct_articles(cluster) <= PAIR_CAP;
        for (x, _) in member_pairs(cluster, all).filter(|(x, y)| x.article != y.article) {
            count[x.article as usize] += 1;
        }
    }
    let clustered = clustered(scan);
    for (_, b) in
        scan.blocks.iter().enumerate().filter(|&(i, b)| is_region(b, &clustered) && !without.block(i))
    {
        count[b.a_article as usize] += 1;
    }
    for (_, p) in scan.passages.iter().enumerate().filter(|&(i, _)| !without.passage(i)) {
        count[p.a_article as usize] += 1;
    }
    count
}

/// Whether each paragraph is in a cluster.
fn clustered(scan: &Scan) -> Vec<bool> {
    let mut clustered = vec![false; scan.paragraphs.len()];
    for x in scan.clusters.iter().flat_map(|c| &c.members) {
        for p in x.first_p..=x.first_p + (x.last - x.first) {
            clustered[p as usize] = true;
        }
    }
    clustered
}

/// Articles among a cluster's members (members are in article order).
fn distinct_articles(cluster: &Cluster) -> usize {
    1 + cluster.members.windows(2).filter(|w| w[0].article != w[1].article).count()
}

/// Whether block match `b` is a region of its own: between two articles,
/// and left out of every cluster.
fn is_region(b: &BlockMatch, clustered: &[bool]) -> bool {
    b.a_article != b.b_article && !clustered[b.first_p as usize] && !clustered[b.first_q as usize]
}

/// The region of block match `i`.
fn block(scan: &Scan, i: usize, kept: bool) -> Region {
    let b = &scan.blocks[i];
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
    Region { origin: Origin::Block(i), ..occurrences(scan, 0, x, y, kept) }
}

/// Pairs `(x, y)` of a cluster's members, `x` before `y`: all of them, or
/// (`all == false`) the center with each other member, in member order.
fn member_pairs(cluster: &Cluster, all: bool) -> impl Iterator<Item = (Occurrence, Occurrence)> + '_ {
    let m = &cluster.members;
    let every = m.iter().enumerate().flat_map(|(i, &x)| m[i + 1..].iter().map(move |&y| (x, y)));
    let center = m[cluster.center];
    let before = m[..cluster.center].iter().map(move |&x| (x, center));
    let after = m[cluster.center + 1..].iter().map(move |&y| (center, y));
    let (every, star) = if all { (Some(every), None) } else { (None, Some(before.chain(after))) };
    every.into_iter().flatten().chain(star.into_iter().flatten())
}

/// The region of cluster `c` between occurrences `x` and `y` (same length);
/// words kept in order counted only when `count_kept`.
fn occurrences(scan: &Scan, c: usize, x: Occurrence, y: Occurrence, count_kept: bool) -> Region {
    let (mut words, mut kept, mut quoted, mut junk) = ([0u32; 2], 0u32, [0f32; 2], [0u32; 2]);
    for k in 0..=(x.last - x.first) {
        for (side, o) in [x, y].iter().enumerate() {
            let p = &scan.articles[o.article as usize].paragraphs[(o.first + k) as usize];
            words[side] += p.words;
            quoted[side] += p.quoted * p.words as f32;
            junk[side] += if p.junk { p.words } else { 0 };
        }
        if !count_kept {
            continue;
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
