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
use crate::provenance::kinds::{Decided, Kind as Reuse, Rule};
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
    /// The rule that decided it, in words (a boilerplate cut shares its
    /// cluster's).
    pub rule: Rule,
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
///
/// Sparse: at a million articles, about one paragraph in 14 is boilerplate
/// and one in 600 a repeat, so a list of the marked ones takes 12 MB where
/// a slot for every paragraph took 290 MB (20 bytes each).
pub(super) struct Marks {
    /// First paragraph-table index of each article (plus the total at the end).
    pub offsets: Vec<u32>,
    /// `(paragraph, (cluster, member))`: the boilerplate cluster and member
    /// holding each boilerplate paragraph, sorted by paragraph.
    boilerplate: Vec<(u32, (u32, u32))>,
    /// `(paragraph, copy)`: the earlier kept paragraph of the same article
    /// that each repeated paragraph repeats, sorted by paragraph.
    repeats: Vec<(u32, u32)>,
}

impl Marks {
    /// The boilerplate cluster and member holding paragraph `p`, if any.
    pub fn boilerplate(&self, p: usize) -> Option<(u32, u32)> {
        find(&self.boilerplate, p)
    }

    /// The earlier kept paragraph that paragraph `p` repeats, if any.
    pub fn repeat_of(&self, p: usize) -> Option<u32> {
        find(&self.repeats, p)
    }

    /// Whether paragraph `p` is content: neither boilerplate nor a later
    /// copy of a paragraph of its article (whatever the policy keeps).
    pub fn content(&self, p: usize) -> bool {
        self.boilerplate(p).is_none() && self.repeat_of(p).is_none()
    }
}

/// The value for key `p` in `list` (sorted by key).
fn find<T: Copy>(list: &[(u32, T)], p: usize) -> Option<T> {
    let i = list.partition_point(|&(q, _)| (q as usize) < p);
    list.get(i).filter(|&&(q, _)| q as usize == p).map(|&(_, v)| v)
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
    let mut boilerplate: Vec<(u32, (u32, u32))> = Vec::new();
    for (c, cluster) in scan.clusters.iter().enumerate() {
        if kinds.get(c).is_none_or(|d| d.kind != Reuse::Boilerplate) {
            continue;
        }
        for (m, member) in cluster.members.iter().enumerate() {
            for k in 0..=(member.last - member.first) {
                let p = member.first_p + k;
                if (p as usize) < n {
                    boilerplate.push((p, (c as u32, m as u32)));
                }
            }
        }
    }
    // A paragraph held by several: the last cluster and member listed.
    boilerplate.sort_unstable_by_key(|&(p, cm)| (p, std::cmp::Reverse(cm)));
    boilerplate.dedup_by_key(|&mut (p, _)| p);
    boilerplate.shrink_to_fit();
    let is_boilerplate = |p: u32| find(&boilerplate, p as usize).is_some();
    // Earlier paragraphs of the same article verified against each paragraph.
    let mut earlier: Vec<(u32, u32)> = scan
        .edges
        .iter()
        .filter(|e| scan.paragraphs[e.p as usize].article == scan.paragraphs[e.q as usize].article)
        .map(|e| (e.q.max(e.p), e.p.min(e.q)))
        .collect();
    earlier.sort_unstable();
    // Built in paragraph order, so sorted; `p < q` is already in it if marked.
    let mut repeats: Vec<(u32, u32)> = Vec::new();
    for &(q, p) in &earlier {
        if repeats.last().is_some_and(|&(last, _)| last == q) {
            continue;
        }
        if !is_boilerplate(q) && !is_boilerplate(p) && find(&repeats, p as usize).is_none() {
            repeats.push((q, p));
        }
    }
    repeats.shrink_to_fit();
    Marks { offsets, boilerplate, repeats }
}

/// The cuts of article `a` (its fate before near-duplicates are decided).
fn cuts(scan: &Scan, kinds: &[Decided], marks: &Marks, policy: &Policy, a: usize) -> Fate {
    let (start, end) = (marks.offsets[a] as usize, marks.offsets[a + 1] as usize);
    let mut cuts: Vec<Cut> = Vec::new();
    let mut p = start;
    while p < end {
        let len = if let (Some((c, m)), true) = (marks.boilerplate(p), policy.boilerplate) {
            let (c, m) = (c as usize, m as usize);
            let member = scan.clusters[c].members[m];
            cuts.push(boilerplate_cut(scan, kinds, c, m));
            (member.last - member.first + 1) as usize
        } else if let (Some(first_copy), true) = (marks.repeat_of(p), policy.repeats) {
            let mut len = 1;
            while p + len < end && marks.repeat_of(p + len) == Some(first_copy + len as u32) {
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
    // Counted from 1 as in the text report (¶), not from 0 as the fields.
    let rule = match len {
        1 => format!("repeats ¶{} of the same article, which is kept", copy.first + 1),
        _ => format!("repeats ¶{}–{} of the same article, which are kept", copy.first + 1, copy.last + 1),
    };
    Cut {
        kind: Kind::Repeat,
        first: removed.first,
        last: removed.last,
        copy,
        copy_kept: true,
        similarity: block_similarity(scan, q, p, len),
        rule: rule.into(),
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
        rule: kinds.get(c).map_or_else(|| "".into(), |d| d.rule.clone()),
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
