//! One source: read it again, apply the plan to each of its articles, write
//! its cleaned copy (unless dry-running) and its part of the removal log.
//!
//! Each article is checked against the hash of its first read before
//! anything is removed from it; one that changed is copied unchanged, with a
//! warning. A source where nothing changes is copied byte for byte.

use std::io::{self, Write};
use std::path::PathBuf;

use super::log::{self, Entry};
use super::output::{Interrupt, Staged};
use super::plan::{Cut, Fate, Plan};
use super::rewrite::{self, Refused, Run};
use super::{Kind, csv, jsonl};
use crate::error::{Error, Warning};
use crate::input::{self, Format, Item, MAX_ARTICLE_BYTES, ReadOptions};
use crate::pipeline::Scan;
use crate::segment::{self, OBVIOUS_SEPARATOR, Span, is_line_break};
use crate::sketch::{self, Sketcher};

/// What becomes of one article's record.
pub(super) enum Change {
    /// Written as it was.
    Keep,
    /// Written with this text.
    Replace(String),
    /// Left out.
    Drop,
}

/// Decides the change of article `a` given its text as read again (`None`
/// when it could not be found again).
pub(super) type Decide<'a> = dyn FnMut(u32, Option<&str>) -> Change + 'a;

/// Texts sampled to check that a records file's paragraph separator stays
/// obvious (the scan decides it on its first 512 articles).
const SEPARATOR_SAMPLE: usize = 512;

/// What every source of a run shares.
pub struct Job<'a> {
    /// The scan the plan was made from.
    pub scan: &'a Scan,
    /// What to remove.
    pub plan: &'a Plan,
    /// Field names, as the scan read them.
    pub options: &'a ReadOptions,
    /// The scan's sketcher (for paragraph splitting).
    pub sketcher: &'a Sketcher,
    /// Where each source is written.
    pub targets: &'a [PathBuf],
    /// Write only the log.
    pub dry_run: bool,
    /// Test hook failing a write, if any.
    pub hook: Option<&'a Interrupt>,
}

/// What cleaning one source gave.
#[derive(Default)]
pub struct SourceDone {
    /// Its removal log lines (JSONL), in article order.
    pub log: log::LogLines,
    /// Articles written.
    pub written: usize,
    /// Removals by kind ([`Kind`] as index).
    pub removed: [usize; 3],
    /// Bytes removed.
    pub bytes: u64,
    /// Problems met.
    pub warnings: Vec<Warning>,
}

/// Cleans source `s` (articles `first..end` of the scan are its own).
pub fn clean_source(job: &Job, s: usize, articles: std::ops::Range<usize>) -> Result<SourceDone, Error> {
    let source = &job.scan.sources[s];
    let target = &job.targets[s];
    let mut done = SourceDone::default();
    if !job.plan.changes(articles.clone()) {
        done.written = articles.len();
        if job.dry_run {
            return Ok(done);
        }
        match std::fs::File::open(&source.path) {
            Ok(file) => copy_file(job, s, file).map_err(|e| write_error(target, e))?,
            Err(e) => {
                done.warnings.push(Warning::file(&source.display, format!("cannot open: {e}; not copied")))
            }
        }
        return Ok(done);
    }
    let lines: Vec<(u64, u32)> =
        articles.clone().map(|a| (job.scan.articles[a].key.line, a as u32)).collect();
    let mut staged = match job.dry_run {
        true => None,
        false => {
            Some(Staged::create(target, source.compression, job.hook).map_err(|e| write_error(target, e))?)
        }
    };
    let mut sample: Vec<String> = Vec::new();
    let mut cleaner = Cleaner::new(job, s);
    let mut decide = |a: u32, text: Option<&str>| {
        let change = cleaner.article(a, text, &mut done);
        if sample.len() < SEPARATOR_SAMPLE {
            match (&change, text) {
                (Change::Replace(new), _) => sample.push(new.clone()),
                (Change::Keep, Some(text)) => sample.push(text.to_string()),
                _ => {}
            }
        }
        change
    };
    let mut sink = io::sink();
    let out: &mut dyn Write = match staged.as_mut() {
        Some(staged) => staged,
        None => &mut sink,
    };
    let warnings = match source.format {
        Format::Text => text(job, s, out, &mut decide),
        Format::Jsonl => jsonl::copy(source, &lines, &job.options.fields, out, &mut decide),
        Format::Csv { delimiter } => {
            csv::copy(source, delimiter, &lines, &job.options.fields, out, &mut decide)
        }
    }
    .map_err(|e| write_error(target, e))?;
    // A text file whose article is dropped is not written at all.
    let empty = source.format == Format::Text && done.written == 0;
    if let Some(staged) = staged.filter(|_| !empty) {
        staged.commit(like(job, s)).map_err(|e| write_error(target, e))?;
    }
    done.warnings.extend(warnings);
    done.warnings.extend(separator_check(job, s, &sample));
    Ok(done)
}

