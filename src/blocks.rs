//! Blocks: verified paragraph pairs -> block matches between two places.
//!
//! Blocks are merged over all verified pairs, so a block is as long as the
//! verified text runs, whichever pairs are later chosen for the report.
//! Consecutive matching paragraphs are one match: if paragraph `i` of A
//! matches paragraph `j` of B and `i+1` matches `j+1`, both pairs belong to
//! the block `A[i..=i+1] ~ B[j..=j+1]`. Inside one article the two sides of a
//! block never overlap (a run of identical paragraphs `X X X` gives `X~X`
//! pairs, not a block that matches itself shifted by one).

use crate::verify::{Edge, ParaRef};

/// A run of consecutive paragraphs matching another run.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockMatch {
    /// Article of side a (`a_article <= b_article`).
    pub a_article: u32,
    /// First paragraph of side a.
    pub a_first: u32,
    /// Article of side b.
    pub b_article: u32,
    /// First paragraph of side b.
    pub b_first: u32,
    /// Number of paragraphs on each side.
    pub len: u32,
    /// Shingles shared, summed over the block's paragraph pairs.
    pub shared: u64,
    /// Shingles of side a, summed likewise.
    pub a_len: u64,
    /// Shingles of side b, summed likewise.
    pub b_len: u64,
    /// Lowest paragraph Jaccard in the block.
    pub min_jaccard: f64,
    /// Paragraph index (into the run's table) of side a's first paragraph.
    pub first_p: u32,
    /// Paragraph index of side b's first paragraph.
    pub first_q: u32,
}

impl BlockMatch {
    /// The block's paragraph pairs, as indices into the run's paragraph
    /// table (paragraphs of one article are consecutive there).
    pub fn pairs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        (0..self.len).map(|k| (self.first_p + k, self.first_q + k))
    }

    /// Jaccard of the block: shared shingles over the union, summed over
    /// its paragraph pairs.
    pub fn jaccard(&self) -> f64 {
        ratio(self.shared, self.a_len + self.b_len - self.shared)
    }

    /// Share of side a's shingles found in side b.
    pub fn a_in_b(&self) -> f64 {
        ratio(self.shared, self.a_len)
    }

    /// Share of side b's shingles found in side a.
    pub fn b_in_a(&self) -> f64 {
        ratio(self.shared, self.b_len)
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// Merges verified edges into block matches, sorted by side a then side b.
pub fn merge(edges: &[Edge], paras: &[ParaRef]) -> Vec<BlockMatch> {
    merge_kept(edges, paras, |_| true)
}

/// [`merge`], keeping only the blocks `keep` accepts: each is judged once
/// complete, so the others never pile up (at a million articles, most of
/// the 5 million blocks are dropped, and holding them took 0.6 GB).
pub fn merge_kept(edges: &[Edge], paras: &[ParaRef], keep: impl Fn(&BlockMatch) -> bool) -> Vec<BlockMatch> {
    let mut keyed: Vec<(u32, u32, i64, u32, usize)> = edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let (a, b) = (paras[edge.p as usize], paras[edge.q as usize]);
            let diagonal = i64::from(b.index) - i64::from(a.index);
            (a.article, b.article, diagonal, a.index, e)
        })
        .collect();
    keyed.sort_unstable();
    let mut blocks: Vec<BlockMatch> = Vec::new();
    let mut prev: Option<(u32, u32, i64, u32)> = None;
    for &(a_article, b_article, diagonal, a_index, e) in &keyed {
        let edge = &edges[e];
        let same_article = a_article == b_article;
        let extends = prev == Some((a_article, b_article, diagonal, a_index.wrapping_sub(1)));
        let room = |b: &BlockMatch| !same_article || i64::from(b.len) < diagonal;
        match blocks.last_mut() {
            Some(block) if extends && room(block) => {
                block.len += 1;
                block.shared += u64::from(edge.similarity.shared);
                block.a_len += u64::from(edge.similarity.a_len);
                block.b_len += u64::from(edge.similarity.b_len);
                block.min_jaccard = block.min_jaccard.min(edge.similarity.jaccard());
            }
            _ => {
                // The last block is complete: it stays only if kept.
                if blocks.last().is_some_and(|b| !keep(b)) {
                    blocks.pop();
                }
                blocks.push(BlockMatch {
                    a_article,
                    a_first: a_index,
                    b_article,
                    b_first: paras[edge.q as usize].index,
                    len: 1,
                    shared: u64::from(edge.similarity.shared),
                    a_len: u64::from(edge.similarity.a_len),
                    b_len: u64::from(edge.similarity.b_len),
                    min_jaccard: edge.similarity.jaccard(),
                    first_p: edge.p,
                    first_q: edge.q,
                })
            }
        }
        prev = Some((a_article, b_article, diagonal, a_index));
    }
    if blocks.last().is_some_and(|b| !keep(b)) {
        blocks.pop();
    }
    drop(keyed);
    blocks.shrink_to_fit();
    blocks.sort_by_key(|b| (b.a_article, b.a_first, b.b_article, b.b_first));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Similarity;

    fn edge(p: u32, q: u32) -> Edge {
        let similarity = Similarity { shared: 10, a_len: 10, b_len: 10 };
        Edge { p, q, similarity }
    }

    /// Article 0 has paragraphs 0..8, article 1 has 0..3 (ids 8..11).
    fn table() -> Vec<ParaRef> {
        let mut t: Vec<ParaRef> = (0..8).map(|index| ParaRef { article: 0, index }).collect();
        t.extend((0..3).map(|index| ParaRef { article: 1, index }));
        t
    }

    #[test]
    fn repeated_run_inside_an_article_is_one_block() {
        let edges = [edge(1, 4), edge(2, 5), edge(3, 6)];
        let blocks = merge(&edges, &table());
        assert_eq!(blocks.len(), 1);
        assert_eq!((blocks[0].a_first, blocks[0].b_first, blocks[0].len), (1, 4, 3));
    }

    #[test]
    fn tandem_repeat_does_not_overlap_itself() {
        let edges = [edge(0, 1), edge(1, 2), edge(0, 2)];
        let blocks = merge(&edges, &table());
        assert_eq!(blocks.len(), 3);
        assert!(blocks.iter().all(|b| b.len == 1));
    }

    #[test]
    fn cross_article_diagonals_merge_and_gaps_split() {
        let edges = [edge(0, 8), edge(1, 9), edge(3, 10)];
        let blocks = merge(&edges, &table());
        let shape: Vec<_> = blocks.iter().map(|b| (b.a_first, b.b_first, b.len)).collect();
        assert_eq!(shape, [(0, 0, 2), (3, 2, 1)]);
    }

    #[test]
    fn kept_blocks_are_the_merged_blocks_filtered() {
        // Every pair of paragraphs of the two articles, some left out.
        let edges: Vec<Edge> = (0..8)
            .flat_map(|p| (8..11).map(move |q| edge(p, q)))
            .filter(|e| (e.p * 3 + e.q) % 5 != 0)
            .collect();
        let all = merge(&edges, &table());
        for keep in [
            |b: &BlockMatch| b.len >= 2,
            |b: &BlockMatch| b.a_first.is_multiple_of(2),
            |_: &BlockMatch| false,
        ] {
            let expected: Vec<BlockMatch> = all.iter().filter(|b| keep(b)).cloned().collect();
            assert_eq!(merge_kept(&edges, &table(), keep), expected);
        }
        assert!(all.iter().any(|b| b.len >= 2) && all.iter().any(|b| b.len == 1), "a mix to filter");
    }
}
