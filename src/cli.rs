//! Command-line flags, turned into a plain [`Config`] before any work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use wiretrace::Config;
use wiretrace::align::AlignParams;
use wiretrace::config::{DEFAULT_MIN_WORDS, DEFAULT_SEED, DEFAULT_SHINGLE_SIZE, DEFAULT_THRESHOLD};
use wiretrace::input::FieldNames;
use wiretrace::minhash::DEFAULT_PERMUTATIONS;

/// Find reused text in news: near-duplicate paragraphs within and across articles.
#[derive(Debug, Parser)]
#[command(name = "wiretrace", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report near-duplicate paragraphs and repeated blocks in a corpus.
    #[command(after_help = "Exit status: 0 the report was written (with or without warnings); \
        1 --strict and a warning, or the report could not be written; \
        2 bad usage or a PATH that does not exist.\n\
        Docs: docs/pipeline.md, docs/input.md, docs/json-schema.md")]
    Scan(ScanArgs),
    /// Align document pairs under the PAN text-alignment protocol and write detection XML.
    Pan(PanArgs),
    /// Classify METER newspaper stories as wholly, partially or non derived from PA copy (TSV out).
    Meter(MeterArgs),
    /// Write a cleaned copy of a corpus (repeats, boilerplate, near-duplicate articles removed)
    /// and removed.jsonl, the log of every removal.
    #[command(after_help = "Exit status: 0 the copy and log were written; 1 a file could not be \
        written; 2 bad usage, a PATH that does not exist, or --out inside an input or not empty.\n\
        Docs: docs/clean.md")]
    Clean(crate::cli_clean::CleanArgs),
}

/// Flags of `wiretrace meter`.
#[derive(Debug, clap::Args)]
pub struct MeterArgs {
    /// The METER folder holding labels.tsv (its 'article' and 'pa_files' columns are read).
    pub root: PathBuf,
    /// Classify by thresholds on word containment (the old rule) instead of the learned model.
    #[arg(long)]
    pub rule: bool,
    /// With --rule: word containment (share of the story's distinct words in the PA copy) at or
    /// above which a story is partially derived.
    #[arg(long, default_value_t = wiretrace::derive::DEFAULT_THRESHOLDS.0)]
    pub partially: f64,
    /// With --rule: word containment at or above which a story is wholly derived.
    #[arg(long, default_value_t = wiretrace::derive::DEFAULT_THRESHOLDS.1)]
    pub wholly: f64,
}

/// Flags of `wiretrace pan`.
#[derive(Debug, clap::Args)]
pub struct PanArgs {
    /// Pairs file: "suspicious-documentN.txt source-documentM.txt" per line.
    #[arg(long)]
    pub pairs: PathBuf,
    /// Folder of source documents.
    #[arg(long)]
    pub src: PathBuf,
    /// Folder of suspicious documents.
    #[arg(long)]
    pub susp: PathBuf,
    /// Folder for the detection XML files (created).
    #[arg(long)]
    pub out: PathBuf,

    /// Lowest tf-idf cosine of a seed sentence pair. Lower finds more rewording, with more false seeds.
    #[arg(long, default_value_t = AlignParams::default().min_cosine)]
    pub min_cosine: f64,
    /// Lowest Dice coefficient of a seed sentence pair.
    #[arg(long, default_value_t = AlignParams::default().min_dice)]
    pub min_dice: f64,
    /// Largest gap, in sentences, inside one passage.
    #[arg(long, default_value_t = AlignParams::default().max_gap)]
    pub max_gap: u32,
    /// Largest gap, in sentences, when looking for a summary of a longer passage.
    #[arg(long, default_value_t = AlignParams::default().summary_gap)]
    pub summary_gap: u32,
    /// How many times longer the source side must be for a passage to count as a summary.
    #[arg(long, default_value_t = AlignParams::default().summary_ratio)]
    pub summary_ratio: f64,
    /// Shortest passage reported, in bytes, on each side (after trimming).
    #[arg(long, default_value_t = AlignParams::default().min_bytes)]
    pub min_bytes: usize,
    /// Also report shared runs of at least this many words that no passage covers (0: off).
    #[arg(long, default_value_t = AlignParams::default().verbatim_words)]
    pub verbatim_words: usize,
    /// Drop function words from the sentence bags (by default they stay, weighted down by
    /// their idf, as in Sanchez-Perez et al.).
    #[arg(long)]
    pub drop_stopwords: bool,
}

