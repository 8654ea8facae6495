//! Sniffing: the compression and format of content whose name says nothing
//! about them (a stream such as `/dev/stdin` or `<(…)`, a file named
//! without a known extension), from its first bytes.
//!
//! Takes at most [`SNIFF_BYTES`] of the content (and decompresses at most
//! as many); gives a [`Sniffed`] compression and format, and why. The rules,
//! in order:
//! - compression by magic number: gzip `1f 8b`, Zstandard `28 b5 2f fd`;
//! - format from the first non-blank line of the decompressed content (a
//!   UTF-8 byte order mark at its start skipped): a JSON object is JSON Lines (a first
//!   line longer than the sniffed bytes counts when everything up to the
//!   cut is valid JSON opening an object); a CSV or TSV header row whose
//!   names are all plain identifiers (`id`, `full_text`, `"title"`) and one
//!   of which is a text column the reader recognizes is CSV or TSV;
//!   anything else is plain text.
//!
//! CSV is guessed only from such a header, never from commas alone: a text
//! article can hold commas anywhere. A file whose name gives its format is
//! never sniffed (a text article may begin with `{`).

use std::io::Read;

use super::fields::FieldNames;
use super::{Compression, Format, decode};

/// Most bytes of content looked at (64 KiB), before and after decompression.
pub const SNIFF_BYTES: usize = 64 << 10;

/// What sniffing found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    /// The compression: the magic number's, else the one the caller named.
    pub compression: Compression,
    /// The layout of the decompressed content.
    pub format: Format,
    /// Why that format, in words ("its first line is a JSON object").
    pub why: &'static str,
}

/// Sniffs content that begins with `head` (at most [`SNIFF_BYTES`]; `whole`
/// when it is all of the content). `named` is the compression the name
/// gives (`x.gz`), used when no magic number is found; `fields` are the
/// field names the reader will look for.
pub fn sniff(head: &[u8], whole: bool, named: Compression, fields: &FieldNames) -> Sniffed {
    let compression = compression(head).unwrap_or(named);
    let (content, cut) = match compression {
        Compression::None => (head.get(..SNIFF_BYTES).unwrap_or(head).to_vec(), !whole),
        _ => decompressed(head, whole, compression),
    };
    let (format, why) = format(&content, cut, fields);
    Sniffed { compression, format, why }
}

/// The compression whose magic number `head` begins with, if any.
pub fn compression(head: &[u8]) -> Option<Compression> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Compression::Gzip)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Some(Compression::Zstd)
    } else {
        None
    }
}

/// The first [`SNIFF_BYTES`] (at most) of `head` decompressed, and whether
/// they are cut (more content follows). A stream that fails part-way gives
/// what came before the failure.
fn decompressed(head: &[u8], whole: bool, compression: Compression) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let complete = match decode::decompress(head, compression) {
        // An error still leaves the bytes read before it in `out`.
        Ok(reader) => reader.take(SNIFF_BYTES as u64).read_to_end(&mut out).is_ok(),
        Err(_) => false,
    };
    let cut = out.len() >= SNIFF_BYTES || !whole || !complete;
    (out, cut)
}

/// The format of `content` (decompressed; `cut` when more follows it), and
/// why.
pub fn format(content: &[u8], cut: bool, fields: &FieldNames) -> (Format, &'static str) {
    let Some((line, ended)) = first_line(content) else {
        return (Format::Text, "it holds no line of text to tell by");
    };
    if is_json_object(line, !ended && cut) {
        return (Format::Jsonl, "its first line is a JSON object");
    }
    if let Some(delimiter) = csv_header(line, fields) {
        let why = match delimiter {
            b'\t' => "its first line is a tab-separated header naming a text column",
            _ => "its first line is a comma-separated header naming a text column",
        };
        return (Format::Csv { delimiter }, why);
    }
    (Format::Text, "its first line is neither a JSON object nor a CSV header naming a text column")
}

