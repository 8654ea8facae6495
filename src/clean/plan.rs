//! Plan: a scan and its clusters' kinds -> what to remove from each article.
//!
//! A pure function of the scan: it reads no file. Paragraph-level removals
//! ([`Cut`]s) and whole-article drops ([`Dropped`]) are decided here; the
//! byte ranges they become (with the separator next to them) are decided
//! when the text is read again (`rewrite`).
//!
//! - **boilerplate**: every occurrence of a cluster whose provenance kind is
//!   `boilerplate` is removed, in every article (none is kept: keeping one
//!   copy would leave text that a second run could call boilerplate again).
//! - **repeat**: inside one article, a paragraph verified (exact Jaccard at
//!   the scan's threshold) against an earlier paragraph of the same article
//!   that is kept is removed; the first copy stays. Consecutive removed
//!   paragraphs whose kept copies are consecutive too are one cut.
//! - **near-duplicate articles**: two articles each having at least
//!   [`Policy::near_duplicate_share`] of their content in paragraphs matched
//!   in the other; one canonical copy is kept (`docs/clean.md`).

use super::neardup;
use super::{Kind, Policy};
use crate::pipeline::Scan;
use crate::provenance::kinds::{Decided, Kind as Reuse};
use crate::shingle::shingle_set;
use crate::verify::{self, Similarity};

/// A run of paragraphs of one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Article index in the scan.
    pub article: u32,
    /// First paragraph (0-based).
    pub first: u32,
    /// Last paragraph (inclusive).
    pub last: u32,
}

/// Paragraphs to remove from one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Cut {
    /// Why: [`Kind::Repeat`] or [`Kind::Boilerplate`].
    pub kind: Kind,
    /// First paragraph removed (0-based).
    pub first: u32,
    /// Last paragraph removed (inclusive).
    pub last: u32,
    /// The copy this text duplicates.
    pub copy: Place,
    /// Whether that copy stays in the output (never for boilerplate).
    pub copy_kept: bool,
    /// Exact Jaccard of the 5-word shingle sets, summed over the aligned
    /// paragraph pairs of the two runs.
    pub similarity: f64,
    /// The rule that decided it, in words.
    pub rule: String,
}

/// An article dropped as a near-duplicate of another.
#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    /// The article kept in its place.
    pub kept: u32,
    /// The lower of the two coverages (the score held against the threshold).
    pub similarity: f64,
    /// Share of this article's content words in paragraphs matched in the
    /// kept one, and the other way round.
    pub coverage: [f64; 2],
    /// The rule that decided it, in words.
    pub rule: String,
}

/// What happens to one article.
#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    /// Written as it is.
    Keep,
    /// Written without these paragraphs (sorted, disjoint).
    Cut(Vec<Cut>),
    /// Not written.
    Drop(Dropped),
}

/// What happens to every article of a scan.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// One fate per article, in scan order.
    pub fates: Vec<Fate>,
}

impl Plan {
    /// Whether any article of `articles` (a range of article indices) changes.
    pub fn changes(&self, articles: std::ops::Range<usize>) -> bool {
        self.fates.get(articles).is_some_and(|f| f.iter().any(|f| *f != Fate::Keep))
    }
}

/// What each paragraph of the run's table is, before articles are cut.
pub(super) struct Marks {
    /// First paragraph-table index of each article (plus the total at the end).
    pub offsets: Vec<u32>,
    /// Boilerplate cluster and member holding each paragraph, if any (as
    /// `u32`: 12 bytes a paragraph, not 24, on corpora of 10 million).
    pub boilerplate: Vec<Option<(u32, u32)>>,
    /// The earlier kept paragraph each paragraph repeats, if any.
    pub repeat_of: Vec<Option<u32>>,
}

impl Marks {
    /// Whether paragraph `p` is content: neither boilerplate nor a later
    /// copy of a paragraph of its article (whatever the policy keeps).
    pub fn content(&self, p: usize) -> bool {
        self.boilerplate[p].is_none() && self.repeat_of[p].is_none()
    }
}

/// Plans the removals `policy` asks for; `kinds` holds the provenance kind
/// of each cluster of `scan` (same order).
pub fn plan(scan: &Scan, kinds: &[Decided], policy: &Policy) -> Plan {
    let marks = marks(scan, kinds);
    let mut fates: Vec<Fate> =
        (0..scan.articles.len()).map(|a| cuts(scan, kinds, &marks, policy, a)).collect();
    if policy.near_duplicates {
        for (a, dropped) in neardup::near_duplicates(scan, &marks, policy).into_iter().enumerate() {
            if let Some(d) = dropped {
                fates[a] = Fate::Drop(d);
            }
        }
    }
    Plan { fates }
}

