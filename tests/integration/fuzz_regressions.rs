//! Inputs the fuzz targets (fuzz/, docs/fuzzing.md) found breaking an
//! invariant, minimized; each test is named after what broke.

use wiretrace::input::{Compression, Format, Item, ReadOptions, Source, read_bytes};

use crate::util::{gzip, zstd};

/// What reading some bytes gave.
struct Outcome {
    /// (line, text) of each article.
    articles: Vec<(u64, String)>,
    /// (line, message) of each warning.
    warnings: Vec<(Option<u64>, String)>,
}

impl Outcome {
    /// The line of each article.
    fn lines(&self) -> Vec<u64> {
        self.articles.iter().map(|(line, _)| *line).collect()
    }
}

/// What reading `bytes` as `format` gives.
fn read(bytes: &[u8], format: Format) -> Outcome {
    read_packed(bytes, format, Compression::None)
}

/// What reading `bytes`, compressed as `compression` says, as `format` gives.
fn read_packed(bytes: &[u8], format: Format, compression: Compression) -> Outcome {
    let source = Source {
        path: "in.csv".into(),
        display: "in.csv".into(),
        relative: "in.csv".into(),
        parent: None,
        format,
        compression,
    };
    let (mut articles, mut warnings) = (Vec::new(), Vec::new());
    read_bytes(0, &source, bytes, &ReadOptions::default(), &mut |item| match item {
        Item::Article(a) => articles.push((a.key.line, a.text)),
        Item::Warning(w) => warnings.push((w.line, w.message)),
    });
    Outcome { articles, warnings }
}

const CSV: Format = Format::Csv { delimiter: b',' };

/// A CSV file whose lines end in a lone CR gave every row line 1 (the csv
/// crate counts LFs only), so its articles shared one key and re-reading
/// the file matched the wrong article.
#[test]
fn csv_rows_ended_by_lone_cr_get_their_own_lines() {
    let out = read(b"id,text\r1,one\r2,two\r\r3,\"a\rb\"\r4,four", CSV);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.lines(), [2, 3, 5, 7], "each row on the line an editor shows it");
    assert_eq!(out.articles[2].1, "a\rb", "a CR inside a quoted field stays in the text");
}

/// Found with the fix above: the csv crate starts a record where the last
/// one ended, so a row after empty lines was named by the first of them.
#[test]
fn csv_rows_after_empty_lines_are_named_by_their_own_line() {
    assert_eq!(read(b"id,text\n1,one\n\n\r\n2,two\n", CSV).lines(), [2, 5]);
}

/// Found with the fix above: LF files keep the lines the csv crate gave,
/// and CR LF files get the same ones; the csv crate numbered their rows
/// one line early (it counts the LF of a row's CR LF when it starts the
/// next row, after taking that row's position).
#[test]
fn csv_lines_of_lf_and_crlf_files_agree() {
    let lf = "id,text\n1,one\n2,\"two\nlines\"\n3,three\n";
    for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
        assert_eq!(read(text.as_bytes(), CSV).lines(), [2, 3, 5], "{text:?}");
    }
}

/// A CSV file whose byte order mark arrived in pieces, or alone, from the
/// decompressor (a gzip member or zstd frame ending inside or right after
/// it) was misread: the csv crate strips the mark only from a first read
/// holding all of it, and took a first read of just the mark for the end
/// of the file ("empty file") or kept a partial one in the header name
/// ("no text field").
#[test]
fn csv_byte_order_mark_split_by_a_member_or_frame_boundary_is_skipped() {
    let content: &[u8] = b"\xEF\xBB\xBFtext\nhello\n";
    let expected = read(content, CSV);
    assert_eq!(expected.articles, [(2, "hello".to_string())], "{:?}", expected.warnings);
    for cut in 1..=3 {
        let (head, tail) = content.split_at(cut);
        let members = [gzip(head), gzip(tail)].concat();
        let frames = [zstd(head), zstd(tail)].concat();
        for (packed, compression) in [(members, Compression::Gzip), (frames, Compression::Zstd)] {
            let got = read_packed(&packed, CSV, compression);
            assert_eq!(got.articles, expected.articles, "cut {cut}, {compression:?}: {:?}", got.warnings);
            assert!(got.warnings.is_empty(), "cut {cut}, {compression:?}: {:?}", got.warnings);
        }
    }
}

/// A CSV file starting with two byte order marks, cut by a zstd frame
/// boundary right after them (found by `read_zstd`), read as "empty file":
/// once the first mark was skipped, the csv crate's first read was exactly
/// the second mark, which it takes for the end of the file. Read whole, the
/// crate strips the second mark and reads the header after it.
#[test]
fn csv_second_byte_order_mark_at_a_frame_boundary_reads_as_the_whole_file() {
    let found: &[u8] = b"\xEF\xBB\xBF\xEF\xBB\xBFde,alttt\x64e,al\xF4tt,ed"; // the fuzzer's input
    let contents = [
        &b"\xEF\xBB\xBF\xEF\xBB\xBFtext\nhello\n"[..],
        b"\xEF\xBB\xBF\xEF\xBB\xBF",
        b"\xEF\xBB\xBFtext\n",
        found,
    ];
    for content in contents {
        let expected = read(content, CSV);
        for cut in 1..content.len() {
            let (head, tail) = content.split_at(cut);
            let members = [gzip(head), gzip(tail)].concat();
            let frames = [zstd(head), zstd(tail)].concat();
            for (packed, compression) in [(members, Compression::Gzip), (frames, Compression::Zstd)] {
                let got = read_packed(&packed, CSV, compression);
                let what = format!("{content:?} cut at {cut}, {compression:?}");
                assert_eq!(got.articles, expected.articles, "{what}");
                assert_eq!(got.warnings, expected.warnings, "{what}");
            }
        }
    }
    let two_marks = read(b"\xEF\xBB\xBF\xEF\xBB\xBFtext\nhello\n", CSV);
    assert_eq!(two_marks.articles, [(2, "hello".to_string())], "read whole, both marks are skipped");
}
