//! CSV and TSV sources, record by record: the bytes of the file are copied
//! as they are (header row, quoting, line ends, rows the reader skipped),
//! except a changed record's text field and a dropped record.
//!
//! The file is parsed with the reader's settings, so each article is found
//! again at its line. A changed record gets its text field replaced in
//! place (quoted if it was quoted, or if the new text needs it); the record
//! is parsed back and, if any other field would read differently, it is
//! written whole by the CSV writer instead (same fields, minimal quoting).

use std::io::{Read, Write};
use std::ops::Range;

use super::source::{Change, Decide};
use crate::error::Warning;
use crate::input::{self, FieldNames, MAX_RECORD_BYTES, Source};

/// Keeps a copy of every byte read, from `base` on; refuses to hold a
/// record much longer than [`MAX_RECORD_BYTES`] (the reader stops at such
/// a record too).
struct Tee {
    /// The source, with its lines counted as the reader counts them.
    inner: input::LineCounter<Box<dyn Read>>,
    seen: Vec<u8>,
    base: u64,
    /// Set when reading stopped at a record too long to hold.
    overflow: bool,
}

impl Read for Tee {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.seen.len() > MAX_RECORD_BYTES + (1 << 16) {
            self.overflow = true;
            return Err(std::io::Error::other("record too long to hold"));
        }
        let n = self.inner.read(buf)?;
        self.seen.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl Tee {
    /// Writes the bytes read in `[from, to)` (stream offsets, `from` at or
    /// after `base`) and forgets everything before `to`.
    fn pass(&mut self, from: u64, to: u64, out: &mut dyn Write) -> std::io::Result<()> {
        let (lo, hi) = (self.offset(from), self.offset(to));
        out.write_all(&self.seen[lo..hi])?;
        self.seen.drain(..hi);
        self.base += hi as u64;
        Ok(())
    }

    fn offset(&self, at: u64) -> usize {
        (at.saturating_sub(self.base) as usize).min(self.seen.len())
    }

    /// The byte at stream offset `at`, if it is held.
    fn byte_at(&self, at: u64) -> Option<u8> {
        at.checked_sub(self.base).and_then(|i| self.seen.get(i as usize)).copied()
    }

    /// The first offset in `[from, to)` that is not a line break (`to` if
    /// there is none).
    fn after_breaks(&self, from: u64, to: u64) -> u64 {
        (from..to).find(|&at| !matches!(self.byte_at(at), Some(b'\r' | b'\n'))).unwrap_or(to)
    }

    /// Forgets the LF at `at` (everything before it is written), if there
    /// is one there; returns the offset after it.
    fn skip_lf(&mut self, at: u64) -> std::io::Result<u64> {
        if self.byte_at(at) != Some(b'\n') {
            return Ok(at);
        }
        self.pass(at, at + 1, &mut std::io::sink())?;
        Ok(at + 1)
    }
}

/// Copies `source` to `out`, asking `decide` about the article at each line
/// of `articles` (`(line, article)`, sorted by line).
pub(super) fn copy(
    source: &Source,
    delimiter: u8,
    articles: &[(u64, u32)],
    fields: &FieldNames,
    out: &mut dyn Write,
    decide: &mut Decide,
) -> std::io::Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    let inner = match input::open(source) {
        Ok(reader) => reader,
        Err(message) => {
            warnings.push(Warning::file(&source.display, message));
            return Ok(warnings);
        }
    };
    let tee = Tee {
        inner: input::LineCounter::new(input::whole_head(inner)),
        seen: Vec::new(),
        base: 0,
        overflow: false,
    };
    let mut csv =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(tee);
    let column = text_column(&mut csv, fields);
    let (mut record, mut copied, mut next) = (csv::ByteRecord::new(), 0u64, 0usize);
    // A dropped record that ended in the CR of a CR LF: its LF comes next.
    let mut dropped_cr = false;
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) if matches!(err.kind(), csv::ErrorKind::Io(_)) => {
                let tee = csv.get_mut();
                if tee.overflow {
                    // The reader reads no further either: the rest is copied as it is.
                    tee.pass(copied, u64::MAX, out)?;
                    warnings
                        .extend(stream_rest(&mut tee.inner, out)?.map(|m| Warning::file(&source.display, m)));
                } else {
                    // As the reader does: the records before the damage are
                    // kept, a record cut short is not.
                    let message = format!("{err}; rest of file not copied");
                    warnings.push(Warning::file(&source.display, message));
                }
                return Ok(warnings);
            }
            Err(_) => continue,
        }
        let (start, line) =
            record.position().map_or((copied, 0), |p| (p.byte(), csv.get_mut().inner.line_at(p.byte())));
        let end = csv.position().byte();
        if std::mem::take(&mut dropped_cr) {
            copied = csv.get_mut().skip_lf(copied)?;
        }
        // With CR LF line ends the reader ends a record at the CR, so the
        // next one starts at the LF: the record proper starts after it.
        let start = csv.get_mut().after_breaks(start.max(copied), end);
        while articles.get(next).is_some_and(|&(l, _)| l < line) {
            next += 1;
        }
        let article = articles.get(next).filter(|&&(l, _)| l == line).map(|&(_, a)| a);
        let change = match (article, column) {
            (Some(a), Some(column)) => decide(a, record.get(column).map(String::from_utf8_lossy).as_deref()),
            _ => Change::Keep,
        };
        dropped_cr =
            matches!(change, Change::Drop) && csv.get_mut().byte_at(end.wrapping_sub(1)) == Some(b'\r');
        let place = Record { copied, start, end, delimiter, column };
        write_record(csv.get_mut(), change, &record, place, out)?;
        copied = end;
    }
    if dropped_cr {
        copied = csv.get_mut().skip_lf(copied)?;
    }
    csv.get_mut().pass(copied, u64::MAX, out)?;
    Ok(warnings)
}

