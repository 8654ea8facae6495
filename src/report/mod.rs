//! Report: a [`Scan`](crate::pipeline::Scan) -> the document users read, as text, JSON,
//! HTML or DOT; or just the verified pairs ([`render_pairs`]).
//!
//! [`Report`] is the JSON schema (`docs/json-schema.md`, version
//! [`SCHEMA_VERSION`]); the text, HTML and DOT reports are rendered from the
//! same document, so all always say the same thing.

mod dot;
pub mod html;
mod outlets;
mod pairs;
mod passages_text;
mod provenance_out;
mod provenance_text;
mod regions_out;
mod text;

pub use dot::render_dot;
pub use html::render_html;
pub use pairs::render_pairs;
pub use text::render_text;

use serde::Serialize;

/// Version of the JSON document; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 3;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Schema version.
    pub version: u32,
    /// Settings the scan ran with.
    pub settings: Settings,
    /// Counts of what was read and found.
    pub summary: Summary,
    /// Articles read, in order; `article` fields elsewhere index this list.
    pub articles: Vec<ArticleOut>,
    /// Groups of places sharing text, most shared text first.
    pub clusters: Vec<ClusterOut>,
    /// Verified block matches between two places.
    pub matches: Vec<MatchOut>,
    /// Pairs of articles sharing text: kind of reuse and who took from whom.
    pub pairs: Vec<PairOut>,
    /// Outlet -> outlet reuse (and named source -> outlet), heaviest first.
    pub outlet_edges: Vec<OutletEdgeOut>,
    /// Groups of articles telling the same story, largest first.
    pub stories: Vec<StoryOut>,
    /// Problems with the input; the run went on.
    pub warnings: Vec<WarningOut>,
}

/// Settings of the scan.
#[derive(Debug, Serialize)]
pub struct Settings {
    /// Lowest Jaccard reported.
    pub threshold: f64,
    /// Words per shingle.
    pub shingle_size: usize,
    /// Fewest words for a paragraph to be matched.
    pub min_words: usize,
    /// MinHash permutations.
    pub permutations: usize,
    /// LSH bands.
    pub bands: usize,
    /// LSH rows per band.
    pub rows: usize,
    /// Probability that a pair at exactly the threshold becomes a candidate.
    pub recall_at_threshold: f64,
    /// Whether shared passages were looked for.
    pub passages: bool,
    /// Shortest passage reported, in bytes per side.
    pub passage_min_bytes: usize,
    /// Fingerprints held by more articles were dropped as stock phrases.
    pub passage_max_articles: usize,
    /// Seed of all hashing.
    pub seed: u64,
}

/// Counts.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Files read.
    pub sources: usize,
    /// Articles read.
    pub articles: usize,
    /// Paragraphs found.
    pub paragraphs: usize,
    /// Paragraphs with at least `min_words` words.
    pub matchable_paragraphs: usize,
    /// Paragraph pairs proposed by LSH.
    pub candidate_pairs: usize,
    /// Paragraph pairs at or above the threshold.
    pub verified_pairs: usize,
    /// Article pairs aligned in search of shared passages.
    pub passage_candidate_pairs: usize,
    /// Fingerprints dropped as stock phrases (in too many articles).
    pub stock_phrases_dropped: usize,
}

/// One article.
#[derive(Debug, Serialize)]
pub struct ArticleOut {
    /// Unique id.
    pub id: String,
    /// File it came from.
    pub source: String,
    /// Line of its record (JSONL, CSV).
    pub line: Option<u64>,
    /// Outlet, if known.
    pub outlet: Option<String>,
    /// URL, if known.
    pub url: Option<String>,
    /// Date, if known.
    pub date: Option<String>,
    /// Title, if known.
    pub title: Option<String>,
    /// Length of its text in bytes.
    pub bytes: usize,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Whether `date` is a scrape time rather than a publication time.
    pub date_is_scrape: bool,
    /// The date of its dateline, if its text has one (`YYYY-MM-DD hh:mm`).
    pub dateline: Option<String>,
    /// Sources its text names (attribution phrases, credit positions).
    pub named_sources: Vec<NamedOut>,
    /// Share of its text (page junk aside) shared with other articles,
    /// boilerplate aside.
    pub reused: f64,
    /// Share of its text in boilerplate shared with other articles.
    pub boilerplate: f64,
    /// Share of its text repeating earlier text of itself.
    pub repeated: f64,
    /// Articles it took from, or shares a common source with.
    pub upstream: Vec<UpstreamOut>,
}

