//! Inputs whose name gives no format — a pipe (`zcat dump.jsonl.gz |
//! wiretrace scan /dev/stdin`), a file named without a known extension —
//! are sniffed; `--input-format` overrides every extension. A piped JSON
//! Lines dump was read as one text article (its repeated lines removed as
//! paragraphs by `clean`), and piped gzip bytes as text.

#![cfg(unix)]

use serde_json::json;

use crate::clean::para;
use crate::clean_check::{files, log};
use crate::util::{PARA_A, PARA_B, assert_share_para_a, gzip, run_in, run_piped, scratch, write, zstd};

/// Two records sharing `PARA_A`, as JSON Lines, and their texts.
fn two_records() -> (String, [String; 2]) {
    let texts = [format!("{PARA_B}\n\n{PARA_A}"), format!("{}\n\n{PARA_A}", para(7, 30))];
    let jsonl = texts.iter().zip(["r1", "r2"]).map(|(t, id)| json!({"id": id, "text": t}).to_string() + "\n");
    (jsonl.collect(), texts)
}

fn ids(report: &crate::schema::Report) -> Vec<&str> {
    report.articles.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn piped_json_lines_are_read_as_records_and_their_shared_paragraph_found() {
    let dir = scratch();
    let (jsonl, [r1, r2]) = two_records();
    let args = ["scan", "/dev/stdin", "--format", "json", "--strict"];
    let run = run_piped(dir.path(), &args, jsonl.as_bytes());
    // The note is not a warning: --strict still exits 0.
    let report = run.ok().stderr_has("note: /dev/stdin: read as JSON Lines: ").report();
    assert_eq!(ids(&report), ["r1", "r2"]);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_share_para_a(&report, ("r1", r1.as_bytes()), ("r2", r2.as_bytes()));
}

#[test]
fn piped_compressed_json_lines_are_decompressed_and_read_as_records() {
    let dir = scratch();
    let (jsonl, [r1, r2]) = two_records();
    for (bytes, what) in [(gzip(jsonl.as_bytes()), "gzip"), (zstd(jsonl.as_bytes()), "zstd")] {
        let run = run_piped(dir.path(), &["scan", "/dev/stdin", "--format", "json"], &bytes);
        let report = run.ok().stderr_has(&format!("read as {what}-compressed JSON Lines")).report();
        assert_eq!(ids(&report), ["r1", "r2"], "{what}");
        assert_share_para_a(&report, ("r1", r1.as_bytes()), ("r2", r2.as_bytes()));
        let quiet = run_piped(dir.path(), &["scan", "/dev/stdin", "--format", "json", "-q"], &bytes);
        assert_eq!(quiet.ok().stderr, "", "--quiet prints no note");
    }
}

#[test]
fn piped_plain_text_is_still_one_article_even_if_it_opens_with_braces_and_commas() {
    let dir = scratch();
    let text =
        format!("{{\"a\": 1}} is what the leaked file began with, officials said\n\n{PARA_A}\n\n{PARA_B}\n");
    let run = run_piped(dir.path(), &["scan", "/dev/stdin", "--format", "json"], text.as_bytes());
    let report = run.ok().stderr_has("note: /dev/stdin: read as plain text (one article): ").report();
    assert_eq!(ids(&report), ["stdin"]);
    assert_eq!((report.articles[0].bytes, report.articles[0].paragraphs), (text.len(), 3));
}

#[test]
fn input_format_text_reads_a_json_lines_file_as_one_article() {
    let dir = scratch();
    let (jsonl, _) = two_records();
    write(dir.path(), "d.jsonl", &jsonl);
    let by_extension = run_in(dir.path(), &["scan", "d.jsonl", "--format", "json"], &[]).ok().report();
    assert_eq!(ids(&by_extension), ["r1", "r2"]);
    let run = run_in(dir.path(), &["scan", "d.jsonl", "--input-format", "text", "--format", "json"], &[]);
    let report = run.ok().report();
    assert_eq!(ids(&report), ["d.jsonl"]);
    assert_eq!(report.articles[0].bytes, jsonl.len(), "the whole file is the article's text");
    assert!(!run.stderr.contains("note:"), "nothing was sniffed: {}", run.stderr);
}

#[test]
fn input_format_jsonl_on_text_warns_per_line_naming_file_and_line() {
    let dir = scratch();
    write(dir.path(), "notes.txt", format!("A headline\n\n{PARA_A}\n\n{PARA_B}\n"));
    let args = ["scan", "notes.txt", "--input-format", "jsonl", "--format", "json"];
    let report = run_in(dir.path(), &args, &[]).ok().report();
    assert!(report.articles.is_empty(), "{:?}", ids(&report));
    let places: Vec<(&str, Option<u64>)> =
        report.warnings.iter().map(|w| (w.source.as_str(), w.line)).collect();
    assert_eq!(places, [("notes.txt", Some(1)), ("notes.txt", Some(3)), ("notes.txt", Some(5))]);
    assert!(
        report.warnings.iter().all(|w| w.message.starts_with("invalid JSON: ")),
        "{:#?}",
        report.warnings
    );
    let strict = run_in(dir.path(), &["scan", "notes.txt", "--input-format", "jsonl", "--strict"], &[]);
    strict.expect_code(1).stdout_has("notes.txt:3: invalid JSON");
    let clean = run_in(dir.path(), &["clean", "notes.txt", "--input-format", "jsonl", "--out", "o"], &[]);
    clean.ok().stderr_has("notes.txt:1: invalid JSON");
}

#[test]
fn files_named_without_a_known_extension_are_sniffed_and_named_ones_are_not() {
    let dir = scratch();
    let (jsonl, [r1, r2]) = two_records();
    write(dir.path(), "export", &jsonl);
    // A text article may begin with a JSON object: its extension says text.
    write(dir.path(), "x.txt", format!("{{\"text\": \"not a record\"}}\n\n{PARA_A}\n"));
    let csv = format!("id,title,text\nc1,Pier,\"{}\n\n{PARA_A}\"\n", para(9, 30));
    write(dir.path(), "table.zst", zstd(csv.as_bytes()));
    let run = run_in(dir.path(), &["scan", "export", "x.txt", "table.zst", "--format", "json"], &[]);
    let report = run.ok().stderr_has("note: table.zst: read as zstd-compressed CSV: ").report();
    assert_eq!(ids(&report), ["r1", "r2", "c1", "x.txt"], "in source order: export, table.zst, x.txt");
    assert!(!run.stderr.contains("x.txt: read as"), "{}", run.stderr);
    assert_share_para_a(&report, ("r1", r1.as_bytes()), ("r2", r2.as_bytes()));
    assert_eq!(report.article("c1").1.title.as_deref(), Some("Pier"));
}

/// Three records: `r2` duplicates `r1` (dated later), `r3` repeats a paragraph.
fn to_clean() -> (String, String) {
    let (a, b, c) = (para(21, 40), para(22, 40), para(23, 40));
    let r3 = format!("{c}\n\nSaid in between, and nowhere else.\n\n{c}");
    let records = [
        json!({"id": "r1", "date": "2024-05-01", "text": format!("{a}\n\n{b}")}),
        json!({"id": "r2", "date": "2024-05-02", "text": format!("{a}\n\n{b}")}),
        json!({"id": "r3", "text": r3}),
    ];
    let jsonl = records.iter().map(|r| r.to_string() + "\n").collect();
    (jsonl, format!("{c}\n\nSaid in between, and nowhere else."))
}

#[test]
fn clean_of_piped_json_lines_writes_json_lines_without_the_duplicates() {
    let dir = scratch();
    let (jsonl, r3_cleaned) = to_clean();
    run_piped(dir.path(), &["clean", "/dev/stdin", "--out", "o"], jsonl.as_bytes()).ok();
    let written = files(&dir.path().join("o"));
    assert_eq!(written.keys().collect::<Vec<_>>(), ["removed.jsonl", "stdin.jsonl"]);
    let out = String::from_utf8(written["stdin.jsonl"].clone()).expect("UTF-8");
    let records: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"))).collect();
    let kept: Vec<(&str, &str)> =
        records.iter().map(|r| (r["id"].as_str().unwrap(), r["text"].as_str().unwrap())).collect();
    let r1 = jsonl.lines().next().and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok());
    let r1 = r1.expect("r1")["text"].as_str().expect("text").to_string();
    assert_eq!(kept, [("r1", r1.as_str()), ("r3", r3_cleaned.as_str())]);
    let removed: Vec<(String, String, Option<u64>, String)> =
        log(&dir.path().join("o")).into_iter().map(|e| (e.article, e.kind, e.line, e.source)).collect();
    let stdin = String::from("/dev/stdin");
    assert_eq!(
        removed,
        [
            ("r2".into(), "near_duplicate".into(), Some(2), stdin.clone()),
            ("r3".into(), "repeat".into(), Some(3), stdin)
        ]
    );

    // Compressed in, compressed the same way out, and named so.
    run_piped(dir.path(), &["clean", "/dev/stdin", "--out", "gz"], &gzip(jsonl.as_bytes())).ok();
    let written = files(&dir.path().join("gz"));
    assert_eq!(written.keys().collect::<Vec<_>>(), ["removed.jsonl", "stdin.jsonl.gz"]);
    let mut plain = String::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(&written["stdin.jsonl.gz"][..]);
    std::io::Read::read_to_string(&mut decoder, &mut plain).expect("gzip");
    assert_eq!(plain, out);
}
