//! JSON Lines and CSV exports: one article per record.

use std::io::{BufReader, Read};

use super::csv_watch::Watch;
use super::fields::{Role, host_of, is_scrape_field};
use super::limits::{self, Line};
use super::lines::LineCounter;
use super::{Article, ArticleKey, ArticleMeta, Item, ReadOptions, Source, decode};
use crate::error::Warning;

/// The fields found in one record, before they become an [`Article`].
struct Fields {
    text: String,
    id: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    date: Option<String>,
    date_is_scrape: bool,
    title: Option<String>,
}

fn article(index: u32, source: &Source, line: u64, f: Fields) -> Article {
    let outlet = f.outlet.or_else(|| f.url.as_deref().and_then(host_of)).or_else(|| source.parent.clone());
    Article {
        key: ArticleKey { source: index, line },
        meta: ArticleMeta {
            id: f.id.unwrap_or_else(|| format!("{}:{line}", source.relative)),
            outlet,
            url: f.url,
            date: f.date,
            date_is_scrape: f.date_is_scrape,
            title: f.title,
        },
        text: f.text,
    }
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Reads `reader`, the (decompressed) content of `source`, as JSON Lines:
/// one JSON object per line, blank lines ignored, a UTF-8 byte order mark
/// at the start of any line skipped (files joined with `cat` keep theirs).
pub(super) fn read_jsonl(
    index: u32,
    source: &Source,
    reader: impl Read,
    options: &ReadOptions,
    emit: &mut dyn FnMut(Item),
) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut buf = Vec::new();
    let mut line = 0u64;
    let mut records = 0u64;
    loop {
        match limits::read_line(&mut reader, &mut buf, limits::MAX_RECORD_BYTES) {
            Ok(Line::End) => break,
            Ok(Line::Read) => line += 1,
            Ok(Line::TooLong(bytes)) => {
                (line, records) = (line + 1, records + 1);
                let message = format!(
                    "line is {bytes} bytes, longer than the limit of {} MiB for one record; line skipped",
                    limits::MAX_RECORD_BYTES >> 20
                );
                emit(Item::Warning(Warning::line(&source.display, line, message)));
                continue;
            }
            Err(err) => {
                let message = match line {
                    0 => format!("{} before the first line; file skipped", decode::read_error(&err, source)),
                    _ => format!(
                        "{} after line {line}; rest of file skipped",
                        decode::read_error(&err, source)
                    ),
                };
                // A stream cut short is not an empty file: this warning says it all.
                return emit(Item::Warning(Warning::line(&source.display, line + 1, message)));
            }
        }
        // A mark at the start of any line: files joined with `cat` keep theirs.
        if buf.starts_with(UTF8_BOM) {
            buf.drain(..UTF8_BOM.len());
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        records += 1;
        let warn = |message: String| Item::Warning(Warning::line(&source.display, line, message));
        let decoded = decode::decode_utf8(std::mem::take(&mut buf));
        if let Some(note) = decoded.note {
            emit(warn(note));
        }
        match jsonl_fields(&decoded.text, options) {
            Ok(mut fields) => {
                if let Some(message) = limits::cut_text(&mut fields.text) {
                    emit(warn(message));
                }
                emit(Item::Article(article(index, source, line, fields)))
            }
            Err(message) => emit(warn(message)),
        }
    }
    if records == 0 {
        emit(Item::Warning(Warning::file(&source.display, "no records (empty file)")));
    }
}

/// The UTF-8 byte order mark some tools write at the start of a file.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A record's fields, each kept as the JSON text it was written as: only
/// the fields wiretrace reads are converted, so a number out of range (or
/// with more digits than a float holds) in any other field loses nothing,
/// and a numeric id keeps its digits.
type RawFields<'a> = std::collections::BTreeMap<String, &'a serde_json::value::RawValue>;

fn jsonl_fields(line: &str, options: &ReadOptions) -> Result<Fields, String> {
    // Values borrowed from the line: the text is copied once, when decoded.
    let map: RawFields = serde_json::from_str(line).map_err(|_| {
        // Not an object, or not JSON: say which, as the whole value reads.
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(value) => format!("expected a JSON object, found {}", kind_of(&value)),
            Err(e) => invalid_json(&e),
        }
    })?;
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    let key = |role: Role| options.fields.find(role, keys.iter().copied()).map(|i| keys[i]);
    let text = match key(Role::Text).map(|k| (k, map[k].get())) {
        Some((name, raw)) if raw_kind(raw) == "a string" => decode_string(name, raw)?,
        Some((name, raw)) => return Err(format!("field {name:?} is {}, expected a string", raw_kind(raw))),
        None => return Err(options.fields.missing(Role::Text)),
    };
    let scalar = |role: Role| -> Result<Option<String>, String> {
        let Some(k) = key(role) else { return Ok(None) };
        let raw = map[k].get();
        Ok(match raw_kind(raw) {
            "a string" => Some(decode_string(k, raw)?),
            "a number" | "a boolean" => Some(raw.to_string()),
            _ => None,
        }
        .and_then(non_empty))
    };
    Ok(Fields {
        text,
        id: scalar(Role::Id)?,
        outlet: scalar(Role::Outlet)?,
        url: scalar(Role::Url)?,
        date: scalar(Role::Date)?,
        date_is_scrape: key(Role::Date).is_some_and(is_scrape_field),
        title: scalar(Role::Title)?,
    })
}