/// A source named in an article's text.
#[derive(Debug, Serialize)]
pub struct NamedOut {
    /// The name (a known organization's full name, else as found).
    pub name: String,
    /// Whether it is a dateline credit such as "(AP)".
    pub credit: bool,
    /// The words around its first mention, inside its paragraph.
    pub context: String,
}

/// Where an article's reused text comes from, through one pair.
#[derive(Debug, Serialize)]
pub struct UpstreamOut {
    /// Index into `pairs`.
    pub pair: usize,
    /// The other article (index into `articles`).
    pub article: u32,
    /// Its id.
    pub id: String,
    /// `source` when the other article is the source, `common_source` when
    /// both take from a common source.
    pub relation: &'static str,
    /// The common source named, if any.
    pub source: Option<String>,
    /// Share of the shared words changed (word level).
    pub changed: f64,
}

/// A pair of articles sharing text.
#[derive(Debug, Serialize)]
pub struct PairOut {
    /// Index into `articles` of the first (`a < b`).
    pub a: u32,
    /// Index of the second.
    pub b: u32,
    /// Their ids.
    pub ids: [String; 2],
    /// `syndication`, `quote`, `rewrite`, or `boilerplate` when that is
    /// all they share.
    pub relation: &'static str,
    /// Words of shared text other than boilerplate, per side, each word
    /// counted once.
    pub shared_words: [u64; 2],
    /// Share of each article's words (page junk aside) in that text.
    pub covered: [f64; 2],
    /// Share of the shared words changed: `1 - kept / min(words a, words
    /// b)` of each region, kept words being those kept in order.
    pub changed: f64,
    /// Who took from whom (`undetermined`, without evidence, for
    /// boilerplate).
    pub direction: DirectionOut,
    /// Indices into `matches` of the matches between the two articles.
    pub matches: Vec<usize>,
    /// Everything the two share, each piece with its kind, by reference to
    /// a cluster's members or to a match.
    pub regions: Vec<RegionOut>,
}

/// A piece of text two articles share: its kind, and where the report
/// places it on each side, by reference (no text is copied).
#[derive(Debug, Serialize)]
pub struct RegionOut {
    /// `boilerplate`, `syndication`, `quote` or `rewrite`.
    pub kind: &'static str,
    /// The rule that decided the kind.
    pub rule: String,
    /// Id of the cluster whose members hold it, when it is a cluster's
    /// text.
    pub cluster: Option<usize>,
    /// For a cluster's text: indices into that cluster's `members` of side
    /// a's place and side b's place.
    pub members: Option<[usize; 2]>,
    /// Otherwise: index into `matches` of the block match or passage.
    pub r#match: Option<usize>,
}

/// Direction of a pair.
#[derive(Debug, Serialize)]
pub struct DirectionOut {
    /// `a_to_b`, `b_to_a`, `common_source` or `undetermined`.
    pub verdict: &'static str,
    /// The common source named, for `common_source` (none when the texts
    /// do not name it).
    pub source: Option<String>,
    /// Confidence, 0 to 1.
    pub confidence: f64,
    /// The evidence, strongest first.
    pub evidence: Vec<EvidenceOut>,
}