/// Copies the rest of `inner` to `out` in bounded memory; the outer error
/// is a write error, a read error is returned as a warning message.
fn stream_rest(inner: &mut dyn Read, out: &mut dyn Write) -> std::io::Result<Option<String>> {
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        match inner.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => out.write_all(&chunk[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Ok(Some(format!("read error: {e}; rest of file not copied"))),
        }
    }
}

/// The column holding the text, found in the header row as the reader finds it.
fn text_column<R: Read>(csv: &mut csv::Reader<R>, fields: &FieldNames) -> Option<usize> {
    let headers = csv.byte_headers().ok()?;
    let names: Vec<String> = headers.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
    fields.text_field(names.iter().map(String::as_str))
}

/// Where a record is in the stream, and how its file is laid out.
struct Record {
    /// Stream offset up to which the output is written.
    copied: u64,
    /// First byte of the record.
    start: u64,
    /// One past its line end.
    end: u64,
    delimiter: u8,
    /// The text column.
    column: Option<usize>,
}

/// Writes everything up to the end of `record`, with `change` applied to it.
fn write_record(
    tee: &mut Tee,
    change: Change,
    record: &csv::ByteRecord,
    at: Record,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match (change, at.column) {
        (Change::Replace(new), Some(column)) => {
            tee.pass(at.copied, at.start, out)?;
            let raw = tee.seen[tee.offset(at.start)..tee.offset(at.end)].to_vec();
            out.write_all(&replaced(&raw, record, at.delimiter, column, &new)?)?;
            tee.pass(at.start, at.end, &mut std::io::sink())
        }
        (Change::Drop, _) => {
            tee.pass(at.copied, at.start, out)?;
            tee.pass(at.start, at.end, &mut std::io::sink())
        }
        _ => tee.pass(at.copied, at.end, out),
    }
}

/// The raw bytes of `record` (`raw`, with its line end) with field `column`
/// holding `text` instead.
fn replaced(
    raw: &[u8],
    record: &csv::ByteRecord,
    delimiter: u8,
    column: usize,
    text: &str,
) -> std::io::Result<Vec<u8>> {
    let expected: csv::ByteRecord =
        record.iter().enumerate().map(|(i, f)| if i == column { text.as_bytes() } else { f }).collect();
    if let Some(range) = field_range(raw, delimiter, column) {
        let quoted = raw.get(range.start) == Some(&b'"')
            || text.bytes().any(|b| b == delimiter || matches!(b, b'"' | b'\r' | b'\n'));
        let mut out = raw[..range.start].to_vec();
        if quoted {
            out.push(b'"');
            out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(&raw[range.end..]);
        if parse_one(&out, delimiter).as_ref() == Some(&expected) {
            return Ok(out);
        }
    }
    // Written whole, with the record's own line end (CR LF, LF, a lone CR
    // whose LF follows, or none for a last record without one).
    let body = raw.len() - raw.iter().rev().take_while(|&&b| b == b'\r' || b == b'\n').count();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_byte_record(&expected)?;
    let mut out = writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
    if out.ends_with(b"\n") {
        out.pop();
    }
    out.extend_from_slice(&raw[body..]);
    Ok(out)
}

/// The one record in `bytes`, parsed with the reader's settings.
fn parse_one(bytes: &[u8], delimiter: u8) -> Option<csv::ByteRecord> {
    let mut csv =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(bytes);
    let mut records = csv.byte_records();
    let first = records.next()?.ok()?;
    records.next().is_none().then_some(first)
}

/// The byte range of field `column` in the raw record `raw` (quotes
/// included), as RFC 4180 splits it.
fn field_range(raw: &[u8], delimiter: u8, column: usize) -> Option<Range<usize>> {
    let (mut i, mut field) = (0usize, 0usize);
    loop {
        let start = i;
        if raw.get(i) == Some(&b'"') {
            i += 1;
            while let Some(&b) = raw.get(i) {
                i += 1;
                if b == b'"' {
                    if raw.get(i) == Some(&b'"') {
                        i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        while let Some(&b) = raw.get(i) {
            if b == delimiter || b == b'\n' || b == b'\r' {
                break;
            }
            i += 1;
        }
        if field == column {
            return Some(start..i);
        }
        if raw.get(i) != Some(&delimiter) {
            return None;
        }
        i += 1;
        field += 1;
    }
}

#[cfg(test)]
mod tests;
