//! JSON Lines sources, line by line: every line is copied byte for byte,
//! except a changed record's text value (re-encoded as a JSON string, the
//! rest of the line untouched) and a dropped record's line (left out).
//!
//! Lines are read exactly as the reader reads them (`input`), so each
//! article is found again at its line; its text is found by the same field
//! names, and the caller checks it against the scan's hash before changing
//! anything.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Write};
use std::ops::Range;

use serde_json::value::RawValue;

use super::source::{Change, Decide};
use crate::error::Warning;
use crate::input::{self, FieldNames, MAX_RECORD_BYTES, Source};

/// The UTF-8 byte order mark, kept in front of the line it opens.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Copies `source` to `out`, asking `decide` about the article at each line
/// of `articles` (`(line, article)`, sorted by line).
pub(super) fn copy(
    source: &Source,
    articles: &[(u64, u32)],
    fields: &FieldNames,
    out: &mut dyn Write,
    decide: &mut Decide,
) -> std::io::Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    let reader = match input::open(source) {
        Ok(reader) => reader,
        Err(message) => {
            warnings.push(Warning::file(&source.display, message));
            return Ok(warnings);
        }
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let (mut buf, mut line, mut next) = (Vec::new(), 0u64, 0usize);
    loop {
        match next_line(&mut reader, &mut buf, out)? {
            Ok(Step::End) => break,
            Ok(Step::Held) => line += 1,
            Ok(Step::Streamed) => {
                // Too long to be a record: the reader skipped it too.
                line += 1;
                continue;
            }
            Err(err) => {
                let message = format!("read error after line {line}: {err}; rest of file not copied");
                warnings.push(Warning::file(&source.display, message));
                break;
            }
        }
        while articles.get(next).is_some_and(|&(l, _)| l < line) {
            next += 1;
        }
        let Some(&(_, a)) = articles.get(next).filter(|&&(l, _)| l == line) else {
            out.write_all(&buf)?;
            continue;
        };
        // As the reader does, a mark opening any line (files joined with
        // `cat`) is skipped; it stays in the output unless its record goes.
        let bom = if buf.starts_with(UTF8_BOM) { UTF8_BOM } else { &[] };
        let decoded = String::from_utf8_lossy(&buf[bom.len()..]);
        let found = text_value(&decoded, fields);
        match decide(a, found.as_ref().map(|(_, text)| text.as_str())) {
            Change::Keep => out.write_all(&buf)?,
            // The file's own mark stays when its first record goes.
            Change::Drop => out.write_all(if line == 1 { bom } else { &[] })?,
            Change::Replace(new) => {
                let range = found.map_or(0..0, |(range, _)| range);
                out.write_all(bom)?;
                out.write_all(decoded[..range.start].as_bytes())?;
                serde_json::to_writer(&mut *out, &new)?;
                out.write_all(decoded[range.end..].as_bytes())?;
            }
        }
    }
    Ok(warnings)
}

/// What [`next_line`] did with a line.
enum Step {
    /// There was none.
    End,
    /// It is in the buffer.
    Held,
    /// It was longer than a record may be and went straight to the output.
    Streamed,
}

