//! Turning a [`Scan`] into a [`Report`].

use std::collections::HashMap;

use super::regions_out::Where;
use super::{
    ArticleOut, ClusterOut, Containment, MatchOut, NamedOut, PassageOut, Place, Range, Report,
    SCHEMA_VERSION, Settings, Summary, WarningOut, round4,
};
use crate::blocks::BlockMatch;
use crate::cluster::Cluster;
use crate::diff;
use crate::passages::PassageMatch;
use crate::pipeline::Scan;
use crate::provenance::kinds::Decided;
use crate::provenance::regions::Origin;
use crate::provenance::{self, Provenance};
use crate::segment::Span;

/// Builds the report of `scan`: clusters ordered by how much text they
/// share (words of one member times the number of other members), matches
/// ordered by cluster, then by their sides.
pub fn build(scan: &Scan) -> Report {
    let prov = provenance::analyze(scan);
    let order = cluster_order(scan);
    // Paragraph -> (cluster id in report order, cluster index in the scan).
    let mut cluster_of_para: HashMap<u32, (usize, usize)> = HashMap::new();
    for (rank, &c) in order.iter().enumerate() {
        let cluster = &scan.clusters[c];
        let len = cluster.members[0].last - cluster.members[0].first + 1;
        for m in &cluster.members {
            for offset in 0..len {
                cluster_of_para.insert(m.first_p + offset, (rank + 1, c));
            }
        }
    }
    let clusters = order
        .iter()
        .enumerate()
        .map(|(rank, &c)| cluster_out(scan, &scan.clusters[c], rank + 1, &prov.clusters[c]))
        .collect();
    // Each match with its index in the scan's blocks or passages.
    let mut blocks: Vec<(usize, MatchOut)> = scan
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (i, match_out(scan, &prov, (i, b), &cluster_of_para)))
        .collect();
    let mut passages: Vec<(usize, MatchOut)> =
        scan.passages.iter().enumerate().map(|(i, p)| (i, passage_out(scan, &prov, (i, p)))).collect();
    passages.sort_by_key(|(_, m)| (m.a.article, m.a.start, m.b.article, m.b.start));
    blocks.sort_by_key(|(_, m)| {
        (m.cluster.unwrap_or(usize::MAX), m.a.article, m.a.paragraphs[0], m.b.article, m.b.paragraphs[0])
    });
    let scan_index = |list: &[(usize, MatchOut)]| list.iter().map(|(i, _)| *i).collect::<Vec<_>>();
    let places = Where::new(scan, &order, &scan_index(&blocks), &scan_index(&passages));
    let matches: Vec<MatchOut> = blocks.into_iter().chain(passages).map(|(_, m)| m).collect();
    let pairs = super::provenance_out::pairs(scan, &prov, &matches, &places);
    Report {
        version: SCHEMA_VERSION,
        settings: settings(scan),
        summary: summary(scan),
        articles: scan.articles.iter().enumerate().map(|(i, a)| article_out(scan, &prov, i, a)).collect(),
        clusters,
        matches,
        pairs,
        outlet_edges: super::provenance_out::outlet_edges(&prov),
        stories: super::provenance_out::stories(&prov),
        warnings: scan
            .warnings
            .iter()
            .map(|w| WarningOut { source: w.source.clone(), line: w.line, message: w.message.clone() })
            .collect(),
    }
}