/// A source's file copied byte for byte.
fn copy_file(job: &Job, s: usize, mut file: std::fs::File) -> io::Result<()> {
    let mut staged = Staged::create(&job.targets[s], input::Compression::None, job.hook)?;
    io::copy(&mut file, &mut staged)?;
    staged.commit(like(job, s))
}

/// The file whose permissions source `s`'s copy takes: the source itself,
/// or none (ordinary ones) for a stream read from a private temporary copy.
fn like<'a>(job: &Job<'a>, s: usize) -> Option<&'a std::path::Path> {
    let path = &job.scan.sources[s].path;
    job.scan.streams.original(path).is_none().then_some(path.as_path())
}

/// A text file: its one article, written whole, rewritten or left out. An
/// article kept as it is keeps the file's bytes (encoding, compression).
fn text(job: &Job, s: usize, out: &mut dyn Write, decide: &mut Decide) -> io::Result<Vec<Warning>> {
    let source = &job.scan.sources[s];
    let mut article = None;
    input::read_source(s as u32, source, job.options, &mut |item| {
        if let Item::Article(a) = item {
            article = Some(a);
        }
    });
    let index = job.scan.articles.partition_point(|a| (a.key.source as usize) < s) as u32;
    match decide(index, article.as_ref().map(|a| a.text.as_str())) {
        Change::Keep => {
            // The file's own bytes (the writer compresses them as they were).
            let mut reader = input::open(source).map_err(io::Error::other)?;
            io::copy(&mut reader, out)?;
        }
        Change::Replace(new) => out.write_all(new.as_bytes())?,
        Change::Drop => {}
    }
    Ok(Vec::new())
}

/// Applies the plan to the articles of one source.
struct Cleaner<'a> {
    job: &'a Job<'a>,
    source: usize,
    sketcher: Sketcher,
}

impl<'a> Cleaner<'a> {
    fn new(job: &'a Job<'a>, source: usize) -> Self {
        let sketcher = job.sketcher.for_source(job.scan.separators.get(source).copied().flatten());
        Cleaner { job, source, sketcher }
    }

    /// The change of article `a` whose text, read again, is `text`; its log
    /// entries and counts go to `done`.
    fn article(&mut self, a: u32, text: Option<&str>, done: &mut SourceDone) -> Change {
        let scan = self.job.scan;
        let sketch = &scan.articles[a as usize];
        let display = &scan.sources[self.source].display;
        let mut warn = |m: &str| done.warnings.push(Warning::at(display, sketch.key.line, m));
        if text.is_some_and(|t| t.len() + 3 >= MAX_ARTICLE_BYTES) {
            // A scan reads only the first MiB of it (cut on a character boundary).
            warn("longer than the part of an article a scan reads (1 MiB); copied unchanged");
            done.written += 1;
            return Change::Keep;
        }
        let Some(text) = text.filter(|t| sketch::text_hash(t) == sketch.text_hash) else {
            warn("changed since it was scanned (or not found again); copied unchanged");
            done.written += 1;
            return Change::Keep;
        };
        let change = match &self.job.plan.fates[a as usize] {
            Fate::Keep => Change::Keep,
            Fate::Drop(dropped) => {
                record(done, &log::drop_entry(scan, a, dropped, text), Kind::NearDuplicate);
                return Change::Drop;
            }
            Fate::Cut(cuts) => self.cut(a, text, cuts, done),
        };
        done.written += 1;
        change
    }