/// The string the JSON string `raw` of field `name` holds; an error names
/// the field and what is wrong (a lone surrogate escape, say), as the
/// whole line read as one value would have been refused for it.
fn decode_string(name: &str, raw: &str) -> Result<String, String> {
    serde_json::from_str(raw).map_err(|e| {
        let text = e.to_string();
        let what = text.split(" at line ").next().unwrap_or(&text);
        format!("invalid JSON: field {name:?} is not a valid string: {what}")
    })
}

/// What kind of JSON value `raw` (a valid JSON text) is.
fn raw_kind(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// What is wrong with a line that is not JSON, and where in the line: the
/// warning already gives the line of the file, so serde's own line count
/// (1, or 2 past the line's line feed) is left out.
fn invalid_json(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&position) {
        Some(what) if err.line() == 1 => format!("invalid JSON: {what} at column {}", err.column()),
        // Past the line's own line feed: the record ends too soon.
        Some(what) => format!("invalid JSON: {what} at the end of the line"),
        None => format!("invalid JSON: {text}"),
    }
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Reads `reader`, the (decompressed) content of `source`, as CSV (or TSV)
/// with a header row (a UTF-8 byte order mark before it is skipped). A row
/// too short to hold the text column is skipped with a warning; a row with
/// more non-empty fields than the header is read with a warning, as it
/// probably holds an unquoted delimiter.
pub(super) fn read_csv(
    index: u32,
    source: &Source,
    reader: impl Read,
    options: &ReadOptions,
    delimiter: u8,
    emit: &mut dyn FnMut(Item),
) {
    let file_warning = |message: String| Item::Warning(Warning::file(&source.display, message));
    // Lines are counted by LineCounter, not the csv crate, which counts LFs
    // only: a file of CR-ended rows would be all line 1 (keys must differ).
    // The byte order mark is skipped here, not by the csv crate (skip_bom).
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(Watch::new(LineCounter::new(decode::skip_bom(reader)), delimiter));
    let columns = match csv_columns(&mut csv, options, source) {
        Ok(columns) => columns,
        Err(_) if csv.get_ref().overflow().is_some() => return emit(too_long(source, csv.get_ref())),
        Err(message) => return emit(file_warning(message)),
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut last_line) = (0u64, 0u64);
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows += 1,
            Err(_) if csv.get_ref().overflow().is_some() => return emit(too_long(source, csv.get_ref())),
            Err(err) => {
                rows += 1;
                // An I/O error carries no position: name the line of the unread row.
                let byte = err.position().map_or_else(|| csv.position().byte(), |p| p.byte());
                let line = csv.get_mut().inner_mut().line_at(byte);
                emit(Item::Warning(Warning::line(&source.display, line, csv_error(&err, source))));
                if matches!(err.kind(), csv::ErrorKind::Io(_)) {
                    return;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| csv.get_mut().inner_mut().line_at(p.byte()));
        last_line = line;
        let mut warn = |message: String| emit(Item::Warning(Warning::line(&source.display, line, message)));
        if let Some(fields) = csv_row(&record, &columns, &mut warn) {
            emit(Item::Article(article(index, source, line, fields)));
        }
    }
    if let Some((quote_line, lines)) = csv.get_ref().unterminated() {
        let message = format!(
            "the quote opened on this line is never closed: the rest of the file ({lines} line(s)) \
             is read as one field of the row at line {last_line}"
        );
        emit(Item::Warning(Warning::line(&source.display, quote_line, message)));
    }
    if rows == 0 {
        emit(file_warning("no records (empty file: a header row only)".into()));
    }
}

/// The warning for a CSV record longer than the limit (the watch saw one).
fn too_long<R>(source: &Source, watch: &Watch<R>) -> Item {
    let Some(overflow) = watch.overflow() else {
        return Item::Warning(Warning::file(&source.display, "row too long; rest of file skipped"));
    };
    let cause = match overflow.quote_line {
        Some(q) => format!(" (the quote opened at line {q} is never closed?)"),
        None => String::new(),
    };
    let message = format!(
        "row is longer than the limit of {} MiB for one record{cause}; rest of file skipped",
        limits::MAX_RECORD_BYTES >> 20
    );
    Item::Warning(Warning::line(&source.display, overflow.record_line, message))
}

/// Where each role's field is in a CSV file's rows.
struct Columns {
    /// Column of the text.
    text: usize,
    /// Column of every role, if present.
    roles: Vec<(Role, Option<usize>)>,
    /// Number of fields in the header row.
    width: usize,
    /// Whether the date column holds scrape times.
    date_is_scrape: bool,
}

/// Reads the header row and finds the columns; `Err` says why the file
/// cannot be read.
fn csv_columns<R: std::io::Read>(
    csv: &mut csv::Reader<R>,
    options: &ReadOptions,
    source: &Source,
) -> Result<Columns, String> {
    let headers: Vec<String> = match csv.byte_headers() {
        Ok(h) => h.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect(),
        Err(err) => return Err(csv_error(&err, source)),
    };
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err("empty file (no header row)".into());
    }
    let column = |role: Role| options.fields.find(role, headers.iter().map(String::as_str));
    let Some(text) = column(Role::Text) else {
        return Err(format!("{} in the header row; file skipped", options.fields.missing(Role::Text)));
    };
    let date_is_scrape = column(Role::Date).is_some_and(|c| is_scrape_field(&headers[c]));
    let roles = Role::ALL.iter().map(|&r| (r, column(r))).collect();
    Ok(Columns { text, roles, width: headers.len(), date_is_scrape })
}