impl DirectionOut {
    /// Whether the evidence says the pair is no copy at all: one article
    /// captured twice, or two pages of other outlets' snippets. Reports
    /// list such pairs after the copies.
    pub fn no_copy(&self) -> bool {
        self.no_copy_signal().is_some()
    }

    /// The signal saying the pair is no copy (`same_page` or `digest`),
    /// if one does.
    fn no_copy_signal(&self) -> Option<&'static str> {
        self.evidence.iter().map(|e| e.signal).find(|s| matches!(*s, "same_page" | "digest"))
    }
}

/// One piece of evidence on a pair's direction.
#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    /// `attribution`, `named_source`, `named_elsewhere`, `credit`, `time`,
    /// `scrape_time`, `quotes`, `containment`, `shared_edits`,
    /// `same_page` or `digest`.
    pub signal: &'static str,
    /// `a` (a is the source), `b`, or `common`.
    pub favours: &'static str,
    /// Its weight.
    pub weight: f64,
    /// What was seen.
    pub detail: String,
}

/// Reuse of one outlet's wording by another.
#[derive(Debug, Serialize)]
pub struct OutletEdgeOut {
    /// The source: an outlet, a source both sides name, or an article id
    /// when its outlet is unknown.
    pub from: String,
    /// The outlet reusing it (or an article id).
    pub to: String,
    /// Article pairs behind the edge.
    pub pairs: usize,
    /// Shared words on the reusing side.
    pub words: u64,
}

/// Articles telling the same story.
#[derive(Debug, Serialize)]
pub struct StoryOut {
    /// 1-based id.
    pub id: usize,
    /// Its articles (indices into `articles`).
    pub articles: Vec<u32>,
    /// Sources at least two of them name, most named first.
    pub sources: Vec<String>,
    /// Groups of its articles carrying versions of one report (each side of
    /// a joining pair has 30% or more of its text shared), largest first;
    /// empty when the whole story is one such group or there is none.
    pub versions: Vec<Vec<u32>>,
}

/// A range of paragraphs of an article, with its byte span.
#[derive(Debug, Serialize)]
pub struct Place {
    /// Index into `articles`.
    pub article: u32,
    /// The article's id.
    pub id: String,
    /// First byte of the first paragraph in the article's text.
    pub start: usize,
    /// One past the last byte of the last paragraph.
    pub end: usize,
    /// First and last paragraph, 0-based, inclusive.
    pub paragraphs: [u32; 2],
}

/// Lowest and highest of a measure.
#[derive(Debug, Serialize)]
pub struct Range {
    /// Lowest.
    pub min: f64,
    /// Highest.
    pub max: f64,
}

/// A cluster.
#[derive(Debug, Serialize)]
pub struct ClusterOut {
    /// 1-based id, in report order.
    pub id: usize,
    /// `repeat`, `boilerplate`, `syndication`, `quote` or `rewrite`.
    pub kind: &'static str,
    /// The rule that decided the kind.
    pub rule: String,
    /// Paragraphs per member.
    pub paragraphs: u32,
    /// Words of the first member.
    pub words: u64,
    /// Jaccard of the verified paragraph pairs inside.
    pub similarity: Range,
    /// Start of the center's text (its paragraphs joined by ` ¶ `).
    pub excerpt: String,
    /// Index in `members` of the center every member was verified against.
    pub center: usize,
    /// Where the text occurs.
    pub members: Vec<Place>,
}

/// Containment of each side in the other.
#[derive(Debug, Serialize)]
pub struct Containment {
    /// Share of a's shingles (passages: words) found in b.
    pub a_in_b: f64,
    /// Share of b's shingles (passages: words) found in a.
    pub b_in_a: f64,
}

