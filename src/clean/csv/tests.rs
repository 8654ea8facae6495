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

#[test]
fn changed_and_dropped_records_keep_crlf_line_ends() {
    let bytes = b"id,text\r\n1,a\r\n2,\"b\r\nb\"\r\n3,c\r\n";
    let upper = |t: &str| if t == "a" || t == "c" { Change::Replace(t.to_uppercase()) } else { Change::Keep };
    assert_eq!(String::from_utf8_lossy(&run(bytes, &upper).0), "id,text\r\n1,A\r\n2,\"b\r\nb\"\r\n3,C\r\n");
    let drop_b = |t: &str| if t == "b\r\nb" { Change::Drop } else { Change::Keep };
    assert_eq!(String::from_utf8_lossy(&run(bytes, &drop_b).0), "id,text\r\n1,a\r\n3,c\r\n");
    let drop_first = |t: &str| if t == "a" { Change::Drop } else { Change::Keep };
    assert_eq!(String::from_utf8_lossy(&run(bytes, &drop_first).0), "id,text\r\n2,\"b\r\nb\"\r\n3,c\r\n");
    let drop_last = |t: &str| if t == "c" { Change::Drop } else { Change::Keep };
    assert_eq!(String::from_utf8_lossy(&run(bytes, &drop_last).0), "id,text\r\n1,a\r\n2,\"b\r\nb\"\r\n");
    let quote = |t: &str| if t == "a" { Change::Replace("a, \"now\" quoted".into()) } else { Change::Keep };
    assert_eq!(
        String::from_utf8_lossy(&run(bytes, &quote).0),
        "id,text\r\n1,\"a, \"\"now\"\" quoted\"\r\n2,\"b\r\nb\"\r\n3,c\r\n"
    );
}

#[test]
fn a_record_written_whole_keeps_its_own_line_end() {
    let record: csv::ByteRecord = vec!["1", "old"].into_iter().collect();
    for end in ["\r\n", "\r", "\n", ""] {
        // No text field to replace in place: the record is written whole.
        let raw = format!("1{end}");
        let out = replaced(raw.as_bytes(), &record, b',', 1, "new").unwrap();
        assert_eq!(String::from_utf8_lossy(&out), format!("1,new{end}"), "line end {end:?}");
    }
}

#[test]
fn a_byte_order_mark_in_a_gzip_member_of_its_own_is_read_past() {
    use std::io::Write;
    let gzip = |bytes: &[u8]| {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv.gz");
    let data = b"id,text\n1,a\n2,b\n";
    for head in [&b"\xEF\xBB\xBF"[..], b"\xEF\xBB", b"\xEF"] {
        let rest = [&b"\xEF\xBB\xBF"[head.len()..], &data[..]].concat();
        std::fs::write(&path, [gzip(head), gzip(&rest)].concat()).unwrap();
        let src = Source {
            path: path.clone(),
            display: "x.csv.gz".into(),
            relative: "x.csv.gz".into(),
            parent: None,
            format: Format::Csv { delimiter: b',' },
            compression: Compression::Gzip,
        };
        let mut articles: Vec<(u64, u32)> = Vec::new();
        crate::input::read_source(0, &src, &Default::default(), &mut |item| {
            if let crate::input::Item::Article(a) = item {
                articles.push((a.key.line, articles.len() as u32));
            }
        });
        assert_eq!(articles.len(), 2, "the reader finds both records");
        let (mut out, mut seen) = (Vec::new(), Vec::new());
        let mut decide = |_: u32, text: Option<&str>| {
            seen.push(text.unwrap_or_default().to_string());
            if text == Some("a") { Change::Replace("A".into()) } else { Change::Keep }
        };
        let warnings = copy(&src, b',', &articles, &FieldNames::default(), &mut out, &mut decide).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(seen, ["a", "b"], "head split {}", head.len());
        assert_eq!(String::from_utf8_lossy(&out), "\u{feff}id,text\n1,A\n2,b\n");
    }
}