/// The fields of one row, or `None` if the row has no text column; problems
/// with the row go to `warn`.
fn csv_row(record: &csv::ByteRecord, columns: &Columns, warn: &mut dyn FnMut(String)) -> Option<Fields> {
    let Some(raw_text) = record.get(columns.text) else {
        warn(format!("row has {} fields, the header has {}; row skipped", record.len(), columns.width));
        return None;
    };
    // Extra non-empty fields mean the row does not line up with the header
    // (trailing empty fields, as from a trailing delimiter, are harmless).
    if record.iter().skip(columns.width).any(|f| !f.iter().all(u8::is_ascii_whitespace)) {
        warn(format!(
            "row has {} fields, the header has {} (an unquoted delimiter inside a field?); \
             extra fields ignored",
            record.len(),
            columns.width
        ));
    }
    let mut decoded = decode::decode_utf8(raw_text.to_vec());
    if let Some(note) = decoded.note {
        warn(note);
    }
    if let Some(message) = limits::cut_text(&mut decoded.text) {
        warn(message);
    }
    let field = |role: Role| {
        let col = columns.roles.iter().find(|(r, _)| *r == role).and_then(|(_, c)| *c)?;
        non_empty(String::from_utf8_lossy(record.get(col)?).into_owned())
    };
    Some(Fields {
        text: decoded.text,
        id: field(Role::Id),
        outlet: field(Role::Outlet),
        url: field(Role::Url),
        date: field(Role::Date),
        date_is_scrape: columns.date_is_scrape,
        title: field(Role::Title),
    })
}

fn csv_error(err: &csv::Error, source: &Source) -> String {
    match err.kind() {
        csv::ErrorKind::Io(io) => format!("{}; rest of file skipped", decode::read_error(io, source)),
        _ => format!("malformed CSV: {err}"),
    }
}
