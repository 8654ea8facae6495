//! Flags of `wiretrace clean`, turned into a plain [`CleanConfig`].

use std::path::PathBuf;

use clap::ValueEnum;

use crate::cli::{FieldArgs, InputFormat};
use wiretrace::Config;
use wiretrace::clean::{Canonical, CleanConfig, DEFAULT_NEAR_DUPLICATE_SHARE, Policy};
use wiretrace::config::{DEFAULT_MIN_WORDS, DEFAULT_SEED, DEFAULT_SHINGLE_SIZE, DEFAULT_THRESHOLD};

/// Whether a kind of text is removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Action {
    /// Remove it.
    Drop,
    /// Leave it.
    Keep,
}

/// Which near-duplicate article is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CanonicalArg {
    /// Earliest date (undated last), then longest text, then smallest id.
    Earliest,
    /// Longest text, then earliest date, then smallest id.
    Longest,
    /// Smallest id.
    Id,
}

/// Flags of `wiretrace clean`.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// Files or directories to clean (.txt, .jsonl/.ndjson, .csv/.tsv, each optionally .gz or .zst;
    /// a file or stream named without such an extension, e.g. /dev/stdin, is sniffed).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Read every input as this format, whatever its extension (as for scan). The cleaned copy is
    /// written in the format read; a name that gave no format gets its extension (stdin.jsonl.gz).
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,

    /// Directory for the cleaned copy and removed.jsonl: new or empty, and outside every input.
    #[arg(long)]
    pub out: PathBuf,

    /// Write only removed.jsonl: what would be removed, nothing else.
    #[arg(long)]
    pub dry_run: bool,

    /// No progress line and no summary on stderr (errors and input warnings only). The progress
    /// line is drawn only when stderr is a terminal anyway.
    #[arg(long, short)]
    pub quiet: bool,

    /// Later copies of paragraphs (or blocks) repeated inside one article: dropped (the first
    /// copy stays) or kept.
    #[arg(long, value_enum, default_value = "drop")]
    pub repeats: Action,

    /// Paragraphs of boilerplate kind (outlet templates, page junk): every copy dropped, or kept.
    #[arg(long, value_enum, default_value = "drop")]
    pub boilerplate: Action,

    /// Near-duplicate articles: all but one canonical copy dropped, or kept.
    #[arg(long, value_enum, default_value = "drop")]
    pub near_duplicates: Action,

    /// Two articles are near-duplicates when each has at least this share of its words (boilerplate
    /// and repeats aside) in paragraphs matched in the other.
    #[arg(long, default_value_t = DEFAULT_NEAR_DUPLICATE_SHARE)]
    pub near_duplicate_share: f64,

    /// Which of a group of near-duplicate articles is kept.
    #[arg(long, value_enum, default_value = "earliest")]
    pub canonical: CanonicalArg,

    /// Lowest exact Jaccard similarity of 5-word shingle sets for two paragraphs to match (as for
    /// scan). Lower removes looser copies.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Words per shingle.
    #[arg(long, default_value_t = DEFAULT_SHINGLE_SIZE)]
    pub shingle_size: usize,

    /// Paragraphs with fewer words are never matched, so never removed.
    #[arg(long, default_value_t = DEFAULT_MIN_WORDS)]
    pub min_words: usize,

    /// Seed of all hashing.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,

    /// Split paragraphs at this marker instead of blank lines (e.g. " ### ").
    #[arg(long)]
    pub paragraph_sep: Option<String>,

    /// JSONL/CSV field names (clean changes only the text field; the date picks the earliest
    /// near-duplicate).
    #[command(flatten)]
    pub fields: FieldArgs,

    /// Skip the search for shared passages. Faster; boilerplate is then judged on paragraph
    /// matches alone.
    #[arg(long)]
    pub no_passages: bool,

    /// Test hook: fail while writing the file after this many (checks atomic writes).
    #[arg(long, hide = true)]
    pub fail_after_files: Option<usize>,
}

impl CleanArgs {
    /// Refuses an `--out` that is a dangling symbolic link: it passes the
    /// library's checks (nothing is there to be an input or to be non-empty)
    /// and then fails only when the first file is written into it.
    pub fn check_out_link(&self) -> Result<(), wiretrace::Error> {
        let is_link = std::fs::symlink_metadata(&self.out).is_ok_and(|m| m.file_type().is_symlink());
        match std::fs::metadata(&self.out) {
            Err(e) if is_link && e.kind() == std::io::ErrorKind::NotFound => {
                let target = std::fs::read_link(&self.out).map(|t| format!(" (to {})", t.display()));
                Err(wiretrace::Error::Config(format!(
                    "--out {} is a dangling symbolic link{}: it leads to nothing; give a new or empty \
                     directory (or create the directory it points to)",
                    self.out.display(),
                    target.unwrap_or_default()
                )))
            }
            _ => Ok(()),
        }
    }

    /// The library configuration these flags describe.
    pub fn config(&self) -> CleanConfig {
        let scan = Config {
            input_format: self.input_format.given(),
            fields: self.fields.names(),
            paragraph_sep: self.paragraph_sep.clone(),
            threshold: self.threshold,
            shingle_size: self.shingle_size,
            min_words: self.min_words,
            seed: self.seed,
            passages: !self.no_passages,
            // The removal log quotes the removed text itself.
            excerpts: false,
            ..Config::new(self.paths.clone())
        };
        CleanConfig {
            scan,
            out: self.out.clone(),
            policy: Policy {
                repeats: self.repeats == Action::Drop,
                boilerplate: self.boilerplate == Action::Drop,
                near_duplicates: self.near_duplicates == Action::Drop,
                near_duplicate_share: self.near_duplicate_share,
                canonical: match self.canonical {
                    CanonicalArg::Earliest => Canonical::Earliest,
                    CanonicalArg::Longest => Canonical::Longest,
                    CanonicalArg::Id => Canonical::SmallestId,
                },
            },
            dry_run: self.dry_run,
            fail_after_files: self.fail_after_files,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    #[test]
    fn defaults_match_the_library() {
        let cli = Cli::parse_from(["wiretrace", "clean", "corpus", "--out", "o"]);
        let Command::Clean(args) = cli.command else { panic!("clean parses as clean") };
        let config = args.config();
        assert_eq!(config.policy, wiretrace::clean::Policy::default());
        assert!(!config.dry_run && config.fail_after_files.is_none());
        assert!(config.validate().is_ok());
    }
}
