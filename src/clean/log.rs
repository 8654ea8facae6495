//! The removal log: one JSON object per removal (`removed.jsonl`, schema in
//! `docs/clean.md`).
//!
//! Offsets are exact UTF-8 byte offsets into the article's text as read
//! (the same text every scan offset refers to), half-open; `char_start` and
//! `char_end` are the same places counted in Unicode scalar values.

use std::io::{self, Seek, Write};

use serde::Serialize;

use super::Kind;
use super::plan::{Cut, Dropped, Place};
use crate::pipeline::Scan;
use crate::segment::Span;

/// Longest excerpt, in characters.
const EXCERPT_CHARS: usize = 80;

/// One removal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// Id of the article the text was removed from.
    pub article: String,
    /// The file it came from, as reports name it.
    pub source: String,
    /// 1-based line of its record (JSONL, CSV); `null` for a text file.
    pub line: Option<u64>,
    /// `repeat`, `boilerplate` or `near_duplicate`.
    pub kind: &'static str,
    /// First byte removed.
    pub start: usize,
    /// One past the last byte removed.
    pub end: usize,
    /// `start` in characters.
    pub char_start: usize,
    /// `end` in characters.
    pub char_end: usize,
    /// First and last paragraph removed (0-based), `null` for an article
    /// without paragraphs.
    pub paragraphs: Option<[u32; 2]>,
    /// Where those paragraphs' own text starts (`start` plus any separator
    /// taken before them).
    pub text_start: usize,
    /// Where it ends (`end` minus any separator taken after them).
    pub text_end: usize,
    /// Words removed.
    pub words: u64,
    /// The copy this text duplicates.
    pub copy: Copy,
    /// Exact similarity to that copy (see `docs/clean.md`).
    pub similarity: f64,
    /// The rule that decided the removal.
    pub rule: String,
    /// The start of the removed text, white space collapsed.
    pub excerpt: String,
}

/// The other copy of removed text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Copy {
    /// Its article's id.
    pub article: String,
    /// First byte of its text in that article.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Its first and last paragraph (0-based), `null` for an article without
    /// paragraphs.
    pub paragraphs: Option<[u32; 2]>,
    /// Whether it is in the cleaned output.
    pub kept: bool,
}

/// The entry of `cut` of article `a`, whose text is `text`, given the
/// bytes it removed.
pub fn cut_entry(scan: &Scan, a: u32, cut: &Cut, removed: Span, text: &str) -> Entry {
    let article = &scan.articles[a as usize];
    let paragraphs = &article.paragraphs[cut.first as usize..=cut.last as usize];
    let own = Span {
        start: paragraphs.first().map_or(removed.start, |p| p.span.start),
        end: paragraphs.last().map_or(removed.end, |p| p.span.end),
    };
    Entry {
        kind: cut.kind.name(),
        words: paragraphs.iter().map(|p| u64::from(p.words)).sum(),
        paragraphs: Some([cut.first, cut.last]),
        text_start: own.start,
        text_end: own.end,
        copy: copy(scan, cut.copy, cut.copy_kept),
        similarity: round(cut.similarity),
        rule: cut.rule.to_string(),
        ..entry(scan, a, removed, own, text)
    }
}

/// The entry of article `a`, dropped as `dropped` says; `text` is its text.
pub fn drop_entry(scan: &Scan, a: u32, dropped: &Dropped, text: &str) -> Entry {
    let article = &scan.articles[a as usize];
    let whole = Span { start: 0, end: text.len() };
    let kept = &scan.articles[dropped.kept as usize];
    Entry {
        kind: Kind::NearDuplicate.name(),
        words: article.paragraphs.iter().map(|p| u64::from(p.words)).sum(),
        paragraphs: all_paragraphs(article.paragraphs.len()),
        copy: Copy {
            article: kept.meta.id.clone(),
            start: 0,
            end: kept.text_len,
            paragraphs: all_paragraphs(kept.paragraphs.len()),
            kept: true,
        },
        similarity: round(dropped.similarity),
        rule: dropped.rule.clone(),
        ..entry(scan, a, whole, whole, text)
    }
}

/// The fields every entry fills the same way.
fn entry(scan: &Scan, a: u32, removed: Span, own: Span, text: &str) -> Entry {
    let article = &scan.articles[a as usize];
    let source = &scan.sources[article.key.source as usize];
    let char_start = chars_before(text, removed.start);
    let char_end = char_start
        + chars_before(text.get(removed.start..).unwrap_or(""), removed.end.saturating_sub(removed.start));
    Entry {
        article: article.meta.id.clone(),
        source: source.display.clone(),
        line: (article.key.line > 0).then_some(article.key.line),
        kind: "",
        start: removed.start,
        end: removed.end,
        char_start,
        char_end,
        paragraphs: None,
        text_start: own.start,
        text_end: own.end,
        words: 0,
        copy: Copy { article: String::new(), start: 0, end: 0, paragraphs: None, kept: false },
        similarity: 0.0,
        rule: String::new(),
        excerpt: excerpt(text.get(own.start..own.end).unwrap_or("")),
    }
}

