//! A pair's regions as reported: each piece of text two articles share (a
//! [`Region`] with its kind) -> a [`RegionOut`] naming where the report
//! already places it: two members of a cluster, or one match.
//!
//! References, not copies: a cluster in n articles gives n(n-1)/2 pairs, and
//! each pair's region costs a few numbers rather than two places or a text.
//! Every region of a pair resolves to a place on each side, so a reader (or
//! the HTML view) can find what any pair shares, including two members of a
//! cluster neither of which is its center (they have no match of their own).

use super::RegionOut;
use crate::pipeline::Scan;
use crate::provenance::kinds::Decided;
use crate::provenance::regions::{Origin, Region};

/// Where the report puts what the scan found: the report id of each of the
/// scan's clusters, and the index in `matches` of each block match and
/// passage.
pub(super) struct Where<'s> {
    scan: &'s Scan,
    /// Report id (1-based) of each scan cluster.
    cluster_id: Vec<usize>,
    /// Index in `matches` of each scan block match.
    block_match: Vec<usize>,
    /// Index in `matches` of each scan passage.
    passage_match: Vec<usize>,
}

impl<'s> Where<'s> {
    /// `order`: scan cluster indices in report order; `blocks`, `passages`:
    /// scan indices of the block matches and passages in the order of the
    /// report's `matches` (blocks first, then passages).
    pub(super) fn new(scan: &'s Scan, order: &[usize], blocks: &[usize], passages: &[usize]) -> Self {
        let invert = |order: &[usize], len: usize, base: usize| {
            let mut at = vec![usize::MAX; len];
            for (k, &i) in order.iter().enumerate() {
                at[i] = base + k;
            }
            at
        };
        Where {
            scan,
            cluster_id: invert(order, scan.clusters.len(), 1),
            block_match: invert(blocks, scan.blocks.len(), 0),
            passage_match: invert(passages, scan.passages.len(), blocks.len()),
        }
    }

    /// Region `r` of the pair `(a, b)` with its kind `d`, as reported.
    pub(super) fn region(&self, (a, b): (u32, u32), r: &Region, d: &Decided) -> RegionOut {
        let (mut cluster, mut members, mut at) = (None, None, None);
        match r.origin {
            Origin::Cluster(c) => {
                cluster = self.cluster_id.get(c).copied();
                let (x, y) = (self.member(c, a, r.spans[0].start), self.member(c, b, r.spans[1].start));
                members = x.zip(y).map(|(x, y)| [x, y]);
            }
            Origin::Block(i) => at = self.block_match.get(i).copied(),
            Origin::Passage(i) => at = self.passage_match.get(i).copied(),
        }
        RegionOut { kind: d.kind.name(), rule: d.rule.to_string(), cluster, members, r#match: at }
    }

    /// Index in scan cluster `c`'s members of the one in `article` starting
    /// at byte `start` (members are sorted by article, then paragraph).
    fn member(&self, c: usize, article: u32, start: usize) -> Option<usize> {
        let members = &self.scan.clusters.get(c)?.members;
        let start_of = |m: &crate::cluster::Occurrence| {
            let paragraphs = &self.scan.articles[m.article as usize].paragraphs;
            paragraphs.get(m.first as usize).map_or(0, |p| p.span.start)
        };
        members.binary_search_by_key(&(article, start), |m| (m.article, start_of(m))).ok()
    }
}