/// Reads the next line into `buf` (cleared first) or, once it is longer
/// than [`MAX_RECORD_BYTES`], copies it to `out` as it comes, in bounded
/// memory. The outer error is a write error, the inner one a read error
/// (the part of the line held then is not written).
fn next_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    out: &mut dyn Write,
) -> io::Result<io::Result<Step>> {
    buf.clear();
    let (mut any, mut streaming) = (false, false);
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Ok(Err(e)),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = memchr::memchr(b'\n', chunk).map_or((chunk.len(), false), |i| (i + 1, true));
        if streaming {
            out.write_all(&chunk[..take])?;
        } else {
            buf.extend_from_slice(&chunk[..take]);
            if buf.len() > MAX_RECORD_BYTES {
                out.write_all(buf)?;
                buf.clear();
                streaming = true;
            }
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(Ok(match (any, streaming) {
        (false, _) => Step::End,
        (true, false) => Step::Held,
        (true, true) => Step::Streamed,
    }))
}

/// The byte range of the text field's JSON value in `line` and the text it
/// holds, if the line is an object whose text field is a string.
pub(super) fn text_value(line: &str, fields: &FieldNames) -> Option<(Range<usize>, String)> {
    // Duplicate keys: the last one wins, as in the reader.
    let map: BTreeMap<String, &RawValue> = serde_json::from_str(line).ok()?;
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    let key = keys.get(fields.text_field(keys.iter().copied())?)?;
    let raw = map.get(*key)?.get();
    let start = (raw.as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
    let range = start..start + raw.len();
    if line.get(range.clone()) != Some(raw) {
        return None;
    }
    let text: String = serde_json::from_str(raw).ok()?;
    Some((range, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Compression, Format};

    /// Copies `bytes` (a JSON Lines file, gzip-compressed when `gzip`),
    /// upper-casing every text the reader finds.
    fn upper(bytes: &[u8], gzip: bool) -> (Vec<u8>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let name = if gzip { "x.jsonl.gz" } else { "x.jsonl" };
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let src = Source {
            path: dir.path().join(name),
            display: name.into(),
            relative: name.into(),
            parent: None,
            format: Format::Jsonl,
            compression: if gzip { Compression::Gzip } else { Compression::None },
        };
        let mut articles: Vec<(u64, u32)> = Vec::new();
        crate::input::read_source(0, &src, &Default::default(), &mut |item| {
            if let crate::input::Item::Article(a) = item {
                articles.push((a.key.line, articles.len() as u32));
            }
        });
        let (mut out, mut seen) = (Vec::new(), Vec::new());
        let mut decide = |_: u32, text: Option<&str>| {
            seen.push(text.unwrap_or("?").to_string());
            text.map_or(Change::Keep, |t| Change::Replace(t.to_uppercase()))
        };
        let warnings = copy(&src, &articles, &FieldNames::default(), &mut out, &mut decide).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        (out, seen)
    }

    #[test]
    fn a_byte_order_mark_opening_a_later_line_is_read_past() {
        let bytes = "{\"text\": \"a\"}\n\u{feff}{\"text\": \"b\"}\n";
        let (out, seen) = upper(bytes.as_bytes(), false);
        assert_eq!(seen, ["a", "b"]);
        assert_eq!(String::from_utf8_lossy(&out), "{\"text\": \"A\"}\n\u{feff}{\"text\": \"B\"}\n");
    }

    #[test]
    fn bytes_after_the_gzip_data_end_the_copy_as_they_end_the_scan() {
        use std::io::Write;
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"{\"text\": \"a\"}\n{\"text\": \"b\"}").unwrap();
        let mut bytes = z.finish().unwrap();
        bytes.extend_from_slice(b"garbage");
        let (out, seen) = upper(&bytes, true);
        assert_eq!(seen, ["a", "b"], "the last record, without a line end, is cleaned too");
        assert_eq!(String::from_utf8_lossy(&out), "{\"text\": \"A\"}\n{\"text\": \"B\"}");
    }

    #[test]
    fn finds_the_text_value_as_the_reader_does() {
        let fields = FieldNames::default();
        let line = r#"{"id": 7, "Body": "x", "text": "a\nb \u00e9", "z": [1]}"#;
        let (range, text) = text_value(line, &fields).unwrap();
        assert_eq!(&line[range], r#""a\nb \u00e9""#);
        assert_eq!(text, "a\nb é");
        assert!(text_value(r#"{"text": 3}"#, &fields).is_none(), "not a string");
        assert!(text_value("[1]", &fields).is_none());
        let dup = r#"{"text": "first", "text": "second"}"#;
        assert_eq!(text_value(dup, &fields).unwrap().1, "second");
        let named = FieldNames { text: Some("Body".into()), ..FieldNames::default() };
        assert_eq!(text_value(line, &named).unwrap().1, "x");
    }
}