/// The first line of `content` that is not blank (without its line end),
/// and whether a line feed ends it within `content`.
fn first_line(mut content: &[u8]) -> Option<(&[u8], bool)> {
    loop {
        let (line, rest) = match memchr::memchr(b'\n', content) {
            Some(i) => (content.get(..i)?, content.get(i + 1..)),
            None => (content, None),
        };
        // A mark at the start of any line, as the JSON Lines reader skips it.
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            return Some((line, rest.is_some()));
        }
        content = rest?;
    }
}

/// Whether `line` is a JSON object; `open_ended` when the line goes on past
/// what was sniffed, in which case valid JSON up to the cut that opens an
/// object counts.
fn is_json_object(line: &[u8], open_ended: bool) -> bool {
    if line.trim_ascii_start().first() != Some(&b'{') {
        return false;
    }
    match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
        Ok(_) => true,
        Err(e) => open_ended && e.is_eof(),
    }
}

/// The delimiter of `line` if it is a CSV (`,`) or TSV (tab) header row: at
/// least two names, each a plain identifier (letters, digits, `_`, `-`, `.`;
/// not starting with a digit; double quotes around it allowed), one of
/// which the reader would take for the text.
fn csv_header(line: &[u8], fields: &FieldNames) -> Option<u8> {
    let line = std::str::from_utf8(line).ok()?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let delimiter = match (line.contains('\t'), line.contains(',')) {
        (true, false) => '\t',
        (false, true) => ',',
        _ => return None,
    };
    let names: Vec<&str> = line.split(delimiter).map(unquote).collect();
    let plain = |name: &&str| {
        let mut chars = name.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    let header = names.len() >= 2 && names.iter().all(plain);
    (header && fields.text_field(names.iter().copied()).is_some()).then_some(delimiter as u8)
}

/// `name` without the double quotes around it, if it has both.
fn unquote(name: &str) -> &str {
    name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: Format = Format::Csv { delimiter: b',' };
    const TSV: Format = Format::Csv { delimiter: b'\t' };

    fn of(content: &str) -> Format {
        format(content.as_bytes(), false, &FieldNames::default()).0
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_first_line_that_is_a_json_object_is_json_lines() {
        assert_eq!(of("{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2}\n"), Format::Jsonl);
        assert_eq!(
            of("\n  \r\n\u{feff}{\"text\": \"no line feed\"}"),
            Format::Jsonl,
            "a mark, as the reader skips it"
        );
        assert_eq!(of("\u{feff}\n\n  {\"text\": \"after blank lines\"}  \r\n"), Format::Jsonl);
        assert_eq!(of("{}\n"), Format::Jsonl, "any object: the reader then names what is missing");
    }

    #[test]
    fn text_that_only_looks_like_json_is_text() {
        assert_eq!(of("{Braces} open this headline\n\nA paragraph."), Format::Text);
        assert_eq!(
            of("{\n  \"text\": \"pretty-printed JSON is one document, not lines\"\n}\n"),
            Format::Text
        );
        assert_eq!(of("[{\"text\": \"an array\"}]\n"), Format::Text);
        assert_eq!(of("{\"text\": \"a\"} and then words\n"), Format::Text);
        assert_eq!(of("\"just a string\"\n"), Format::Text);
        assert_eq!(of(""), Format::Text);
        assert_eq!(of(" \n\t\n"), Format::Text);
    }

    #[test]
    fn a_first_line_longer_than_the_sniffed_bytes_counts_if_valid_up_to_the_cut() {
        let long = format!("{{\"id\": \"a\", \"text\": \"{}", "word ".repeat(SNIFF_BYTES));
        let cut = &long.as_bytes()[..SNIFF_BYTES];
        let fields = FieldNames::default();
        assert_eq!(format(cut, true, &fields).0, Format::Jsonl);
        assert_eq!(format(cut, false, &fields).0, Format::Text, "the whole content: an unfinished object");
        // Cut inside a two-byte character: still an unfinished string, not bad JSON.
        let accented = format!("{{\"text\":\"{}", "é".repeat(SNIFF_BYTES));
        assert_eq!(accented.as_bytes()[SNIFF_BYTES - 1] & 0xC0, 0xC0, "the cut splits a character");
        assert_eq!(format(&accented.as_bytes()[..SNIFF_BYTES], true, &fields).0, Format::Jsonl);
        let broken = format!("{{\"id\": a, \"text\": \"{}", "word ".repeat(SNIFF_BYTES));
        assert_eq!(format(&broken.as_bytes()[..SNIFF_BYTES], true, &fields).0, Format::Text);
    }

    #[test]
    fn a_header_naming_a_text_column_is_csv_or_tsv() {
        assert_eq!(of("id,outlet,text\n1,a,\"Some text, with a comma.\"\n"), CSV);
        assert_eq!(of("\"id\",\"Full_Text\"\r\n1,x\r\n"), CSV);
        assert_eq!(of("doc_id\tbody\n1\tx\n"), TSV);
        let named = FieldNames { text: Some("words".into()), ..FieldNames::default() };
        assert_eq!(format(b"id,words\n1,x\n", false, &named).0, CSV, "the field the user names");
        assert_eq!(format(b"id,text\n1,x\n", false, &named).0, Format::Text, "not the one the user names");
    }

    #[test]
    fn commas_alone_do_not_make_csv() {
        assert_eq!(of("Text, lies and video tape\n\nA paragraph."), Format::Text, "names with spaces");
        assert_eq!(of("Fire,floods\n\nA paragraph."), Format::Text, "no text column");
        assert_eq!(of("text\nOne column only.\n"), Format::Text);
        assert_eq!(of("id,text\tbody\n"), Format::Text, "both delimiters");
        assert_eq!(of("1st,text\n"), Format::Text, "a name starting with a digit");
        assert_eq!(of("id,,text\n"), Format::Text, "an empty name");
    }

    #[test]
    fn magic_numbers_give_the_compression_and_the_content_is_sniffed_inside() {
        let fields = FieldNames::default();
        let jsonl = b"{\"text\": \"a\"}\n";
        let gz = sniff(&gzip(jsonl), true, Compression::None, &fields);
        assert_eq!((gz.compression, gz.format), (Compression::Gzip, Format::Jsonl));
        let zst = zstd::stream::encode_all(&b"id,text\n1,x\n"[..], 3).unwrap();
        let zst = sniff(&zst, true, Compression::None, &fields);
        assert_eq!((zst.compression, zst.format), (Compression::Zstd, CSV));
        let plain = sniff(b"A headline\n\nA paragraph.", true, Compression::None, &fields);
        assert_eq!((plain.compression, plain.format), (Compression::None, Format::Text));
        assert_eq!(compression(&[0x1f]), None, "one byte is not a magic number");
    }

    #[test]
    fn a_cut_compressed_head_is_sniffed_from_what_it_decompresses_to() {
        let fields = FieldNames::default();
        let mut jsonl = String::new();
        for i in 0..20_000 {
            jsonl.push_str(&format!("{{\"id\": {i}, \"text\": \"record {i}\"}}\n"));
        }
        let gz = gzip(jsonl.as_bytes());
        assert!(gz.len() > 1000);
        let s = sniff(&gz[..1000], false, Compression::None, &fields);
        assert_eq!((s.compression, s.format), (Compression::Gzip, Format::Jsonl));
        let broken = sniff(&[0x1f, 0x8b, 0, 0], true, Compression::None, &fields);
        assert_eq!((broken.compression, broken.format), (Compression::Gzip, Format::Text));
        let named = sniff(b"{\"text\": \"a\"}\n", true, Compression::Gzip, &fields);
        assert_eq!(named.compression, Compression::Gzip, "no magic number: the name's compression");
    }
}
