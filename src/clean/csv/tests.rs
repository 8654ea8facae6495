use super::*;
use crate::input::{Compression, Format};

fn source(dir: &std::path::Path, bytes: &[u8]) -> Source {
    let path = dir.join("x.csv");
    std::fs::write(&path, bytes).unwrap();
    Source {
        path,
        display: "x.csv".into(),
        relative: "x.csv".into(),
        parent: None,
        format: Format::Csv { delimiter: b',' },
        compression: Compression::None,
    }
}

/// Copies `bytes` as a CSV file, changing the text of the articles the
/// reader finds in it as `change` says; returns the output and the texts
/// `decide` saw.
fn run(bytes: &[u8], change: &dyn Fn(&str) -> Change) -> (Vec<u8>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let src = source(dir.path(), bytes);
    let mut articles: Vec<(u64, u32)> = Vec::new();
    crate::input::read_source(0, &src, &Default::default(), &mut |item| {
        if let crate::input::Item::Article(a) = item {
            articles.push((a.key.line, articles.len() as u32));
        }
    });
    let mut seen = Vec::new();
    let mut out = Vec::new();
    let mut decide = |_: u32, text: Option<&str>| {
        let text = text.unwrap_or_default();
        seen.push(text.to_string());
        change(text)
    };
    let warnings = copy(&src, b',', &articles, &FieldNames::default(), &mut out, &mut decide).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (out, seen)
}

fn keep(_: &str) -> Change {
    Change::Keep
}

#[test]
fn unchanged_records_are_copied_byte_for_byte() {
    let bytes =
        b"\xEF\xBB\xBFid,text\r\n1,  \"odd\" spacing\r\n\"2\",\"multi\r\nline, with \"\"quotes\"\"\"\r\n\
                  bad\"row\r\n3,last";
    let (out, seen) = run(bytes, &keep);
    assert_eq!(out, bytes);
    assert_eq!(seen, ["  \"odd\" spacing", "multi\r\nline, with \"quotes\"", "last"]);
}

#[test]
fn only_the_text_field_of_a_changed_record_changes() {
    let bytes =
        b"id,text,url\n1,\"Keep \"\"this\"\". Cut this.\",\"http://a\"\n2,plain text,http://b\n3,last one,x";
    let change = |t: &str| match t {
        "plain text" => Change::Replace("plain, now with a comma".into()),
        "last one" => Change::Replace("last".into()),
        t => Change::Replace(t.replace(" Cut this.", "")),
    };
    let (out, _) = run(bytes, &change);
    let expected = b"id,text,url\n1,\"Keep \"\"this\"\".\",\"http://a\"\n\
                     2,\"plain, now with a comma\",http://b\n3,last,x";
    assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(expected));
}

#[test]
fn a_dropped_record_leaves_no_trace() {
    let bytes = b"id,text\n1,a\n2,\"b\nb\"\n3,c\n";
    let drop_b = |t: &str| if t == "b\nb" { Change::Drop } else { Change::Keep };
    assert_eq!(run(bytes, &drop_b).0, b"id,text\n1,a\n3,c\n");
    let drop_last = |t: &str| if t == "c" { Change::Drop } else { Change::Keep };
    assert_eq!(run(bytes, &drop_last).0, b"id,text\n1,a\n2,\"b\nb\"\n");
}

#[test]
fn field_ranges_follow_the_quoting() {
    let raw = b"a,\"b,\"\"c\"\"\",d\r\n";
    assert_eq!(field_range(raw, b',', 0), Some(0..1));
    assert_eq!(field_range(raw, b',', 1), Some(2..11));
    assert_eq!(field_range(raw, b',', 2), Some(12..13));
    assert_eq!(field_range(raw, b',', 3), None);
}

#[test]
fn new_text_is_quoted_when_it_needs_it_and_a_record_not_split_is_written_whole() {
    let record: csv::ByteRecord = vec!["1", "old"].into_iter().collect();
    let out = replaced(b"1,old\r\n", &record, b',', 1, "new \"text\"").unwrap();
    assert_eq!(out, b"1,\"new \"\"text\"\"\"\r\n");
    let out = replaced(b"1", &record, b',', 1, "x").unwrap();
    assert_eq!(out, b"1,x", "no line end added to a last record without one");
}