/// One block match (index `i` in the scan) as reported; `cluster_of_para`
/// maps paragraphs to cluster ids and scan indices.
fn match_out(
    scan: &Scan,
    prov: &Provenance,
    (i, b): (usize, &BlockMatch),
    cluster_of_para: &HashMap<u32, (usize, usize)>,
) -> MatchOut {
    let cluster = cluster_of_para.get(&b.first_p).or_else(|| cluster_of_para.get(&b.first_q)).copied();
    let origin = cluster.map_or(Origin::Block(i), |(_, c)| Origin::Cluster(c));
    let (kind, rule) = if b.a_article == b.b_article {
        ("repeat", "both places are in one article".to_string())
    } else {
        decided(prov.kind_of(b.a_article, b.b_article, origin))
    };
    MatchOut {
        kind,
        rule,
        method: "paragraphs",
        similarity: round4(b.jaccard()),
        min_paragraph_similarity: Some(round4(b.min_jaccard)),
        containment: Containment { a_in_b: round4(b.a_in_b()), b_in_a: round4(b.b_in_a()) },
        cluster: cluster.map(|c| c.0),
        a: place(scan, b.a_article, b.a_first, b.a_first + b.len - 1),
        b: place(scan, b.b_article, b.b_first, b.b_first + b.len - 1),
        passage: None,
    }
}

/// The kind and rule of a decision, `rewrite` when there is none (a
/// region provenance did not see).
fn decided(d: Option<&Decided>) -> (&'static str, String) {
    d.map_or(("rewrite", "no decision".to_string()), |d| (d.kind.name(), d.rule.to_string()))
}

/// One shared passage (index `i` in the scan) as reported, with its word
/// diff.
fn passage_out(scan: &Scan, prov: &Provenance, (i, p): (usize, &PassageMatch)) -> MatchOut {
    let (kind, rule) = decided(prov.kind_of(p.a_article, p.b_article, Origin::Passage(i)));
    let [na, nb] = p.words.map(|n| n as usize);
    let ratio = |x: usize, y: usize| if y == 0 { 0.0 } else { x as f64 / y as f64 };
    // Without a diff (a side over diff::MAX_WORDS), the aligner's cosine
    // stands in for the word measures (docs/json-schema.md).
    let (similarity, a_in_b, b_in_a) = match p.kept.map(|k| k as usize) {
        Some(k) => (ratio(2 * k, na + nb), ratio(k, na), ratio(k, nb)),
        None => (p.cosine, p.cosine, p.cosine),
    };
    let kept = p.kept.map_or(0, |k| k as usize);
    // A scan that kept no texts (no report asked for) shows empty sides.
    let sides = p.text.as_ref();
    let d = sides.and_then(|t| diff::diff(&t[0], &t[1]));
    let text = |side: usize| match (sides, &d) {
        (Some(t), Some(d)) => diff::marked(&t[side], if side == 0 { &d.a } else { &d.b }),
        (Some(t), None) => t[side].split_whitespace().collect::<Vec<_>>().join(" "),
        (None, _) => String::new(),
    };
    let place_of = |article: u32, span: Span| {
        let a = &scan.articles[article as usize];
        let at = |byte: usize| a.paragraph_at(byte) as u32;
        Place {
            article,
            id: a.meta.id.clone(),
            start: span.start,
            end: span.end,
            paragraphs: [at(span.start), at(span.end - 1)],
        }
    };
    MatchOut {
        kind,
        rule,
        method: "passage",
        similarity: round4(similarity),
        min_paragraph_similarity: None,
        containment: Containment { a_in_b: round4(a_in_b), b_in_a: round4(b_in_a) },
        cluster: None,
        a: place_of(p.a_article, p.a),
        b: place_of(p.b_article, p.b),
        passage: Some(PassageOut {
            words: [na, nb],
            changed_words: p.kept.map(|_| [na - kept, nb - kept]),
            quoted: p.quoted,
            text: [text(0), text(1)],
        }),
    }
}

/// Cluster indices, most shared text first; ties by first paragraph.
fn cluster_order(scan: &Scan) -> Vec<usize> {
    let mut order: Vec<(u64, u32, usize)> = scan
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let score = words(scan, c) * (c.members.len() as u64 - 1);
            (score, c.members[0].first_p, i)
        })
        .collect();
    order.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    order.into_iter().map(|(_, _, i)| i).collect()
}

fn words(scan: &Scan, cluster: &Cluster) -> u64 {
    let m = cluster.members[0];
    let article = &scan.articles[m.article as usize];
    (m.first..=m.last).map(|i| u64::from(article.paragraphs[i as usize].words)).sum()
}

