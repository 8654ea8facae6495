//! The passage stage of a scan: candidate article pairs from fingerprints,
//! their texts read again, aligned, and what paragraph matches already
//! report left out.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::align::{Prepared, align_prepared};
use crate::blocks::BlockMatch;
use crate::cluster::Cluster;
use crate::config::Config;

use super::guard;
use crate::error::Warning;
use crate::faults::Stage;
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
    let (texts, mut warnings) = reread::texts(corpus, articles, &wanted);
    let where_is = |a: u32| {
        let key = articles[a as usize].key;
        (corpus.sources.get(key.source as usize).map_or("", |s| s.display.as_str()), key.line)
    };
    let ready = prepare(articles, &texts, config, &mut |a, panic| {
        let (source, line) = where_is(a);
        let message = guard::bug("splitting this article into sentences", "its passages are left out", panic);
        warnings.push(Warning::at(source, line, message));
    });
    let aligned: Vec<Result<Vec<PassageMatch>, Warning>> = pairs
        .par_iter()
        .map(|&(a, b, _)| {
            let (Some(pa), Some(pb)) = (ready.get(&a), ready.get(&b)) else {
                return Ok(Vec::new());
            };
            guard::catch(|| align_pair(articles, &reported, (a, pa), (b, pb), config)).map_err(|panic| {
                let (source, line) = where_is(a);
                let doing = format!("aligning this article with {:?}", articles[b as usize].meta.id);
                Warning::at(source, line, guard::bug(&doing, "the passages of the pair are left out", &panic))
            })
        })
        .collect();
    let mut passages = Vec::new();
    for result in aligned {
        match result {
            Ok(found) => passages.extend(found),
            Err(w) => warnings.push(w),
        }
    }
    Found { passages, candidates: pairs.len(), stock, warnings }
}

/// Each article's text split into sentences once, by article index; an
/// article whose split panicked is left out and passed to `failed`.
fn prepare<'t>(
    articles: &[ArticleSketch],
    texts: &'t [(u32, String)],
    config: &Config,
    failed: &mut dyn FnMut(u32, &str),
) -> HashMap<u32, (&'t str, Prepared<'t>)> {
    let blocks_of = |a: u32| articles[a as usize].paragraphs.iter().map(|p| p.span).collect::<Vec<_>>();
    let prepared: Vec<(u32, Result<Prepared, String>)> = texts
        .par_iter()
        .map(|(a, t)| (*a, guard::catch(|| Prepared::with_blocks(t, &blocks_of(*a), &config.align))))
        .collect();
    let mut ready = HashMap::new();
    for ((a, p), (_, text)) in prepared.into_iter().zip(texts) {
        match p {
            Ok(p) => drop(ready.insert(a, (text.as_str(), p))),
            Err(panic) => failed(a, &panic),
        }
    }
    ready
}

/// The passages of the pair `a`, `b` (each with its text and prepared
/// sentences) not already reported as paragraph matches.
fn align_pair(
    articles: &[ArticleSketch],
    reported: &Reported,
    (a, (ta, pa)): (u32, &(&str, Prepared)),
    (b, (tb, pb)): (u32, &(&str, Prepared)),
    config: &Config,
) -> Vec<PassageMatch> {
    config.faults.check(Stage::Align, ta);
    config.faults.check(Stage::Align, tb);
    let quoted = |article: u32, text: &str, span: Span| {
        let from = articles.get(article as usize).map_or(span.start, |x| x.paragraph_start(span.start));
        quotes::quoted(text, from, span)
    };
    align_prepared(pa, pb, &config.align)
        .into_iter()
        .filter(|p| !reported.covers(a, p.a, b, p.b))
        .map(|p| PassageMatch {
            a_article: a,
            b_article: b,
            a: p.a,
            b: p.b,
            text: [slice(ta, p.a), slice(tb, p.b)],
            quoted: [quoted(a, ta, p.a), quoted(b, tb, p.b)],
            cosine: p.cosine,
        })
        .collect()
}

/// The text of `span`, empty if it is not a valid span of `text`.
fn slice(text: &str, span: Span) -> String {
    text.get(span.start..span.end).unwrap_or_default().to_string()
}
