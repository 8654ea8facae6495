//! The passage stage of a scan: candidate article pairs from fingerprints,
//! their texts read again, aligned block by block, and what paragraph
//! matches already report left out.

use std::collections::{HashMap, HashSet};
use std::io;
use std::ops::Range;

use rayon::prelude::*;

use crate::align::{Prepared, align_prepared};
use crate::blocks::BlockMatch;
use crate::cluster::Cluster;
use crate::config::Config;
use crate::diff;

use super::guard;
use crate::error::Warning;
use crate::faults::Stage;
use crate::passages::{self, PassageMatch};
use crate::quotes;
use crate::reread::{self, Corpus};
use crate::segment::Span;
use crate::sketch::ArticleSketch;
use crate::spill::{SealedSegments, Segments};
use crate::verify::ParaRef;

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

/// No cluster, in [`Reported::cluster_of`].
const NONE: u32 = u32::MAX;

/// Which clusters' text is already reported as shared with which: the same
/// cluster, or two clusters joined by a reported paragraph match.
struct Reported {
    /// Cluster index of each paragraph of the run ([`NONE`] if it has
    /// none): 4 bytes per paragraph.
    cluster_of: Vec<u32>,
    /// Byte spans of cluster members with their cluster, per article.
    places: Vec<Vec<(Span, usize)>>,
    linked: HashSet<(usize, usize)>,
}