/// A block match between two places.
#[derive(Debug, Serialize)]
pub struct MatchOut {
    /// `repeat`, `boilerplate`, `syndication`, `quote` or `rewrite`.
    pub kind: &'static str,
    /// The rule that decided the kind.
    pub rule: String,
    /// `paragraphs` (near-duplicate paragraphs) or `passage`.
    pub method: &'static str,
    /// Paragraph matches: Jaccard of the block (shingles pooled over its
    /// paragraph pairs). Passages: share of words kept in order,
    /// `2 * kept / (words a + words b)`.
    pub similarity: f64,
    /// Lowest Jaccard of one paragraph pair in the block (`null` for a
    /// passage).
    pub min_paragraph_similarity: Option<f64>,
    /// Containment of each side in the other.
    pub containment: Containment,
    /// Id of the cluster holding side a's first paragraph (else side b's);
    /// `null` when neither is in a cluster (see `docs/json-schema.md`).
    pub cluster: Option<usize>,
    /// The earlier side (`a.article <= b.article`).
    pub a: Place,
    /// The later side.
    pub b: Place,
    /// For a passage: its words, what changed, and its text.
    pub passage: Option<PassageOut>,
}

/// What a passage match says beyond its places.
#[derive(Debug, Serialize)]
pub struct PassageOut {
    /// Words on each side.
    pub words: [usize; 2],
    /// Words on each side not kept, in order, on the other (`null` when the
    /// passage is too long to diff).
    pub changed_words: Option<[usize; 2]>,
    /// Whether most of each side's words are inside quotation marks.
    pub quoted: [bool; 2],
    /// Each side's text, white space collapsed, words not kept on the other
    /// side in `⟦` `⟧`.
    pub text: [String; 2],
}

/// A warning.
#[derive(Debug, Serialize)]
pub struct WarningOut {
    /// File concerned.
    pub source: String,
    /// Line, when the problem is in one record.
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

pub(crate) mod build;
pub use build::build;
mod counts;
pub use counts::{count, thousands};

/// Writes `report` as pretty JSON with a final newline.
pub fn render_json(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// `text` if it has at most `max` characters, else its longest prefix of
/// whole words within `max - 1` characters followed by `…`.
pub(crate) fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text.char_indices().nth(max.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = head.rsplit_once(' ').map_or(head, |(words, _)| words);
    format!("{}…", head.trim_end_matches('…').trim_end())
}

/// Article `a` as a reader finds it: its id, and its outlet in parentheses
/// when it has one ("6464 (charlotteobserver.com)").
pub(crate) fn article_label(report: &Report, a: u32) -> String {
    match report.articles.get(a as usize) {
        Some(art) => match &art.outlet {
            Some(outlet) => format!("{} ({outlet})", art.id),
            None => art.id.clone(),
        },
        None => format!("article {a}"),
    }
}

/// What a group of versions of one report (a story's `versions`) has in
/// common, to tell the report: the excerpt of the cluster carried by the
/// most articles of the group (repeats and boilerplate aside; the earliest
/// cluster on a tie), if any is.
pub(crate) fn version_excerpt<'r>(report: &'r Report, group: &[u32]) -> Option<&'r str> {
    let mut best: Option<(usize, &ClusterOut)> = None;
    for c in report.clusters.iter().filter(|c| !matches!(c.kind, "repeat" | "boilerplate")) {
        let mut inside: Vec<u32> =
            c.members.iter().map(|m| m.article).filter(|a| group.binary_search(a).is_ok()).collect();
        inside.sort_unstable();
        inside.dedup();
        if inside.len() >= 2 && best.is_none_or(|(n, _)| inside.len() > n) {
            best = Some((inside.len(), c));
        }
    }
    best.map(|(_, c)| c.excerpt.as_str())
}

/// Whether evidence favouring `favours` (`a`, `b` or `common`) points
/// against `verdict` (a pair's `direction.verdict`); nothing is against
/// `undetermined`.
pub(crate) fn against(verdict: &str, favours: &str) -> bool {
    match verdict {
        "a_to_b" => favours != "a",
        "b_to_a" => favours != "b",
        "common_source" => favours != "common",
        _ => false,
    }
}

