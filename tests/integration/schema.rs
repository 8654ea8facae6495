//! The JSON report, as strict structs: an unknown or missing field fails.

// Every field is listed so that deserialization is strict; tests read only some.
#![allow(dead_code)]

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub version: u32,
    pub settings: Settings,
    pub summary: Summary,
    pub articles: Vec<Article>,
    pub clusters: Vec<Cluster>,
    pub matches: Vec<Match>,
    pub pairs: Vec<Pair>,
    pub outlet_edges: Vec<OutletEdge>,
    pub stories: Vec<Story>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub threshold: f64,
    pub shingle_size: usize,
    pub min_words: usize,
    pub permutations: usize,
    pub bands: usize,
    pub rows: usize,
    pub recall_at_threshold: f64,
    pub passages: bool,
    pub passage_min_bytes: usize,
    pub passage_max_articles: usize,
    pub seed: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub sources: usize,
    pub articles: usize,
    pub paragraphs: usize,
    pub matchable_paragraphs: usize,
    pub candidate_pairs: usize,
    pub verified_pairs: usize,
    pub passage_candidate_pairs: usize,
    pub stock_phrases_dropped: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub line: Option<u64>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub bytes: usize,
    pub paragraphs: usize,
    pub date_is_scrape: bool,
    pub dateline: Option<String>,
    pub named_sources: Vec<Named>,
    pub reused: f64,
    pub boilerplate: f64,
    pub repeated: f64,
    pub upstream: Vec<Upstream>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub name: String,
    pub credit: bool,
    pub context: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Upstream {
    pub pair: usize,
    pub article: usize,
    pub id: String,
    pub relation: String,
    pub source: Option<String>,
    pub changed: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub ids: [String; 2],
    pub relation: String,
    pub shared_words: [u64; 2],
    pub covered: [f64; 2],
    pub changed: f64,
    pub direction: Direction,
    pub matches: Vec<usize>,
    pub regions: Vec<Region>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub kind: String,
    pub rule: String,
    pub cluster: Option<usize>,
    pub members: Option<[usize; 2]>,
    pub r#match: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    pub verdict: String,
    pub source: Option<String>,
    pub confidence: f64,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub signal: String,
    pub favours: String,
    pub weight: f64,
    pub detail: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEdge {
    pub from: String,
    pub to: String,
    pub pairs: usize,
    pub words: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub id: usize,
    pub articles: Vec<usize>,
    pub sources: Vec<String>,
    pub versions: Vec<Vec<usize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub article: usize,
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub paragraphs: [u32; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: usize,
    pub kind: String,
    pub rule: String,
    pub paragraphs: u32,
    pub words: u64,
    pub similarity: Range,
    pub excerpt: String,
    pub center: usize,
    pub members: Vec<Place>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Containment {
    pub a_in_b: f64,
    pub b_in_a: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    pub kind: String,
    pub rule: String,
    pub method: String,
    pub similarity: f64,
    pub min_paragraph_similarity: Option<f64>,
    pub containment: Containment,
    pub cluster: Option<usize>,
    pub a: Place,
    pub b: Place,
    pub passage: Option<Passage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub words: [usize; 2],
    pub changed_words: Option<[usize; 2]>,
    pub quoted: [bool; 2],
    pub text: [String; 2],
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub source: String,
    pub line: Option<u64>,
    pub message: String,
}

impl Report {
    /// Warnings about `source_suffix` (matched at the end of the source path).
    pub fn warnings_for(&self, source_suffix: &str) -> Vec<&Warning> {
        self.warnings.iter().filter(|w| w.source.ends_with(source_suffix)).collect()
    }

    /// The places of region `r` of pair `p`, side a then side b: two
    /// members of a cluster, or a match's sides.
    pub fn region_places(&self, p: &Pair, r: &Region) -> [&Place; 2] {
        let [a, b] = match (r.cluster, r.members, r.r#match) {
            (Some(c), Some([x, y]), None) => {
                let members = &self.clusters[c - 1].members;
                [&members[x], &members[y]]
            }
            (None, None, Some(m)) => [&self.matches[m].a, &self.matches[m].b],
            _ => panic!("a region names a cluster and two members, or a match: {r:#?}"),
        };
        assert_eq!([a.article, b.article], [p.a, p.b], "the region is on the pair's own articles: {r:#?}");
        [a, b]
    }

    /// The article with id `id`.
    pub fn article(&self, id: &str) -> (usize, &Article) {
        self.articles.iter().enumerate().find(|(_, a)| a.id == id).unwrap_or_else(|| {
            panic!("no article {id:?} in {:?}", self.articles.iter().map(|a| &a.id).collect::<Vec<_>>())
        })
    }
}