impl Reported {
    fn new(articles: &[ArticleSketch], first: &[u32], clusters: &[Cluster], blocks: &[&BlockMatch]) -> Self {
        let total = first.last().map_or(0, |&f| f as usize);
        let mut cluster_of = vec![NONE; total];
        let mut places = vec![Vec::new(); articles.len()];
        let at = |article: u32, index: u32| (first[article as usize] + index) as usize;
        for (c, cluster) in clusters.iter().enumerate() {
            for m in &cluster.members {
                let ps = &articles[m.article as usize].paragraphs;
                cluster_of[at(m.article, m.first)..=at(m.article, m.last)].fill(c as u32);
                let span = Span { start: ps[m.first as usize].span.start, end: ps[m.last as usize].span.end };
                places[m.article as usize].push((span, c));
            }
        }
        let mut linked = HashSet::new();
        for b in blocks {
            let x = cluster_of[at(b.a_article, b.a_first)];
            let y = cluster_of[at(b.b_article, b.b_first)];
            if x != NONE && y != NONE {
                linked.insert((x.min(y) as usize, x.max(y) as usize));
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

/// Article text, in bytes, prepared and aligned at once: the texts of one
/// block of candidate pairs are read back from the [`TextStore`], split
/// into sentences, aligned and dropped before the next block's.
const TEXT_BUDGET: usize = 48 << 20;

/// Article pairs listed per chunk written to the pair spill (32 MB).
const PAIRS_PER_CHUNK: usize = 4 << 20;

/// Passages shared by article pairs that share fingerprints, except those
/// already reported as paragraph matches (see [`Reported`]). `prints`
/// holds the articles' fingerprints by hash range, as `sketch_all` wrote
/// them; an error is a temporary file that failed.
pub(super) fn find(
    corpus: &Corpus,
    articles: &[ArticleSketch],
    paras: &[ParaRef],
    prints: &SealedSegments,
    clusters: &[Cluster],
    blocks: &[&BlockMatch],
    config: &Config,
) -> io::Result<Found> {
    let mut first = Vec::with_capacity(articles.len() + 1);
    first.push(0u32);
    for a in articles {
        first.push(first.last().copied().unwrap_or(0) + a.paragraphs.len() as u32);
    }
    let reported = Reported::new(articles, &first, clusters, blocks);
    let (pairs, wanted, stock) = candidates(&first, paras, prints, &reported, config.passage_max_articles)?;
    let (store, mut warnings) = reread::store_texts(corpus, articles, &wanted)?;
    drop(wanted);
    let where_is = |a: u32| {
        let key = articles[a as usize].key;
        (corpus.sources.get(key.source as usize).map_or("", |s| s.display.as_str()), key.line)
    };
    let (mut passages, mut candidates, mut failed) = (Vec::new(), 0, None);
    // One range of articles' pairs at a time, in blocks of text.
    pairs.part(0, &mut |_, keys| {
        candidates += keys.len();
        let range: Vec<(u32, u32)> = keys.iter().map(|&k| passages::pair_of(k)).collect();
        for block in text_blocks(&range, &|a| articles[a as usize].text_len, TEXT_BUDGET) {
            let pairs = &range[block];
            let mut held: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            held.sort_unstable();
            held.dedup();
            let read: io::Result<Vec<Option<(u32, String)>>> =
                held.par_iter().map(|&a| store.get(a).map(|t| t.map(|t| (a, t)))).collect();
            let texts = match read {
                Ok(texts) => texts.into_iter().flatten().collect::<Vec<(u32, String)>>(),
                Err(e) => {
                    failed.get_or_insert(e);
                    return;
                }
            };
            let ready = prepare(articles, &texts, config, &mut |a, panic| {
                let (source, line) = where_is(a);
                let message =
                    guard::bug("splitting this article into sentences", "its passages are left out", panic);
                warnings.push(Warning::at(source, line, message));
            });
            let aligned: Vec<Result<Vec<PassageMatch>, Warning>> = pairs
                .par_iter()
                .map(|&(a, b)| {
                    let (Some(pa), Some(pb)) = (ready.get(&a), ready.get(&b)) else {
                        return Ok(Vec::new());
                    };
                    guard::catch(|| align_pair(articles, &reported, (a, pa), (b, pb), config)).map_err(
                        |panic| {
                            let (source, line) = where_is(a);
                            let doing =
                                format!("aligning this article with {:?}", articles[b as usize].meta.id);
                            let bug = guard::bug(&doing, "the passages of the pair are left out", &panic);
                            Warning::at(source, line, bug)
                        },
                    )
                })
                .collect();
            for result in aligned {
                match result {
                    Ok(found) => passages.extend(found),
                    Err(w) => warnings.push(w),
                }
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(Found { passages, candidates, stock, warnings })
}

/// Candidate article pairs ([`passages::candidate_pairs`]), the articles
/// they hold (sorted), and the stock phrases dropped. Fingerprints are
/// taken one hash range at a time; the article pairs they make go to a
/// temporary file by article range and are counted one range at a time;
/// the candidates go to another temporary file, a chunk per range (as
/// [`passages::pair_key`], sorted), so memory holds a part of each, not all. `first[a]` is
/// article `a`'s first paragraph.
fn candidates(
    first: &[u32],
    paras: &[ParaRef],
    prints: &SealedSegments,
    reported: &Reported,
    max_articles: usize,
) -> io::Result<(SealedSegments, Vec<u32>, usize)> {
    let article_of = |p: u32| paras[p as usize].article;
    let cluster_of = |p: u32| Some(reported.cluster_of[p as usize]).filter(|&c| c != NONE);
    let skip = |x: u32, y: u32| reported.linked(x as usize, y as usize);
    let articles = first.len().saturating_sub(1);
    // About 4,096 articles per range.
    let ranges = (articles >> 12).clamp(1, 1024);
    let range_of = |a: u32| a as usize * ranges / articles.max(1);
    let spill = Segments::new(ranges)?;
    let mut stock = 0;
    for part in 0..passages::HASH_PARTS {
        let mut occurrences: Vec<(u64, u32)> = Vec::new();
        prints.part(part, &mut |before, words| {
            occurrences.extend(words.chunks_exact(2).map(|w| {
                let article = (before + (w[1] >> 32)) as usize;
                (w[0], first[article] + w[1] as u32)
            }))
        })?;
        let (mut buffers, mut listed, mut seq) = (vec![Vec::new(); ranges], 0usize, 0u32);
        let mut failed = None;
        let mut pair = |a: u32, b: u32| {
            buffers[range_of(a)].push(passages::pair_key(a, b));
            listed += 1;
            if listed == PAIRS_PER_CHUNK {
                if let Err(e) = spill.write((part as u32, seq), 0, &buffers) {
                    failed.get_or_insert(e);
                }
                buffers.iter_mut().for_each(Vec::clear);
                (listed, seq) = (0, seq + 1);
            }
        };
        stock += passages::shared_articles(
            &mut occurrences,
            &article_of,
            &cluster_of,
            max_articles,
            &skip,
            &mut pair,
        );
        if let Some(e) = failed {
            return Err(e);
        }
        spill.write((part as u32, seq), 0, &buffers)?;
    }
    let spill = spill.seal()?;
    let (counted, mut wanted) = (Segments::new(1)?, vec![false; articles]);
    for range in 0..ranges {
        let pairs = passages::count_shared(&mut spill.read_part(range)?);
        for &(a, b, _) in &pairs {
            (wanted[a as usize], wanted[b as usize]) = (true, true);
        }
        let keys = pairs.iter().map(|&(a, b, _)| passages::pair_key(a, b)).collect();
        counted.write((range as u32, 0), 0, &[keys])?;
    }
    let wanted = (0..articles as u32).filter(|&a| wanted[a as usize]).collect();
    Ok((counted.seal()?, wanted, stock))
}

/// Consecutive blocks of `pairs` whose articles' texts (`len_of`, in
/// bytes) add up to at most `budget`, or a single pair that alone exceeds
/// it.
fn text_blocks(pairs: &[(u32, u32)], len_of: &dyn Fn(u32) -> usize, budget: usize) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    let mut held: HashSet<u32> = HashSet::new();
    for (i, &(a, b)) in pairs.iter().enumerate() {
        let more: usize = [a, b].iter().filter(|x| !held.contains(x)).map(|&x| len_of(x)).sum();
        if bytes + more > budget && i > start {
            blocks.push(start..i);
            (start, bytes) = (i, 0);
            held.clear();
        }
        bytes += [a, b].iter().filter(|&&x| held.insert(x)).map(|&x| len_of(x)).sum::<usize>();
    }
    if start < pairs.len() {
        blocks.push(start..pairs.len());
    }
    blocks
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
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    align_prepared(pa, pb, &config.align)
        .into_iter()
        .filter(|p| !reported.covers(a, p.a, b, p.b))
        .map(|p| {
            let text = [slice(ta, p.a), slice(tb, p.b)];
            PassageMatch {
                a_article: a,
                b_article: b,
                a: p.a,
                b: p.b,
                words: [count(diff::word_count(text[0])), count(diff::word_count(text[1]))],
                kept: diff::diff(text[0], text[1]).map(|d| count(d.kept)),
                text: config.excerpts.then(|| text.map(str::to_string)),
                quoted: [quoted(a, ta, p.a), quoted(b, tb, p.b)],
                cosine: p.cosine,
            }
        })
        .collect()
}

/// The text of `span`, empty if it is not a valid span of `text`.
fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_hold_at_most_the_budget_each_article_counted_once() {
        let len = |a: u32| [10, 20, 30, 100][a as usize];
        let pairs = [(0, 1), (0, 2), (1, 2), (0, 3), (2, 3)];
        // 0, 1, 2 make 60 bytes; 3 would make 160.
        assert_eq!(text_blocks(&pairs, &len, 60), vec![0..3, 3..4, 4..5]);
        assert_eq!(text_blocks(&pairs, &len, 1000), vec![0..5]);
        // A pair over the budget alone is a block of its own.
        assert_eq!(text_blocks(&pairs[3..], &len, 50), vec![0..1, 1..2]);
        assert!(text_blocks(&[], &len, 50).is_empty());
    }
}