/// Boilerplate and repeat marks of every paragraph.
pub(super) fn marks(scan: &Scan, kinds: &[Decided]) -> Marks {
    let n = scan.paragraphs.len();
    let mut offsets = Vec::with_capacity(scan.articles.len() + 1);
    let mut total = 0u32;
    for a in &scan.articles {
        offsets.push(total);
        total = total.saturating_add(a.paragraphs.len() as u32);
    }
    offsets.push(total);
    let mut boilerplate = vec![None; n];
    for (c, cluster) in scan.clusters.iter().enumerate() {
        if kinds.get(c).is_none_or(|d| d.kind != Reuse::Boilerplate) {
            continue;
        }
        for (m, member) in cluster.members.iter().enumerate() {
            for k in 0..=(member.last - member.first) {
                if let Some(slot) = boilerplate.get_mut((member.first_p + k) as usize) {
                    *slot = Some((c as u32, m as u32));
                }
            }
        }
    }
    // Earlier paragraphs of the same article verified against each paragraph.
    let mut earlier: Vec<(u32, u32)> = scan
        .edges
        .iter()
        .filter(|e| scan.paragraphs[e.p as usize].article == scan.paragraphs[e.q as usize].article)
        .map(|e| (e.q.max(e.p), e.p.min(e.q)))
        .collect();
    earlier.sort_unstable();
    let mut repeat_of: Vec<Option<u32>> = vec![None; n];
    for &(q, p) in &earlier {
        let (qi, pi) = (q as usize, p as usize);
        if repeat_of[qi].is_none()
            && boilerplate[qi].is_none()
            && boilerplate[pi].is_none()
            && repeat_of[pi].is_none()
        {
            repeat_of[qi] = Some(p);
        }
    }
    Marks { offsets, boilerplate, repeat_of }
}

/// The cuts of article `a` (its fate before near-duplicates are decided).
fn cuts(scan: &Scan, kinds: &[Decided], marks: &Marks, policy: &Policy, a: usize) -> Fate {
    let (start, end) = (marks.offsets[a] as usize, marks.offsets[a + 1] as usize);
    let mut cuts: Vec<Cut> = Vec::new();
    let mut p = start;
    while p < end {
        let len = if let (Some((c, m)), true) = (marks.boilerplate[p], policy.boilerplate) {
            let (c, m) = (c as usize, m as usize);
            let member = scan.clusters[c].members[m];
            cuts.push(boilerplate_cut(scan, kinds, c, m));
            (member.last - member.first + 1) as usize
        } else if let (Some(first_copy), true) = (marks.repeat_of[p], policy.repeats) {
            let mut len = 1;
            while p + len < end && marks.repeat_of[p + len] == Some(first_copy + len as u32) {
                len += 1;
            }
            cuts.push(repeat_cut(scan, p as u32, first_copy, len as u32));
            len
        } else {
            1
        };
        p += len.max(1);
    }
    if cuts.is_empty() { Fate::Keep } else { Fate::Cut(cuts) }
}

/// The place of paragraphs `p..p+len` (table indices) in their article.
fn place(scan: &Scan, p: u32, len: u32) -> Place {
    let r = scan.paragraphs[p as usize];
    Place { article: r.article, first: r.index, last: r.index + len - 1 }
}

fn repeat_cut(scan: &Scan, q: u32, p: u32, len: u32) -> Cut {
    let removed = place(scan, q, len);
    let copy = place(scan, p, len);
    let rule = match len {
        1 => format!("repeats paragraph {} of the same article, which is kept", copy.first),
        _ => format!("repeats paragraphs {}–{} of the same article, which are kept", copy.first, copy.last),
    };
    Cut {
        kind: Kind::Repeat,
        first: removed.first,
        last: removed.last,
        copy,
        copy_kept: true,
        similarity: block_similarity(scan, q, p, len),
        rule,
    }
}

/// The cut of member `m` of boilerplate cluster `c`; its copy is the
/// cluster's center, or (for the center itself) the first other member.
fn boilerplate_cut(scan: &Scan, kinds: &[Decided], c: usize, m: usize) -> Cut {
    let cluster = &scan.clusters[c];
    let member = cluster.members[m];
    let other = if m != cluster.center { cluster.center } else { usize::from(m == 0) };
    let copy = cluster.members.get(other).copied().unwrap_or(member);
    let len = member.last - member.first + 1;
    Cut {
        kind: Kind::Boilerplate,
        first: member.first,
        last: member.last,
        copy: Place { article: copy.article, first: copy.first, last: copy.last },
        copy_kept: false,
        similarity: block_similarity(scan, member.first_p, copy.first_p, len),
        rule: kinds.get(c).map(|d| d.rule.clone()).unwrap_or_default(),
    }
}

/// Exact Jaccard of paragraphs `p..p+len` against `q..q+len` (table
/// indices), shared shingles over the union summed over the aligned pairs.
pub(super) fn block_similarity(scan: &Scan, p: u32, q: u32, len: u32) -> f64 {
    let (mut shared, mut union) = (0u64, 0u64);
    for k in 0..len {
        if let Some(s) = similarity(scan, p + k, q + k) {
            shared += u64::from(s.shared);
            union += u64::from(s.a_len) + u64::from(s.b_len) - u64::from(s.shared);
        }
    }
    if union == 0 { 0.0 } else { shared as f64 / union as f64 }
}

/// Exact similarity of two paragraphs: their verified pair if the scan has
/// it, else from the normalized words the scan kept of both.
fn similarity(scan: &Scan, p: u32, q: u32) -> Option<Similarity> {
    let key = (p.min(q), p.max(q));
    let i = scan.edges.partition_point(|e| (e.p, e.q) < key);
    if let Some(e) = scan.edges.get(i).filter(|e| (e.p, e.q) == key) {
        return Some(e.similarity);
    }
    let set = |p: u32| {
        let tokens: Vec<crate::normalize::Token> =
            scan.words(p)?.iter().map(|&hash| crate::normalize::Token { start: 0, end: 0, hash }).collect();
        let mut set = Vec::new();
        shingle_set(&tokens, &scan.sketch.shingle, &mut set);
        Some(set)
    };
    Some(verify::compare(&set(p)?, &set(q)?))
}