fn cluster_out(scan: &Scan, cluster: &Cluster, id: usize, kind: &Decided) -> ClusterOut {
    let first = cluster.members[0];
    ClusterOut {
        id,
        kind: kind.kind.name(),
        rule: kind.rule.to_string(),
        paragraphs: first.last - first.first + 1,
        words: words(scan, cluster),
        similarity: Range { min: round4(cluster.jaccard.0), max: round4(cluster.jaccard.1) },
        excerpt: block_excerpt(scan, cluster.members[cluster.center].first_p, first.last - first.first + 1),
        center: cluster.center,
        members: cluster.members.iter().map(|m| place(scan, m.article, m.first, m.last)).collect(),
    }
}

/// Longest cluster excerpt, in characters.
pub(crate) const EXCERPT_CHARS: usize = 400;

/// The start of a block's text: its paragraphs' excerpts joined by ` ¶ `,
/// cut at a word boundary within [`EXCERPT_CHARS`].
fn block_excerpt(scan: &Scan, first_p: u32, len: u32) -> String {
    let mut out = String::new();
    for p in first_p..first_p + len {
        let Some(text) = scan.excerpt(p) else { break };
        if !out.is_empty() {
            out.push_str(" ¶ ");
        }
        out.push_str(text);
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
    }
    super::cut_at_word(&out, EXCERPT_CHARS)
}

fn place(scan: &Scan, article: u32, first: u32, last: u32) -> Place {
    let a = &scan.articles[article as usize];
    Place {
        article,
        id: a.meta.id.clone(),
        start: a.paragraphs[first as usize].span.start,
        end: a.paragraphs[last as usize].span.end,
        paragraphs: [first, last],
    }
}

fn settings(scan: &Scan) -> Settings {
    let p = &scan.sketch;
    Settings {
        threshold: scan.threshold,
        shingle_size: p.shingle.size,
        min_words: p.shingle.min_words,
        permutations: p.permutations,
        bands: p.lsh.bands,
        rows: p.lsh.rows,
        recall_at_threshold: round4(p.lsh.candidate_probability(scan.threshold)),
        passages: scan.passages_searched,
        passage_min_bytes: scan.passage_min_bytes,
        passage_max_articles: scan.passage_max_articles,
        seed: p.seed,
    }
}

fn summary(scan: &Scan) -> Summary {
    let matchable = scan.articles.iter().flat_map(|a| &a.paragraphs).filter(|p| p.shingles > 0).count();
    Summary {
        sources: scan.sources.len(),
        articles: scan.articles.len(),
        paragraphs: scan.paragraphs.len(),
        matchable_paragraphs: matchable,
        candidate_pairs: scan.candidates,
        verified_pairs: scan.edges.len(),
        passage_candidate_pairs: scan.passage_candidates,
        stock_phrases_dropped: scan.stock_fingerprints,
    }
}

fn article_out(scan: &Scan, prov: &Provenance, i: usize, a: &crate::sketch::ArticleSketch) -> ArticleOut {
    let view = &prov.articles[i];
    ArticleOut {
        id: a.meta.id.clone(),
        source: scan.sources[a.key.source as usize].display.clone(),
        line: (a.key.line > 0).then_some(a.key.line),
        outlet: a.meta.outlet.clone(),
        url: a.meta.url.clone(),
        date: a.meta.date.clone(),
        title: a.meta.title.clone(),
        bytes: a.text_len,
        paragraphs: a.paragraphs.len(),
        date_is_scrape: a.meta.date_is_scrape,
        dateline: a.signals.dateline.map(crate::provenance::time::Instant::display),
        named_sources: a
            .signals
            .named
            .iter()
            .map(|n| NamedOut { name: n.name.clone(), credit: n.credit, context: n.context().to_string() })
            .collect(),
        reused: round4(view.reused),
        boilerplate: round4(view.boilerplate),
        repeated: round4(view.repeated),
        upstream: super::provenance_out::upstream(scan, prov, view),
    }
}
