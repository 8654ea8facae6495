//! The provenance parts of the report: pairs, upstream articles, outlet
//! edges and stories, from [`Provenance`].

use super::regions_out::Where;
use super::{DirectionOut, EvidenceOut, MatchOut, OutletEdgeOut, PairOut, StoryOut, UpstreamOut, round4};
use crate::pipeline::Scan;
use crate::provenance::Provenance;
use crate::provenance::direction::{Favours, Verdict};
use crate::provenance::views::ArticleView;

/// Every pair, with the indices of its matches in `matches` and its
/// regions placed by `places`.
pub(super) fn pairs(scan: &Scan, prov: &Provenance, matches: &[MatchOut], places: &Where) -> Vec<PairOut> {
    let mut by_pair: std::collections::BTreeMap<(u32, u32), Vec<usize>> = Default::default();
    for (i, m) in matches.iter().enumerate().filter(|(_, m)| m.a.article != m.b.article) {
        by_pair.entry((m.a.article, m.b.article)).or_default().push(i);
    }
    prov.pairs
        .iter()
        .map(|p| {
            let d = &p.direction;
            PairOut {
                a: p.a,
                b: p.b,
                ids: [id(scan, p.a), id(scan, p.b)],
                relation: p.relation.name(),
                shared_words: p.shared_words,
                covered: [round4(p.covered[0]), round4(p.covered[1])],
                changed: round4(p.changed),
                direction: DirectionOut {
                    verdict: d.verdict.name(),
                    source: d.source.clone(),
                    confidence: d.confidence,
                    evidence: d
                        .evidence
                        .iter()
                        .map(|e| EvidenceOut {
                            signal: e.signal,
                            favours: match e.favours {
                                Favours::A => "a",
                                Favours::B => "b",
                                Favours::Common => "common",
                            },
                            weight: e.weight,
                            detail: e.detail.clone(),
                        })
                        .collect(),
                },
                matches: by_pair.remove(&(p.a, p.b)).unwrap_or_default(),
                regions: p.regions.iter().map(|(r, d)| places.region((p.a, p.b), r, d)).collect(),
            }
        })
        .collect()
}

fn id(scan: &Scan, a: u32) -> String {
    scan.articles[a as usize].meta.id.clone()
}

/// An article's upstream list.
pub(super) fn upstream(scan: &Scan, prov: &Provenance, view: &ArticleView) -> Vec<UpstreamOut> {
    view.upstream
        .iter()
        .map(|u| {
            let p = &prov.pairs[u.pair];
            UpstreamOut {
                pair: u.pair,
                article: u.other,
                id: id(scan, u.other),
                relation: if u.direct { "source" } else { "common_source" },
                source: p.direction.source.clone().filter(|_| p.direction.verdict == Verdict::CommonSource),
                changed: round4(p.changed),
            }
        })
        .collect()
}

/// Outlet edges as reported.
pub(super) fn outlet_edges(prov: &Provenance) -> Vec<OutletEdgeOut> {
    prov.outlet_edges
        .iter()
        .map(|e| OutletEdgeOut { from: e.from.clone(), to: e.to.clone(), pairs: e.pairs, words: e.words })
        .collect()
}

/// Stories as reported.
pub(super) fn stories(prov: &Provenance) -> Vec<StoryOut> {
    prov.stories
        .iter()
        .enumerate()
        .map(|(i, s)| StoryOut {
            id: i + 1,
            articles: s.articles.clone(),
            sources: s.sources.clone(),
            versions: s.versions.clone(),
        })
        .collect()
}