fn copy(scan: &Scan, place: Place, kept: bool) -> Copy {
    let article = &scan.articles[place.article as usize];
    let span = |i: u32| article.paragraphs.get(i as usize).map(|p| p.span);
    Copy {
        article: article.meta.id.clone(),
        start: span(place.first).map_or(0, |s| s.start),
        end: span(place.last).map_or(0, |s| s.end),
        paragraphs: Some([place.first, place.last]),
        kept,
    }
}

fn all_paragraphs(n: usize) -> Option<[u32; 2]> {
    n.checked_sub(1).map(|last| [0, last as u32])
}

/// Characters in the first `bytes` bytes of `text` (a character boundary).
fn chars_before(text: &str, bytes: usize) -> usize {
    text.get(..bytes).map_or(0, |s| s.chars().count())
}

/// Four decimals are enough to read; the exact counts are not in the log.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The start of `text`, white space collapsed, at most [`EXCERPT_CHARS`]
/// characters and cut after a whole word (inside one only when the first
/// word alone is longer), with `…` when something was left out.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let space = usize::from(chars > 0);
        if chars + space + len > EXCERPT_CHARS {
            if chars == 0 {
                out.extend(word.chars().take(EXCERPT_CHARS));
            }
            out.push('…');
            return out;
        }
        if space == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += space + len;
    }
    out
}

/// Log lines held in memory up to 8 MB, then in a
/// temporary file: a source of a million articles logs about 700 MB.
#[derive(Debug, Default)]
pub struct LogLines {
    /// The lines while they are few.
    memory: Vec<u8>,
    /// The temporary file the lines went to once they were many.
    file: Option<io::BufWriter<std::fs::File>>,
    /// The first failure to write the file.
    failed: Option<io::Error>,
}

/// Log bytes of one source held in memory before they go to a file.
const LOG_IN_MEMORY: usize = 8 << 20;

impl LogLines {
    /// Appends one line (`line` without its newline).
    pub fn push_line(&mut self, line: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        if self.file.is_none() && self.memory.len() + line.len() + 1 > LOG_IN_MEMORY {
            match tempfile::tempfile() {
                Ok(file) => {
                    let mut file = io::BufWriter::new(file);
                    let moved = file.write_all(&self.memory);
                    self.memory = Vec::new();
                    self.file = Some(file);
                    if let Err(e) = moved {
                        self.failed = Some(e);
                        return;
                    }
                }
                Err(e) => {
                    self.failed = Some(e);
                    return;
                }
            }
        }
        let written = match self.file.as_mut() {
            Some(file) => file.write_all(line).and_then(|()| file.write_all(b"\n")),
            None => {
                self.memory.extend_from_slice(line);
                self.memory.push(b'\n');
                Ok(())
            }
        };
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }

    /// Writes every line to `out`, in order.
    pub fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        out.write_all(&self.memory)?;
        if let Some(file) = self.file {
            let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut file, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod log_lines_tests {
    use super::*;

    #[test]
    fn lines_past_the_memory_share_come_back_whole_and_in_order() {
        let mut lines = LogLines::default();
        let mut expected = Vec::new();
        for i in 0..100_000 {
            let line = format!("{{\"line\":{i},\"pad\":\"{}\"}}", "x".repeat(i % 150));
            lines.push_line(line.as_bytes());
            expected.extend_from_slice(line.as_bytes());
            expected.push(b'\n');
        }
        assert!(expected.len() > LOG_IN_MEMORY, "the lines outgrow memory: {}", expected.len());
        assert!(lines.file.is_some() && lines.memory.is_empty(), "they went to the file");
        let mut out = Vec::new();
        lines.copy_to(&mut out).expect("copy");
        assert!(out == expected, "{} bytes back, {} written", out.len(), expected.len());
    }
}

#[cfg(test)]
mod excerpt_tests {
    use super::*;

    #[test]
    fn excerpts_end_after_a_whole_word() {
        assert_eq!(excerpt("  short\n\ttext "), "short text");
        let cut = excerpt(&"word ".repeat(30));
        assert!(cut.ends_with("word…") && cut.chars().count() <= EXCERPT_CHARS + 1, "{cut:?}");
        let exact = "a".repeat(EXCERPT_CHARS);
        assert_eq!(excerpt(&exact), exact, "a text of the full length is whole");
        let long = format!("{} tail", "é".repeat(EXCERPT_CHARS + 5));
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(EXCERPT_CHARS)), "one long word is cut inside");
        let fits = format!("{} abcdefghij", "x".repeat(EXCERPT_CHARS - 5));
        assert_eq!(excerpt(&fits), format!("{}…", "x".repeat(EXCERPT_CHARS - 5)), "not a broken word");
    }
}
