//! Input: files, JSON Lines and CSV exports -> [`Article`]s.
//!
//! Takes the paths the user named; gives a sorted list of [`Source`] files
//! ([`discover`]), each with the format its extension, `--input-format` or
//! its first bytes give ([`settle_formats`], [`sniff`]), and, for each
//! source, its articles in file order ([`read_source`]). Problems with one file, line or record become
//! [`Warning`]s and reading goes on with the next record.
//!
//! Invariants:
//! - Sources are sorted by their display path, so the order of files on disk
//!   and the order of the paths on the command line do not change results;
//!   a file reached through several paths is read once, the same way
//!   whatever their order.
//! - An article's text is exactly the decoded text of the file or field:
//!   nothing is trimmed or rewritten, so byte offsets computed on it are
//!   offsets into the input (for a UTF-8 text file, into the file's bytes).
//! - Reading the same source twice yields the same articles with the same
//!   [`ArticleKey`]s, so later stages can re-read text instead of keeping it.
//! - Inputs are opened read-only and never modified.

mod csv_watch;
mod decode;
mod discover;
mod fields;
mod formats;
mod gzip;
mod limits;
mod lines;
mod records;
mod same_files;
pub mod sniff;
mod streams;
mod text;

pub(crate) use decode::open as open_raw;
pub(crate) use decode::whole_head;
pub use discover::{Compression, Format, Source, discover};
pub(crate) use discover::{compression_of, detect};
pub use fields::FieldNames;
pub use formats::settle_formats;
pub use limits::{MAX_ARTICLE_BYTES, MAX_RECORD_BYTES};
pub(crate) use lines::LineCounter;
pub use streams::{MAX_STREAM_BYTES, Streams, copy_streams};

use crate::error::Warning;

/// Where an article lives: which source, and which record inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleKey {
    /// Index of the source in the list returned by [`discover`].
    pub source: u32,
    /// 1-based line where the record starts (JSONL, CSV); 0 for a text file.
    pub line: u64,
}

/// Descriptive fields of an article; every one may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Article id: from a field, else the path (and line) it came from.
    pub id: String,
    /// Outlet: from a field, else the URL's host, else the parent directory.
    pub outlet: Option<String>,
    /// URL, when the record has one.
    pub url: Option<String>,
    /// Publication (or scrape) date as written in the record.
    pub date: Option<String>,
    /// Whether the date field records when the page was scraped (its name
    /// says `scrape`, `crawl` or `fetch`), not when it was published.
    pub date_is_scrape: bool,
    /// Title, when the record has one.
    pub title: Option<String>,
}

/// One article as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Where it came from.
    pub key: ArticleKey,
    /// Its descriptive fields.
    pub meta: ArticleMeta,
    /// Its text, exactly as decoded from the input.
    pub text: String,
}

/// How to read records.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Field names given by the user (JSONL, CSV).
    pub fields: FieldNames,
    /// Faults injected by tests, carried to every stage that reads articles.
    #[doc(hidden)]
    pub faults: crate::faults::Faults,
}

/// One item read from a source: an article, or a warning about the source or
/// one of its records.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// A readable article.
    Article(Article),
    /// Something that could not be read.
    Warning(Warning),
}

/// Reads every article of `source` in file order, passing each article or
/// warning to `emit`. Never fails: an unreadable file is one warning.
pub fn read_source(index: u32, source: &Source, options: &ReadOptions, emit: &mut dyn FnMut(Item)) {
    match decode::open(source) {
        Ok(reader) => read_content(index, source, reader, options, emit),
        Err(message) => emit(Item::Warning(Warning::file(&source.display, message))),
    }
}

/// Reads `bytes` as the content of `source` (still compressed as
/// `source.compression` says, laid out as `source.format` says), exactly as
/// [`read_source`] reads the file: same articles, same warnings.
/// `source.path` is not opened; the other fields name and describe the
/// content. For input held in memory (tests, fuzzing).
pub fn read_bytes(
    index: u32,
    source: &Source,
    bytes: &[u8],
    options: &ReadOptions,
    emit: &mut dyn FnMut(Item),
) {
    match decode::decompress(bytes, source.compression) {
        Ok(reader) => read_content(index, source, reader, options, emit),
        Err(message) => emit(Item::Warning(Warning::file(&source.display, message))),
    }
}

/// The decompressed content of `source`, read again after a scan: it ends
/// where the scan's read ended, before any bytes after the last gzip member
/// (the scan warned about those).
pub(crate) fn open(source: &Source) -> Result<Box<dyn std::io::Read>, String> {
    open_raw(source).map(|r| Box::new(gzip::EndNote::quiet(r)) as Box<dyn std::io::Read>)
}

/// Reads the decompressed content of `source` from `reader`.
fn read_content(
    index: u32,
    source: &Source,
    reader: impl std::io::Read,
    options: &ReadOptions,
    emit: &mut dyn FnMut(Item),
) {
    // Bytes after the last gzip member end the content, with a warning.
    let trailing = std::cell::Cell::new(None);
    let reader = gzip::EndNote::new(reader, &trailing);
    match source.format {
        Format::Text => text::read(index, source, reader, options, emit),
        Format::Jsonl => records::read_jsonl(index, source, reader, options, emit),
        Format::Csv { delimiter } => records::read_csv(index, source, reader, options, delimiter, emit),
    }
    if let Some(count) = trailing.get() {
        emit(Item::Warning(Warning::file(&source.display, gzip::trailing_message(count))));
    }
}
