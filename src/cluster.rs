//! Cluster: verified paragraph pairs -> groups of places sharing the same
//! text.
//!
//! Paragraphs are grouped around centers (star clustering, after Aslam,
//! Pelekhov & Rus 2004): the paragraph with the most verified edges becomes
//! a center and takes every unassigned neighbour, then the next, and so on.
//! Every member is therefore verified against its center; nothing is
//! chained through an unverified pair. A paragraph whose neighbours were all
//! taken by other centers is verified against those centers (through the
//! `verify` callback) and joins the most similar one that passes; if none
//! passes it stays out of every cluster (its pairwise matches are still
//! reported).
//!
//! Paragraph clusters whose every occurrence is followed, in the same
//! article, by an occurrence of one same-sized cluster are chained, so a
//! block of paragraphs that travels together (004's six repeated
//! paragraphs, a wire story's run of paragraphs in ten outlets) is one
//! cluster whose members are paragraph ranges.

use crate::verify::{Edge, ParaRef, Similarity};

/// One place holding a cluster's text: a range of paragraphs of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// Article index.
    pub article: u32,
    /// First paragraph.
    pub first: u32,
    /// Last paragraph (inclusive).
    pub last: u32,
    /// Paragraph-table index of the first paragraph.
    pub first_p: u32,
}

/// A group of places sharing near-identical text.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Where the text occurs, sorted by article then paragraph.
    pub members: Vec<Occurrence>,
    /// Lowest and highest Jaccard of the members' paragraphs to their
    /// centers.
    pub jaccard: (f64, f64),
    /// Index in `members` of the member whose first paragraph is the center
    /// every other member's first paragraph was verified against.
    pub center: usize,
}

/// Exact Jaccard of two paragraphs if it reaches the threshold.
pub type Verifier<'a> = &'a (dyn Fn(u32, u32) -> Option<Similarity> + Sync);

/// Clusters and the verified pairs that hold them together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clustering {
    /// Clusters ordered by their first paragraph.
    pub clusters: Vec<Cluster>,
    /// For every paragraph that is a member but not a center, the verified
    /// pair linking it to its center, sorted: the pairs worth reporting,
    /// linear in cluster size.
    pub links: Vec<Edge>,
    /// The paragraph cluster (a star, before chaining) of each paragraph,
    /// if it is in one.
    pub star_of: Vec<Option<u32>>,
}

/// Clusters of the paragraphs joined by `edges` (sorted by `(p, q)`, as
/// the pipeline produces them). `paras` is the run's paragraph table;
/// `verify` checks a pair that has no edge (returning its similarity if it
/// reaches the threshold).
pub fn clusters(edges: &[Edge], paras: &[ParaRef], verify: Verifier) -> Clustering {
    debug_assert!(edges.windows(2).all(|w| (w[0].p, w[0].q) < (w[1].p, w[1].q)), "edges must be sorted");
    let comps = stars(edges, paras.len(), verify);
    let comp_of = |p: u32| comps.index.get(p as usize).copied().flatten().map(|c| c as usize);
    let next = |c: usize| -> Option<usize> {
        let members = &comps.members[c];
        let first = members[0] as usize + 1;
        let candidate = comp_of(first as u32)?;
        let shifted = members.iter().all(|&p| {
            let q = p as usize + 1;
            q < paras.len()
                && paras[q].article == paras[p as usize].article
                && comp_of(q as u32) == Some(candidate)
        });
        (candidate != c && shifted && comps.members[candidate].len() == members.len()).then_some(candidate)
    };
    let successor: Vec<Option<usize>> = (0..comps.members.len()).map(next).collect();
    let mut has_pred = vec![false; comps.members.len()];
    for s in successor.iter().flatten() {
        has_pred[*s] = true;
    }
    let mut visited = vec![false; comps.members.len()];
    let mut out = Vec::new();
    // Heads first, then whatever cycles remain, each in component order.
    let starts = (0..comps.members.len()).filter(|&c| !has_pred[c]).chain(0..comps.members.len());
    for start in starts {
        if visited[start] {
            continue;
        }
        let mut chain = vec![start];
        visited[start] = true;
        while let Some(n) = successor[*chain.last().unwrap_or(&start)].filter(|&n| !visited[n]) {
            visited[n] = true;
            chain.push(n);
        }
        out.push(build(&chain, &comps, paras));
    }
    out.sort_by_key(|c| c.members[0].first_p);
    Clustering { clusters: out, links: comps.links, star_of: comps.index }
}