/// What two articles share (a pair's `relation`), in words.
pub(crate) fn relation_words(relation: &str) -> &'static str {
    match relation {
        "syndication" => "copied text (syndication)",
        "quote" => "shared quotes",
        "rewrite" => "reworded sentences (rewrite)",
        "boilerplate" => "boilerplate only",
        _ => "shared text",
    }
}

/// The verdict on pair `p`, in words, naming its articles `a` and `b`.
pub(crate) fn verdict_words(p: &PairOut, a: &str, b: &str) -> String {
    if p.relation == "boilerplate" {
        // Whatever a verdict says, template text is no evidence of copying.
        return "no copying: they share only boilerplate".to_string();
    }
    match (p.direction.verdict, &p.direction.source) {
        ("a_to_b", _) => format!("{b} took from {a}"),
        ("b_to_a", _) => format!("{a} took from {b}"),
        ("common_source", Some(s)) => format!("both take from a common source, {s}, not from each other"),
        ("common_source", None) => "both take from a common source, not from each other".to_string(),
        _ => match p.direction.no_copy_signal() {
            // These two signals replace all others: they say why there is
            // no direction, so "the evidence does not say" would be false.
            Some("same_page") => "no copying: the same article published or captured twice".to_string(),
            Some("digest") => {
                "no copying: both are pages of snippets crediting other outlets, sharing those outlets' text"
                    .to_string()
            }
            _ => "undetermined: the evidence does not say who took from whom".to_string(),
        },
    }
}

/// Rounds a measure to 4 decimals for stable, readable output.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::{DirectionOut, EvidenceOut, PairOut, cut_at_word, verdict_words};

    /// A pair of articles `x` and `y` with `relation` and `direction`.
    fn pair_out(relation: &'static str, direction: DirectionOut) -> PairOut {
        PairOut {
            a: 0,
            b: 1,
            ids: ["x".into(), "y".into()],
            relation,
            shared_words: [3784, 3809],
            covered: [0.95, 0.95],
            changed: 0.0029,
            direction,
            matches: Vec::new(),
            regions: Vec::new(),
        }
    }

    #[test]
    fn a_boilerplate_pair_reads_as_no_copying_whatever_its_verdict() {
        for verdict in ["common_source", "a_to_b", "undetermined"] {
            let direction = DirectionOut {
                verdict,
                source: Some("Reuters".into()),
                confidence: 0.6,
                evidence: Vec::new(),
            };
            let p = pair_out("boilerplate", direction);
            assert_eq!(verdict_words(&p, "x", "y"), "no copying: they share only boilerplate", "{verdict}");
        }
    }

    #[test]
    fn a_page_captured_twice_reads_as_no_copying_not_as_undetermined() {
        // Helsinki: the top pairs of the HTML table were two captures of one
        // Google News page (231/8177, 95% of each shared); the verdict read
        // "the evidence does not say who took from whom" above evidence
        // saying "one article published or captured twice, not a copy".
        for (signal, words) in [
            ("same_page", "no copying: the same article published or captured twice"),
            (
                "digest",
                "no copying: both are pages of snippets crediting other outlets, sharing those outlets' text",
            ),
            ("time", "undetermined: the evidence does not say who took from whom"),
        ] {
            let evidence =
                vec![EvidenceOut { signal, favours: "common", weight: 0.0, detail: String::new() }];
            let direction = DirectionOut { verdict: "undetermined", source: None, confidence: 0.0, evidence };
            let p = pair_out("syndication", direction);
            assert_eq!(verdict_words(&p, "x", "y"), words);
        }
    }

    #[test]
    fn cuts_at_a_word_boundary_within_the_limit() {
        assert_eq!(cut_at_word("short", 10), "short");
        assert_eq!(cut_at_word("one two three four", 10), "one two…");
        assert!(cut_at_word("ééééé ééééé ééééé", 8).chars().count() <= 8);
        assert_eq!(cut_at_word("abcdefghijkl", 5), "abcd…");
    }
}