impl PanArgs {
    /// The library configuration these flags describe.
    pub fn config(&self) -> wiretrace::pan::PanConfig {
        wiretrace::pan::PanConfig {
            pairs: self.pairs.clone(),
            src: self.src.clone(),
            susp: self.susp.clone(),
            out: self.out.clone(),
            align: AlignParams {
                min_cosine: self.min_cosine,
                min_dice: self.min_dice,
                max_gap: self.max_gap,
                summary_gap: self.summary_gap,
                summary_ratio: self.summary_ratio,
                min_bytes: self.min_bytes,
                verbatim_words: self.verbatim_words,
                keep_stopwords: !self.drop_stopwords,
                ..AlignParams::default()
            },
        }
    }
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable report.
    Text,
    /// One JSON document (schema in docs/json-schema.md).
    Json,
    /// One self-contained HTML page: summary, pairs with who took from whom, outlet graph,
    /// side-by-side texts (of the pairs --limit shows).
    Html,
    /// Graphviz DOT of whose wording is reused (source -> reusing outlet, by words).
    Dot,
    /// JSON Lines, one verified paragraph pair per line ({"a","a_para","b","b_para","jaccard"}):
    /// every pair at or above --threshold, not only the reported ones; no report is built, and
    /// nothing else is looked for (no passages, clusters or provenance).
    Pairs,
}

/// How inputs are read (`--input-format`), shared by `scan` and `clean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// From the extension; an input whose name gives none (/dev/stdin, a file named without one) is
    /// sniffed: gzip/zstd by magic number, then JSON Lines if its first line is a JSON object, CSV/TSV
    /// if it is a header naming a text column, else plain text (a note on stderr says which).
    Auto,
    /// Plain text, one article per file.
    Text,
    /// JSON Lines, one article object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// TSV with a header row.
    Tsv,
}

impl InputFormat {
    /// The format every input is read as, or `None` to decide for each.
    pub fn given(self) -> Option<wiretrace::input::Format> {
        use wiretrace::input::Format;
        match self {
            InputFormat::Auto => None,
            InputFormat::Text => Some(Format::Text),
            InputFormat::Jsonl => Some(Format::Jsonl),
            InputFormat::Csv => Some(Format::Csv { delimiter: b',' }),
            InputFormat::Tsv => Some(Format::Csv { delimiter: b'\t' }),
        }
    }
}

/// Flags naming the JSONL/CSV fields, shared by `scan` and `clean`.
#[derive(Debug, clap::Args)]
pub struct FieldArgs {
    /// JSONL/CSV field holding the text (default: text, content, body, ...).
    #[arg(long)]
    pub text_field: Option<String>,
    /// JSONL/CSV field holding the article id (default: id, article_id, doc_id, ...).
    #[arg(long)]
    pub id_field: Option<String>,
    /// JSONL/CSV field holding the outlet (default: outlet, publisher, source, ...).
    #[arg(long)]
    pub outlet_field: Option<String>,
    /// JSONL/CSV field holding the URL (default: url, link, ...).
    #[arg(long)]
    pub url_field: Option<String>,
    /// JSONL/CSV field holding the date (default: date, published, scrape_time, ...).
    #[arg(long)]
    pub date_field: Option<String>,
    /// JSONL/CSV field holding the title (default: title, headline).
    #[arg(long)]
    pub title_field: Option<String>,
}

impl FieldArgs {
    /// The field names these flags give (unset: the reader's defaults).
    pub fn names(&self) -> FieldNames {
        FieldNames {
            text: self.text_field.clone(),
            id: self.id_field.clone(),
            outlet: self.outlet_field.clone(),
            url: self.url_field.clone(),
            date: self.date_field.clone(),
            title: self.title_field.clone(),
        }
    }
}