fn build(chain: &[usize], comps: &Components, paras: &[ParaRef]) -> Cluster {
    let len = chain.len() as u32;
    let members: Vec<Occurrence> = comps.members[chain[0]]
        .iter()
        .map(|&p| {
            let r = paras[p as usize];
            Occurrence { article: r.article, first: r.index, last: r.index + len - 1, first_p: p }
        })
        .collect();
    let jaccard = chain.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
        (lo.min(comps.jaccard[c].0), hi.max(comps.jaccard[c].1))
    });
    let center_p = comps.centers[chain[0]];
    let center = members.iter().position(|m| m.first_p == center_p).unwrap_or(0);
    Cluster { members, jaccard, center }
}

struct Components {
    /// Sorted paragraph indices of each paragraph cluster, ordered by their
    /// first paragraph.
    members: Vec<Vec<u32>>,
    /// Cluster of each paragraph, if it is in one.
    index: Vec<Option<u32>>,
    /// Lowest and highest Jaccard of the members' links to the center.
    jaccard: Vec<(f64, f64)>,
    /// Member-to-center pairs, sorted.
    links: Vec<Edge>,
    /// The center paragraph of each paragraph cluster.
    centers: Vec<u32>,
}

fn stars(edges: &[Edge], n: usize, verify: Verifier) -> Components {
    let mut adjacency: Vec<(u32, u32, f64)> = Vec::with_capacity(2 * edges.len());
    for e in edges {
        let j = e.similarity.jaccard();
        adjacency.push((e.p, e.q, j));
        adjacency.push((e.q, e.p, j));
    }
    adjacency.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
    let neighbours = |p: u32| {
        let lo = adjacency.partition_point(|x| x.0 < p);
        let hi = adjacency.partition_point(|x| x.0 <= p);
        &adjacency[lo..hi]
    };
    let mut nodes: Vec<u32> = adjacency.iter().map(|x| x.0).collect();
    nodes.dedup();
    let mut order = nodes.clone();
    order.sort_by_key(|&p| (std::cmp::Reverse(neighbours(p).len()), p));

    let mut center_of: Vec<Option<u32>> = vec![None; n];
    // Each member's link to its center, made once (a member never moves).
    let mut links: Vec<Edge> = Vec::new();
    let by_pair = |x: u32, y: u32| {
        let (p, q) = (x.min(y), x.max(y));
        let i = edges.partition_point(|e| (e.p, e.q) < (p, q));
        edges[i]
    };
    for &c in &order {
        if center_of[c as usize].is_some() {
            continue;
        }
        let free: Vec<u32> =
            neighbours(c).iter().filter(|x| center_of[x.1 as usize].is_none()).map(|x| x.1).collect();
        if free.is_empty() {
            continue;
        }
        center_of[c as usize] = Some(c);
        for m in free {
            center_of[m as usize] = Some(c);
            links.push(by_pair(c, m));
        }
    }
    adopt_orphans(&nodes, &neighbours, &mut center_of, &mut links, verify);
    group(&nodes, &center_of, links, n)
}

/// Paragraphs left alone join the center of a neighbour's cluster if they
/// verify against it, preferring the most similar neighbour.
fn adopt_orphans<'a>(
    nodes: &[u32],
    neighbours: &dyn Fn(u32) -> &'a [(u32, u32, f64)],
    center_of: &mut [Option<u32>],
    links: &mut Vec<Edge>,
    verify: Verifier,
) {
    for &x in nodes {
        if center_of[x as usize].is_some() {
            continue;
        }
        let mut options: Vec<(f64, u32)> =
            neighbours(x).iter().filter_map(|e| center_of[e.1 as usize].map(|c| (e.2, c))).collect();
        options.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut tried = Vec::new();
        for (_, c) in options {
            if tried.contains(&c) || center_of[c as usize] != Some(c) {
                continue;
            }
            tried.push(c);
            let (p, q) = (x.min(c), x.max(c));
            if let Some(similarity) = verify(p, q) {
                center_of[x as usize] = Some(c);
                links.push(Edge { p, q, similarity });
                break;
            }
        }
    }
}

