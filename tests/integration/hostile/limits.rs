//! Resource limits: a 100 MB line (as a text file and as a JSON Lines
//! record), a paragraph over 64 KiB, a CSV record over 4 MiB, and many tiny
//! files. Each is read in bounded memory, in time linear in its size
//! (`scripts/bench_hostile.sh` measures both; no test is timed).

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::{At, Expect, assert_only_warned, case, filler, good_corpus, ids};
use crate::util::{run_in, scratch, write};

/// Bytes of the single huge line.
const HUGE: usize = 100 << 20;

/// Writes `head`, `HUGE` bytes of words without a line break, and `tail`.
fn huge_line(path: &Path, head: &str, tail: &str) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    out.write_all(head.as_bytes()).expect("write");
    let chunk = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(1 << 10);
    let mut left = HUGE;
    while left > 0 {
        let n = left.min(chunk.len());
        out.write_all(&chunk.as_bytes()[..n]).expect("write");
        left -= n;
    }
    out.write_all(tail.as_bytes()).expect("write");
    out.flush().expect("flush");
}

/// The article `id` of a report.
fn article<'r>(report: &'r Value, id: &str) -> &'r Value {
    let articles = report["articles"].as_array().expect("articles");
    articles.iter().find(|a| a["id"] == id).unwrap_or_else(|| panic!("no article {id}"))
}

#[test]
fn a_100_mb_line_in_a_text_file_is_cut_at_1_mib() {
    let report = case(
        "100 MB text line",
        |d| {
            std::fs::create_dir_all(d.join("corpus")).expect("mkdir");
            huge_line(&d.join("corpus/huge.txt"), "", "");
        },
        &[
            Expect("corpus/huge.txt", At::File, "1 paragraph(s) longer than 64 KiB, each split into pieces"),
            Expect(
                "corpus/huge.txt",
                At::File,
                "file is 104857600 bytes, longer than the limit of 1 MiB for one article; only its first \
                 1048576 bytes of text are read",
            ),
        ],
    );
    let huge = article(&report, "huge.txt");
    assert_eq!(huge["bytes"].as_u64(), Some(1 << 20));
    assert_eq!(huge["paragraphs"].as_u64(), Some(17), "1 MiB in pieces of at most 64 KiB");
}

#[test]
fn a_100_mb_jsonl_line_is_skipped_and_its_neighbours_read() {
    let before = format!("{}\n", json!({"id": "n1", "text": filler(20, 40)}));
    let after = format!("\"}}\n{}\n", json!({"id": "n3", "text": filler(21, 40)}));
    let report = case(
        "100 MB JSONL line",
        |d| {
            std::fs::create_dir_all(d.join("corpus")).expect("mkdir");
            huge_line(
                &d.join("corpus/huge.jsonl"),
                &format!("{before}{{\"id\": \"n2\", \"text\": \""),
                &after,
            );
        },
        &[Expect(
            "corpus/huge.jsonl",
            At::Line(2),
            &format!(
                "line is {} bytes, longer than the limit of 4 MiB for one record; line skipped",
                HUGE + "{\"id\": \"n2\", \"text\": \"\"}\n".len()
            ),
        )],
    );
    assert_eq!(article(&report, "n3")["line"].as_u64(), Some(3));
    assert!(!ids(&report).contains(&"n2".to_string()));
}

#[test]
fn long_paragraphs_and_texts_in_records_are_split_and_cut() {
    let long = filler(22, 30_000);
    let longer = filler(23, 200_000);
    assert!(long.len() > 64 << 10 && longer.len() > 1 << 20 && longer.len() < 4 << 20);
    let report = case(
        "long paragraph",
        |d| {
            write(d, "corpus/long.txt", &long);
            let record = json!({"id": "l2", "text": longer});
            write(d, "corpus/long.jsonl", format!("{record}\n"));
        },
        &[
            Expect("corpus/long.jsonl", At::Line(1), "1 paragraph(s) longer than 64 KiB"),
            Expect("corpus/long.jsonl", At::Line(1), "longer than the limit of 1 MiB for one article"),
            Expect("corpus/long.txt", At::File, "1 paragraph(s) longer than 64 KiB"),
        ],
    );
    assert_eq!(article(&report, "l2")["bytes"].as_u64(), Some(1 << 20));
    let pieces = article(&report, "long.txt")["paragraphs"].as_u64().unwrap_or(0);
    assert!((5..=6).contains(&pieces), "{pieces} pieces of {} bytes", long.len());
}

#[test]
fn a_csv_record_over_4_mib_stops_its_file() {
    let row = format!("id,text\nk1,\"{}\"\nk2,\"{}", filler(24, 30), filler(25, 700_000));
    let report = case(
        "CSV record over 4 MiB",
        |d| drop(write(d, "corpus/runaway.csv", &row)),
        &[Expect(
            "corpus/runaway.csv",
            At::Line(3),
            "row is longer than the limit of 4 MiB for one record (the quote opened at line 3 is never \
             closed?); rest of file skipped",
        )],
    );
    assert!(ids(&report).contains(&"k1".to_string()));
}

/// Tiny files in the many-files test: 10,000 in 100 nested folders (the
/// issue's million is measured by `scripts/bench_hostile.sh`, in release).
const TINY_FILES: usize = 10_000;

#[test]
fn ten_thousand_tiny_files_in_nested_folders() {
    let dir = scratch();
    let good = good_corpus(dir.path());
    for i in 0..TINY_FILES {
        let path = format!("corpus/tiny/d{}/e{}/f{i}.txt", i % 10, (i / 10) % 10);
        write(dir.path(), &path, format!("{}\n", filler(1000 + i as u64, 4)));
    }
    let run = run_in(dir.path(), &["scan", "corpus", "--format", "json"], &[]);
    let report = assert_only_warned("10,000 tiny files", &run, &good, &[]);
    let summary = &report["summary"];
    assert_eq!(summary["sources"].as_u64(), Some(TINY_FILES as u64 + 7));
    assert_eq!(summary["articles"].as_u64(), Some(TINY_FILES as u64 + 8));
    // Every tiny file is read once, under its own id, in sorted order.
    let tiny: Vec<String> = ids(&report).into_iter().filter(|i| i.starts_with("tiny/")).collect();
    let mut sorted = tiny.clone();
    sorted.sort();
    assert_eq!((tiny.len(), &tiny), (TINY_FILES, &sorted));
    // No work grows with pairs of tiny files: they add no candidate pair.
    for count in ["candidate_pairs", "passage_candidate_pairs"] {
        assert_eq!(summary[count], super::baseline()["summary"][count], "{count}");
    }
}
