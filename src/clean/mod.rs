//! Clean: a scan -> a cleaned copy of the corpus, in the input's own format,
//! and a log of every removal (`docs/clean.md`).
//!
//! 1. [`plan`](plan::plan) (pure, from the scan and its clusters' kinds):
//!    which paragraphs to cut from which article (`repeat`, `boilerplate`)
//!    and which articles to drop as near-duplicates, each with the copy it
//!    duplicates and the similarity; [`settle`] makes it again until a
//!    second clean would add nothing;
//! 2. [`rewrite`](rewrite::rewrite) (pure, one article): its text without
//!    the cut paragraphs and one separator each, checked to split into
//!    exactly the kept paragraphs;
//! 3. [`source`]: one source read again, record by record, written in its
//!    own format and compression through [`output`] (temporary file, then
//!    rename), with its part of the [`log`].
//!
//! `pipeline::clean` runs them over a corpus. Invariants: inputs are opened
//! read-only; a cleaned text is its original with exactly the logged byte
//! ranges cut out; every other byte of a JSONL or CSV file is copied as it
//! was; cleaning the output again removes nothing.

mod csv;
mod jsonl;
pub mod log;
mod neardup;
pub mod output;
pub mod plan;
pub mod rewrite;
pub mod settle;
pub mod source;

use std::path::PathBuf;

use crate::config::Config;
use crate::error::Error;

pub use plan::{Cut, Dropped, Fate, Place, Plan, plan};

/// Default share of each article's content two near-duplicate articles
/// must cover of each other.
pub const DEFAULT_NEAR_DUPLICATE_SHARE: f64 = 0.8;

/// Why text was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A later copy of a paragraph (or block) inside the same article.
    Repeat = 0,
    /// Outlet template text or page junk (provenance kind `boilerplate`).
    Boilerplate = 1,
    /// A whole article that nearly duplicates a kept one.
    NearDuplicate = 2,
}

impl Kind {
    /// Every kind, in index order.
    pub const ALL: [Kind; 3] = [Kind::Repeat, Kind::Boilerplate, Kind::NearDuplicate];

    /// The name used in the log.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Repeat => "repeat",
            Kind::Boilerplate => "boilerplate",
            Kind::NearDuplicate => "near_duplicate",
        }
    }
}

/// Which of a group of near-duplicate articles is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canonical {
    /// The earliest date (undated articles last), then the longest text,
    /// then the smallest id.
    Earliest,
    /// The longest text, then the earliest date, then the smallest id.
    Longest,
    /// The smallest id (byte order).
    SmallestId,
}

impl Canonical {
    /// The rule in words.
    pub fn describe(self) -> &'static str {
        match self {
            Canonical::Earliest => "the earliest date, then the longest text, then the smallest id",
            Canonical::Longest => "the longest text, then the earliest date, then the smallest id",
            Canonical::SmallestId => "the smallest id",
        }
    }
}

/// What to remove.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// Remove later copies of paragraphs repeated inside one article.
    pub repeats: bool,
    /// Remove every copy of boilerplate paragraphs.
    pub boilerplate: bool,
    /// Drop near-duplicate articles, keeping one canonical copy.
    pub near_duplicates: bool,
    /// Share of each other's content two near-duplicates cover, in (0, 1].
    pub near_duplicate_share: f64,
    /// Which near-duplicate is kept.
    pub canonical: Canonical,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            repeats: true,
            boilerplate: true,
            near_duplicates: true,
            near_duplicate_share: DEFAULT_NEAR_DUPLICATE_SHARE,
            canonical: Canonical::Earliest,
        }
    }
}

/// Everything a clean run needs.
#[derive(Clone, Debug)]
pub struct CleanConfig {
    /// The scan to run (paths, fields, thresholds).
    pub scan: Config,
    /// Directory for the cleaned copy and `removed.jsonl` (new or empty,
    /// outside every input).
    pub out: PathBuf,
    /// What to remove.
    pub policy: Policy,
    /// Write only the log.
    pub dry_run: bool,
    /// Test hook: fail the file written after this many (`--fail-after-files`).
    pub fail_after_files: Option<usize>,
}

impl CleanConfig {
    /// Checks that every setting is in range.
    pub fn validate(&self) -> Result<(), Error> {
        self.scan.validate()?;
        let share = self.policy.near_duplicate_share;
        if !(share > 0.0 && share <= 1.0) {
            return Err(Error::Config(format!("--near-duplicate-share must be in (0, 1], got {share}")));
        }
        Ok(())
    }
}

/// What a clean run did.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// Articles read.
    pub read: usize,
    /// Articles written (or, dry-running, that would be).
    pub written: usize,
    /// Removals by kind ([`Kind`] as index).
    pub removed: [usize; 3],
    /// Bytes removed from article texts (whole texts of dropped articles included).
    pub bytes: u64,
    /// The removal log.
    pub log: PathBuf,
    /// Problems met: the scan's, then the cleaning's.
    pub warnings: Vec<crate::error::Warning>,
}