    /// Article `a` (text `text`) without `cuts`, or unchanged (with a
    /// warning) if the rest would split into other paragraphs.
    fn cut(&self, a: u32, text: &str, cuts: &[Cut], done: &mut SourceDone) -> Change {
        let scan = self.job.scan;
        let sketch = &scan.articles[a as usize];
        let runs: Vec<Run> =
            cuts.iter().map(|c| Run { first: c.first as usize, last: c.last as usize }).collect();
        let spans: Vec<Span> = sketch.paragraphs.iter().map(|p| p.span).collect();
        let separator =
            self.sketcher.params().separator.as_deref().or_else(|| segment::detect_separator(text));
        let reseg = |new: &str| self.resegment(text, new);
        let refused = match rewrite::rewrite(text, &spans, &runs, separator, &reseg) {
            Ok(rewritten) => {
                for (cut, removed) in cuts.iter().zip(&rewritten.removed) {
                    record(done, &log::cut_entry(scan, a, cut, *removed, text), cut.kind);
                }
                return Change::Replace(rewritten.text);
            }
            Err(Refused::Resegments) => {
                "removing its planned paragraphs would change how the rest splits into paragraphs; \
                 left unchanged"
            }
            Err(Refused::BadRuns) => "its paragraphs do not fit its text; left unchanged",
        };
        let display = &scan.sources[self.source].display;
        done.warnings.push(Warning::at(display, sketch.key.line, refused));
        Change::Keep
    }

    /// The paragraphs a scan would find in `new`, or `None` if `new` would
    /// sway the file's choice of paragraph separator differently than `old`.
    fn resegment(&self, old: &str, new: &str) -> Option<Vec<Span>> {
        let vote = |t: &str| (t.trim().is_empty(), t.contains(OBVIOUS_SEPARATOR), t.contains(is_line_break));
        let detected = self.job.scan.sketch.separator.is_none();
        if detected && old.contains(OBVIOUS_SEPARATOR) && vote(old) != vote(new) {
            return None;
        }
        Some(self.sketcher.paragraphs(new))
    }
}

/// Writes `entry` to the log of `done` and counts it.
fn record(done: &mut SourceDone, entry: &Entry, kind: Kind) {
    // Serializing plain strings and numbers into memory cannot fail.
    if let Ok(line) = serde_json::to_vec(entry) {
        done.log.push_line(&line);
    }
    done.removed[kind as usize] += 1;
    done.bytes += (entry.end - entry.start) as u64;
}

/// A warning when the cleaned records file would no longer split its texts
/// at the separator the scan found obvious in it (or would start to).
fn separator_check(job: &Job, s: usize, sample: &[String]) -> Option<Warning> {
    let source = &job.scan.sources[s];
    if job.scan.sketch.separator.is_some() || source.format == Format::Text {
        return None;
    }
    let before = job.scan.separators.get(s).copied().flatten();
    let after = segment::detect_file_separator(sample.iter().map(String::as_str));
    (before != after).then(|| {
        let how = match before {
            Some(sep) => {
                format!("a re-scan will not split its texts at {sep:?} unless given --paragraph-sep {sep:?}")
            }
            None => format!("a re-scan will split its texts at {OBVIOUS_SEPARATOR:?}"),
        };
        Warning::file(&source.display, format!("after cleaning, {how}"))
    })
}

fn write_error(path: &std::path::Path, source: io::Error) -> Error {
    Error::Write { path: path.to_path_buf(), source }
}
