//! The passage stage of a scan: candidate article pairs from fingerprints,
//! their texts read again, aligned, and what paragraph matches already
//! report left out.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::align::{Prepared, align_prepared};
use crate::blocks::BlockMatch;
use crate::cluster::Cluster;
use crate::config::Config;
use crate::error::Warning;
use crate::passages::{self, PassageMatch};
use crate::quotes;
use crate::reread::{self, Corpus};
use crate::segment::Span;
use crate::sketch::ArticleSketch;

/// A passage side this much inside clustered text counts as already
/// reported there.
const COVERED: f64 = 0.9;

/// What the passage stage gives.
#[derive(Default)]
pub(super) struct Found {
    pub passages: Vec<PassageMatch>,
    pub candidates: usize,
    pub stock: usize,
    pub warnings: Vec<Warning>,
}

/// Which clusters' text is already reported as shared with which: the same
/// cluster, or two clusters joined by a reported paragraph match.
struct Reported {
    /// Cluster index of each clustered paragraph, per article.
    cluster_of: Vec<Vec<Option<usize>>>,
    /// Byte spans of cluster members with their cluster, per article.
    places: Vec<Vec<(Span, usize)>>,
    linked: HashSet<(usize, usize)>,
}

impl Reported {
    fn new(articles: &[ArticleSketch], clusters: &[Cluster], blocks: &[&BlockMatch]) -> Self {
        let mut cluster_of: Vec<Vec<Option<usize>>> =
            articles.iter().map(|a| vec![None; a.paragraphs.len()]).collect();
        let mut places = vec![Vec::new(); articles.len()];
        for (c, cluster) in clusters.iter().enumerate() {
            for m in &cluster.members {
                let ps = &articles[m.article as usize].paragraphs;
                cluster_of[m.article as usize][m.first as usize..=m.last as usize].fill(Some(c));
                let span = Span { start: ps[m.first as usize].span.start, end: ps[m.last as usize].span.end };
                places[m.article as usize].push((span, c));
            }
        }
        let mut linked = HashSet::new();
        for b in blocks {
            let x = cluster_of[b.a_article as usize][b.a_first as usize];
            let y = cluster_of[b.b_article as usize][b.b_first as usize];
            if let (Some(x), Some(y)) = (x, y) {
                linked.insert((x.min(y), x.max(y)));
            }
        }
        Reported { cluster_of, places, linked }
    }

    fn linked(&self, x: usize, y: usize) -> bool {
        x == y || self.linked.contains(&(x.min(y), x.max(y)))
    }

    /// The clusters holding `span` of `article`, if they hold at least
    /// [`COVERED`] of it.
    fn clusters_covering(&self, article: u32, span: Span) -> Vec<usize> {
        let hits: Vec<&(Span, usize)> =
            self.places[article as usize].iter().filter(|(s, _)| s.overlaps(&span)).collect();
        let inside: usize = hits.iter().map(|(s, _)| s.end.min(span.end) - s.start.max(span.start)).sum();
        if (inside as f64) < COVERED * (span.end - span.start) as f64 {
            return Vec::new();
        }
        hits.iter().map(|h| h.1).collect()
    }

    /// Whether a passage between these two places is already reported.
    fn covers(&self, a: u32, sa: Span, b: u32, sb: Span) -> bool {
        let (ca, cb) = (self.clusters_covering(a, sa), self.clusters_covering(b, sb));
        ca.iter().any(|&x| cb.iter().any(|&y| self.linked(x, y)))
    }
}

/// Passages shared by article pairs that share fingerprints, except those
/// already reported as paragraph matches (see [`Reported`]).
pub(super) fn find(
    corpus: &Corpus,
    articles: &mut [ArticleSketch],
    clusters: &[Cluster],
    blocks: &[&BlockMatch],
    config: &Config,
) -> Found {
    let reported = Reported::new(articles, clusters, blocks);
    let prints: Vec<Vec<(u64, Option<u32>)>> = articles
        .iter_mut()
        .zip(&reported.cluster_of)
        .map(|(a, of)| passages::flag_clusters(&std::mem::take(&mut a.fingerprints), |p| of[p as usize]))
        .collect();
    let skip = |x: u32, y: u32| reported.linked(x as usize, y as usize);
    let (pairs, stock) = passages::candidate_pairs(&prints, config.passage_max_articles, &skip);
    drop(prints);
    let mut wanted: Vec<u32> = pairs.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let (texts, warnings) = reread::texts(corpus, articles, &wanted);
    let blocks_of = |a: u32| articles[a as usize].paragraphs.iter().map(|p| p.span).collect::<Vec<_>>();
    let prepared: HashMap<u32, (&str, Prepared)> = texts
        .par_iter()
        .map(|(a, t)| (*a, (t.as_str(), Prepared::with_blocks(t, &blocks_of(*a), &config.align))))
        .collect();
    let passages = pairs
        .par_iter()
        .flat_map_iter(|&(a, b, _)| {
            let (Some((ta, pa)), Some((tb, pb))) = (prepared.get(&a), prepared.get(&b)) else {
                return Vec::new();
            };
            align_prepared(pa, pb, &config.align)
                .into_iter()
                .filter(|p| !reported.covers(a, p.a, b, p.b))
                .map(|p| PassageMatch {
                    a_article: a,
                    b_article: b,
                    a: p.a,
                    b: p.b,
                    text: [ta[p.a.start..p.a.end].to_string(), tb[p.b.start..p.b.end].to_string()],
                    quoted: [
                        quotes::quoted(ta, articles[a as usize].paragraph_start(p.a.start), p.a),
                        quotes::quoted(tb, articles[b as usize].paragraph_start(p.b.start), p.b),
                    ],
                    cosine: p.cosine,
                })
                .collect()
        })
        .collect();
    Found { passages, candidates: pairs.len(), stock, warnings }
}
