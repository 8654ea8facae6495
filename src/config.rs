//! The plain settings of a run, built by the binary from its flags.

use std::path::PathBuf;

use crate::align::AlignParams;
use crate::error::Error;
use crate::faults::Faults;
use crate::input::{FieldNames, Format};
use crate::shingle::MAX_SHINGLE;

/// Default Jaccard threshold for near-duplicate paragraphs; see
/// `docs/pipeline.md` for why 0.5.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// Default words per shingle.
pub const DEFAULT_SHINGLE_SIZE: usize = 5;
/// Default fewest words for a paragraph to be matched.
pub const DEFAULT_MIN_WORDS: usize = 3;
/// Default shortest passage reported, in bytes per side: about ten words,
/// so a short quote counts and a shared phrase does not.
pub const DEFAULT_PASSAGE_MIN_BYTES: usize = 60;

/// Default largest gap, in sentences, inside one news passage: news
/// passages are a sentence or a few adjacent ones, and a wider gap joins
/// unrelated sentences between two shared ones.
pub const DEFAULT_PASSAGE_MAX_GAP: u32 = 1;

/// Default shortest shared run of words reported as a verbatim passage: eight
/// words, a short quotation rather than a stock phrase.
pub const DEFAULT_VERBATIM_WORDS: usize = 8;

/// Default seed of all hashing (below 2^53, so JSON readers that parse
/// numbers as doubles print it exactly).
pub const DEFAULT_SEED: u64 = 0x0077_7472;

/// Everything a scan needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// Files and directories to read.
    pub paths: Vec<PathBuf>,
    /// The format every input is read as (`--input-format`), whatever its
    /// extension; `None` (auto): from the extension, or sniffed from the
    /// content when the name has none that gives a format.
    pub input_format: Option<Format>,
    /// Field names for JSONL and CSV.
    pub fields: FieldNames,
    /// Paragraph separator replacing blank lines, if any.
    pub paragraph_sep: Option<String>,
    /// Lowest exact Jaccard of a reported paragraph pair.
    pub threshold: f64,
    /// Words per shingle.
    pub shingle_size: usize,
    /// Fewest words for a paragraph to be matched.
    pub min_words: usize,
    /// Number of MinHash permutations.
    pub permutations: usize,
    /// Seed of all hashing.
    pub seed: u64,
    /// Whether to look for shared passages (quotes, reworded sentences).
    pub passages: bool,
    /// Whether to read the excerpts a report shows (the first paragraphs of
    /// each cluster's center), a third read of those articles; a caller
    /// that builds no report (`--format pairs`, `clean`) leaves it out.
    pub excerpts: bool,
    /// Whether the verified paragraph pairs are the run's only output
    /// (`--format pairs`): passages, clusters, block matches, excerpts and
    /// what provenance reads in the text (quote shares, page-junk marks,
    /// sources named, datelines) are then left out.
    pub pairs_only: bool,
    /// Fingerprints held by more articles are stock phrases, not evidence.
    pub passage_max_articles: usize,
    /// Aligner settings for passages.
    pub align: AlignParams,
    /// Faults injected by tests (none by default).
    #[doc(hidden)]
    pub faults: Faults,
}

impl Config {
    /// A config with default settings for `paths`.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Config {
            paths,
            input_format: None,
            fields: FieldNames::default(),
            paragraph_sep: None,
            threshold: DEFAULT_THRESHOLD,
            shingle_size: DEFAULT_SHINGLE_SIZE,
            min_words: DEFAULT_MIN_WORDS,
            permutations: crate::minhash::DEFAULT_PERMUTATIONS,
            seed: DEFAULT_SEED,
            passages: true,
            excerpts: true,
            pairs_only: false,
            passage_max_articles: crate::passages::DEFAULT_MAX_ARTICLES,
            align: AlignParams {
                min_bytes: DEFAULT_PASSAGE_MIN_BYTES,
                max_gap: DEFAULT_PASSAGE_MAX_GAP,
                verbatim_words: DEFAULT_VERBATIM_WORDS,
                // News rewording swaps function words ("whether" -> "if"),
                // which dilute short sentences' bags (docs/passages.md).
                keep_stopwords: false,
                // A news sentence "summarizing" a long stretch of another
                // article is not copied text (docs/passages.md).
                summary_ratio: f64::INFINITY,
                ..AlignParams::default()
            },
            faults: Faults::default(),
        }
    }

    /// Whether the run searches shared passages: asked for, and not a
    /// pairs-only run.
    pub fn searches_passages(&self) -> bool {
        self.passages && !self.pairs_only
    }

    /// Checks that every setting is in range.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(m));
        if self.paths.is_empty() {
            return bad("no path to scan".into());
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return bad(format!("--threshold must be in (0, 1], got {}", self.threshold));
        }
        if !(1..=MAX_SHINGLE).contains(&self.shingle_size) {
            return bad(format!("--shingle-size must be 1 to {MAX_SHINGLE}, got {}", self.shingle_size));
        }
        if self.min_words == 0 {
            return bad("--min-words must be at least 1".into());
        }
        if !(1..=1024).contains(&self.permutations) {
            return bad(format!("--permutations must be 1 to 1024, got {}", self.permutations));
        }
        if self.passage_max_articles < 2 {
            return bad("--passage-max-articles must be at least 2".into());
        }
        if self.paragraph_sep.as_deref() == Some("") {
            return bad("--paragraph-sep must not be empty".into());
        }
        Ok(())
    }
}