fn group(nodes: &[u32], center_of: &[Option<u32>], mut links: Vec<Edge>, n: usize) -> Components {
    let mut by_center: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for &p in nodes {
        if let Some(c) = center_of[p as usize] {
            by_center.entry(c).or_default().push(p);
        }
    }
    let mut stars: Vec<(u32, Vec<u32>)> = by_center.into_iter().collect();
    stars.sort_by_key(|(_, m)| m[0]);
    let centers = stars.iter().map(|(c, _)| *c).collect();
    let members: Vec<Vec<u32>> = stars.into_iter().map(|(_, m)| m).collect();
    let mut index = vec![None; n];
    for (c, m) in members.iter().enumerate() {
        for &p in m {
            index[p as usize] = Some(c as u32);
        }
    }
    let mut jaccard = vec![(f64::INFINITY, f64::NEG_INFINITY); members.len()];
    for link in &links {
        // The member is the side that is not its own center.
        let member = if center_of[link.p as usize] == Some(link.p) { link.q } else { link.p };
        if let Some(c) = index[member as usize] {
            let (range, j) = (&mut jaccard[c as usize], link.similarity.jaccard());
            *range = (range.0.min(j), range.1.max(j));
        }
    }
    links.sort_by_key(|e| (e.p, e.q));
    Components { members, index, jaccard, links, centers }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Similarity;

    fn edge(p: u32, q: u32) -> Edge {
        Edge { p, q, similarity: Similarity { shared: 9, a_len: 10, b_len: 10 } }
    }

    fn never(_: u32, _: u32) -> Option<Similarity> {
        None
    }

    fn table(sizes: &[u32]) -> Vec<ParaRef> {
        let mut t = Vec::new();
        for (article, &n) in sizes.iter().enumerate() {
            t.extend((0..n).map(|index| ParaRef { article: article as u32, index }));
        }
        t
    }

    #[test]
    fn repeated_block_is_one_cluster_of_two_ranges() {
        let paras = table(&[8]);
        let c = clusters(&[edge(1, 4), edge(2, 5), edge(3, 6)], &paras, &never).clusters;
        assert_eq!(c.len(), 1);
        let ranges: Vec<_> = c[0].members.iter().map(|m| (m.first, m.last)).collect();
        assert_eq!(ranges, [(1, 3), (4, 6)]);
    }

    #[test]
    fn paragraph_in_three_articles_is_one_cluster() {
        let paras = table(&[2, 2, 2]);
        let c = clusters(&[edge(0, 2), edge(0, 4), edge(2, 4)], &paras, &never).clusters;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].members.len(), 3);
    }

    #[test]
    fn partial_overlap_splits_the_chain() {
        // articles 0 and 1 share paragraphs 0-1; article 2 only paragraph 0.
        let paras = table(&[2, 2, 2]);
        let c = clusters(&[edge(0, 2), edge(0, 4), edge(1, 3)], &paras, &never).clusters;
        let shape: Vec<_> =
            c.iter().map(|c| (c.members.len(), c.members[0].last - c.members[0].first)).collect();
        assert_eq!(shape, [(3, 0), (2, 0)]);
    }

    #[test]
    fn chain_without_a_verified_link_to_the_center_is_cut() {
        let paras = table(&[1, 1, 1, 1]);
        let c = clusters(&[edge(0, 1), edge(1, 2), edge(2, 3)], &paras, &never).clusters;
        // 1 and 2 have two edges each; 1 (lower index) is the first center
        // and takes 0 and 2; 3 is left alone and fails verification with 1.
        assert_eq!(c.len(), 1);
        let members: Vec<u32> = c[0].members.iter().map(|m| m.article).collect();
        assert_eq!(members, [0, 1, 2]);
        let adopt =
            |p: u32, q: u32| ((p, q) == (1, 3)).then_some(Similarity { shared: 6, a_len: 8, b_len: 8 });
        let c = clusters(&[edge(0, 1), edge(1, 2), edge(2, 3)], &paras, &adopt);
        assert_eq!(c.clusters[0].members.len(), 4, "3 verified against center 1 joins");
        let links: Vec<(u32, u32)> = c.links.iter().map(|e| (e.p, e.q)).collect();
        assert_eq!(links, [(0, 1), (1, 2), (1, 3)], "every member linked to center 1");
    }

    #[test]
    fn tandem_repeat_terminates() {
        let paras = table(&[3]);
        let c = clusters(&[edge(0, 1), edge(1, 2)], &paras, &never).clusters;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].members.len(), 3);
    }
}
