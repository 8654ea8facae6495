//! Errors that stop a whole run, and warnings that do not.
//!
//! Policy (see `docs/input.md`): a problem with one file, one line or one
//! article is a [`Warning`] carried into the report, and the run goes on.
//! Only problems with the run itself (a path given on the command line that
//! does not exist, bad settings, a failing output stream) are an [`Error`].

use std::path::PathBuf;

/// A failure that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path named by the user does not exist or cannot be inspected.
    #[error("{path}: {source}")]
    Path {
        /// The path as the user gave it.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A setting is out of range or inconsistent.
    #[error("invalid setting: {0}")]
    Config(String),
    /// `--strict` was given and the run produced warnings.
    #[error("{count} warning(s) and --strict was given")]
    Strict {
        /// How many warnings the run produced.
        count: usize,
    },
    /// Writing a cleaned file or the removal log failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Writing the report failed.
    #[error("writing the report: {0}")]
    Output(#[from] std::io::Error),
    /// The temporary file holding LSH band keys could not be written or
    /// read back.
    #[error("temporary file for band keys (in TMPDIR, or the system's temporary directory): {0}")]
    Temp(std::io::Error),
}

/// Something wrong with one input file, line or article; the run goes on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// The file, as shown in reports (the path as given on the command line,
    /// joined with the path below it).
    pub source: String,
    /// 1-based line of a JSONL record or CSV row, when the problem has one.
    pub line: Option<u64>,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl Warning {
    /// A warning about a whole file.
    pub fn file(source: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { source: source.into(), line: None, message: message.into() }
    }

    /// A warning about line `line` of a file, or about the whole file when
    /// `line` is 0 (the line of a text file's only article).
    pub fn at(source: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        match line {
            0 => Warning::file(source, message),
            line => Warning::line(source, line, message),
        }
    }

    /// A warning about one line (record) of a file.
    pub fn line(source: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Warning { source: source.into(), line: Some(line), message: message.into() }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}
