//! Cluster: verified paragraph pairs -> groups of places sharing the same
//! text.
//!
//! Paragraphs joined by verified edges form components (union-find); no
//! edge that was not verified ever joins two paragraphs. A component whose
//! every occurrence is followed, in the same article, by an occurrence of one
//! same-sized component is chained with it, so a block of paragraphs that
//! travels together (004's six repeated paragraphs, a wire story's run of
//! paragraphs in ten outlets) is one cluster whose members are paragraph
//! ranges, not one cluster per paragraph.

use crate::verify::{Edge, ParaRef};

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
    /// Lowest and highest Jaccard of the verified edges inside.
    pub jaccard: (f64, f64),
}

/// Clusters of the paragraphs joined by `edges`, ordered by their first
/// paragraph. `paras` is the run's paragraph table.
pub fn clusters(edges: &[Edge], paras: &[ParaRef]) -> Vec<Cluster> {
    let comps = components(edges, paras.len());
    let comp_of = |p: u32| comps.index.get(p as usize).copied().flatten();
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
    let starts = (0..comps.members.len())
        .filter(|&c| !has_pred[c])
        .chain(0..comps.members.len());
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
    out
}

fn build(chain: &[usize], comps: &Components, paras: &[ParaRef]) -> Cluster {
    let len = chain.len() as u32;
    let members = comps.members[chain[0]]
        .iter()
        .map(|&p| {
            let r = paras[p as usize];
            Occurrence {
                article: r.article,
                first: r.index,
                last: r.index + len - 1,
                first_p: p,
            }
        })
        .collect();
    let jaccard = chain
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
            (lo.min(comps.jaccard[c].0), hi.max(comps.jaccard[c].1))
        });
    Cluster { members, jaccard }
}

struct Components {
    /// Sorted paragraph indices of each component, components ordered by
    /// their first paragraph.
    members: Vec<Vec<u32>>,
    /// Component of each paragraph, if it has any edge.
    index: Vec<Option<usize>>,
    /// Lowest and highest edge Jaccard in each component.
    jaccard: Vec<(f64, f64)>,
}

fn components(edges: &[Edge], n: usize) -> Components {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let mut touched = vec![false; n];
    for e in edges {
        let (a, b) = (find(&mut parent, e.p), find(&mut parent, e.q));
        parent[a.max(b) as usize] = a.min(b);
        touched[e.p as usize] = true;
        touched[e.q as usize] = true;
    }
    let mut index = vec![None; n];
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut root_comp = std::collections::HashMap::new();
    for p in 0..n as u32 {
        if !touched[p as usize] {
            continue;
        }
        let root = find(&mut parent, p);
        let c = *root_comp.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[c].push(p);
        index[p as usize] = Some(c);
    }
    let mut jaccard = vec![(f64::INFINITY, f64::NEG_INFINITY); members.len()];
    for e in edges {
        if let Some(c) = index[e.p as usize] {
            let j = e.similarity.jaccard();
            jaccard[c] = (jaccard[c].0.min(j), jaccard[c].1.max(j));
        }
    }
    Components {
        members,
        index,
        jaccard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::Similarity;

    fn edge(p: u32, q: u32) -> Edge {
        Edge {
            p,
            q,
            similarity: Similarity {
                shared: 9,
                a_len: 10,
                b_len: 10,
            },
        }
    }

    fn table(sizes: &[u32]) -> Vec<ParaRef> {
        let mut t = Vec::new();
        for (article, &n) in sizes.iter().enumerate() {
            t.extend((0..n).map(|index| ParaRef {
                article: article as u32,
                index,
            }));
        }
        t
    }

    #[test]
    fn repeated_block_is_one_cluster_of_two_ranges() {
        let paras = table(&[8]);
        let c = clusters(&[edge(1, 4), edge(2, 5), edge(3, 6)], &paras);
        assert_eq!(c.len(), 1);
        let ranges: Vec<_> = c[0].members.iter().map(|m| (m.first, m.last)).collect();
        assert_eq!(ranges, [(1, 3), (4, 6)]);
    }

    #[test]
    fn paragraph_in_three_articles_is_one_cluster() {
        let paras = table(&[2, 2, 2]);
        let c = clusters(&[edge(0, 2), edge(0, 4), edge(2, 4)], &paras);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].members.len(), 3);
    }

    #[test]
    fn partial_overlap_splits_the_chain() {
        // articles 0 and 1 share paragraphs 0-1; article 2 only paragraph 0.
        let paras = table(&[2, 2, 2]);
        let c = clusters(&[edge(0, 2), edge(1, 3), edge(0, 4)], &paras);
        let shape: Vec<_> = c
            .iter()
            .map(|c| (c.members.len(), c.members[0].last - c.members[0].first))
            .collect();
        assert_eq!(shape, [(3, 0), (2, 0)]);
    }

    #[test]
    fn tandem_repeat_terminates() {
        let paras = table(&[3]);
        let c = clusters(&[edge(0, 1), edge(1, 2)], &paras);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].members.len(), 3);
    }
}