/// Flags of `wiretrace scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or directories to read (.txt, .jsonl/.ndjson, .csv/.tsv, each optionally .gz or .zst;
    /// a file or stream named without such an extension, e.g. /dev/stdin, is sniffed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Read every input as this format, whatever its extension (compression still from the
    /// extension, or sniffed when the name has none).
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,

    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,

    /// Lowest exact Jaccard similarity of 5-word shingle sets for two paragraphs to match.
    /// Lower finds looser rewrites but costs more candidate checks (speed for recall).
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Words per shingle. Smaller tolerates more edits but matches more stock phrases.
    #[arg(long, default_value_t = DEFAULT_SHINGLE_SIZE)]
    pub shingle_size: usize,

    /// Paragraphs with fewer words are never matched (datelines, "Search", "Comments").
    #[arg(long, default_value_t = DEFAULT_MIN_WORDS)]
    pub min_words: usize,

    /// MinHash permutations. More gives steeper LSH bands (fewer wasted checks) at a higher
    /// hashing cost; recall is held by the band layout either way.
    #[arg(long, default_value_t = DEFAULT_PERMUTATIONS)]
    pub permutations: usize,

    /// Seed of all hashing; results are identical for the same seed.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,

    /// Split paragraphs at this marker instead of blank lines (e.g. " ### ").
    /// Without it, " ### " is used for single-line texts that hold it twice or more.
    #[arg(long)]
    pub paragraph_sep: Option<String>,

    /// JSONL/CSV field names.
    #[command(flatten)]
    pub fields: FieldArgs,

    /// Skip the search for shared passages (quotes, reworded sentences): only paragraph
    /// near-duplicates. Faster on large corpora; finds less.
    #[arg(long)]
    pub no_passages: bool,

    /// A 4-word fingerprint held by more articles is a stock phrase and not evidence of reuse.
    /// Higher finds passages repeated across more articles, at quadratic cost in this number.
    #[arg(long, default_value_t = wiretrace::passages::DEFAULT_MAX_ARTICLES)]
    pub passage_max_articles: usize,

    /// Shortest shared passage reported, in bytes on each side.
    #[arg(long, default_value_t = wiretrace::config::DEFAULT_PASSAGE_MIN_BYTES)]
    pub passage_min_bytes: usize,

    /// How much the text and HTML reports show, N being this number (0: all). Text: the first
    /// N clusters and shared passages, and the first max(N, 30) pairs under "Who took from whom"
    /// and under "Boilerplate only" (its 30 stories and 20 outlet edges do not change). HTML: the
    /// first N stories, the first N clusters, and the first N pairs in the pairs table and side by
    /// side (only their texts are embedded). JSON, DOT and pairs list everything.
    #[arg(long, default_value_t = 25)]
    pub limit: usize,

    /// Exit with status 1 if any warning was issued (the report is still written).
    #[arg(long)]
    pub strict: bool,

    /// No progress line and no summary on stderr (errors only). The progress line is drawn only
    /// when stderr is a terminal anyway.
    #[arg(long, short)]
    pub quiet: bool,
}

impl ScanArgs {
    /// The library configuration these flags describe.
    pub fn config(&self) -> Config {
        Config {
            input_format: self.input_format.given(),
            fields: self.fields.names(),
            paragraph_sep: self.paragraph_sep.clone(),
            threshold: self.threshold,
            shingle_size: self.shingle_size,
            min_words: self.min_words,
            permutations: self.permutations,
            seed: self.seed,
            passages: !self.no_passages,
            excerpts: self.format != Format::Pairs,
            pairs_only: self.format == Format::Pairs,
            passage_max_articles: self.passage_max_articles,
            align: AlignParams { min_bytes: self.passage_min_bytes, ..Config::new(Vec::new()).align },
            faults: wiretrace::faults::Faults::from_env(),
            ..Config::new(self.paths.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_library() {
        let cli = Cli::parse_from(["wiretrace", "scan", "corpus"]);
        let Command::Scan(args) = cli.command else { panic!("scan parses as scan") };
        let config = args.config();
        assert_eq!(config.threshold, DEFAULT_THRESHOLD);
        assert_eq!(config.input_format, None, "auto by default");
        assert_eq!(config.paths, [PathBuf::from("corpus")]);
        assert!(config.validate().is_ok());
    }
}
