//! `wiretrace clean` end to end on every input format: the output is read
//! back by the same reader, the log accounts for every removed byte and
//! nothing else changed, a second clean removes nothing, and the inputs are
//! byte-identical afterwards (`clean_check`).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::json;

use crate::clean_check::{Entry, articles, clean, clean_twice, log};
use crate::util::{Rng, gzip, scratch, write, zstd};

/// One fixture article.
pub struct Fixture {
    pub id: String,
    pub outlet: &'static str,
    pub date: &'static str,
    pub text: String,
}

/// A paragraph of `n` words drawn from a small vocabulary (some accented,
/// so byte and character offsets differ), distinct for each seed.
pub fn para(seed: u64, n: usize) -> String {
    const WORDS: [&str; 24] = [
        "harbour", "council", "minister", "été", "river", "mills", "naïve", "schools", "budget", "strike",
        "ferry", "bridge", "Zürich", "vote", "storm", "rail", "café", "market", "police", "court", "trade",
        "festival", "hospital", "airport",
    ];
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9));
    let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text + "."
}

/// Articles with every kind of removal planted: an outlet's junk footer
/// (3 articles), another outlet's template header (2), a repeated block,
/// a repeat in a text split by ` ### `, three near-duplicates (the earliest
/// is `n2`, the longest `n3`), and unrelated text.
pub fn fixtures() -> Vec<Fixture> {
    let footer = "Copyright 2024 Harbour Times. All rights reserved. This material may not be published, \
                  broadcast, rewritten or redistributed.";
    let header = "Valley Post brings you the news from every town along the river, from the mills to the \
                  farms and the schools.";
    let p = |i: u64| para(i, 24 + (i % 9) as usize);
    let story: Vec<String> = (100..105).map(p).collect();
    let mut edited = story.clone();
    edited[2] = edited[2].replacen(' ', " very ", 1);
    let blocks = |ps: &[String]| ps.join("\n\n") + "\n";
    let f = |id: &str, outlet, date, text: String| Fixture { id: id.into(), outlet, date, text };
    vec![
        f("h1", "Harbour Times", "2024-01-01", blocks(&[p(1), p(2), p(3), footer.into()])),
        f("h2", "Harbour Times", "2024-01-02", blocks(&[p(4), p(5), footer.into()])),
        f("h3", "Harbour Times", "2024-01-03", blocks(&[p(6), p(7), p(8), footer.into()])),
        f("v1", "Valley Post", "2024-01-02", blocks(&[header.into(), p(9), p(10), p(11)])),
        f("v2", "Valley Post", "2024-01-04", blocks(&[header.into(), p(12), p(13), p(14)])),
        f(
            "r1",
            "Daily Wire",
            "2024-01-05",
            format!(
                "Short heading\n{}\n\n{}\n{}\n\n{}\n{}\n\n{}\n",
                p(15),
                p(16),
                p(17),
                p(16),
                p(17),
                p(18)
            ),
        ),
        f("s1", "Helsinki Daily", "2024-01-05", format!("{} ### {} ### {}", p(20), p(21), p(20))),
        f("n1", "Globe", "2024-01-07", blocks(&story)),
        f("n2", "Mail", "2024-01-06", blocks(&edited)),
        f(
            "n3",
            "Star",
            "2024-01-08",
            blocks(&[story.clone(), vec!["Reporting by the Star desk.".into()]].concat()),
        ),
        f("u1", "Daily Wire", "2024-01-09", blocks(&[p(30), p(31)])),
    ]
}

/// The fixtures as one JSON Lines file (fields in an unusual order, a
/// nested field, a record without text and a blank line among them).
fn jsonl(fixtures: &[Fixture]) -> String {
    let mut out = String::new();
    for (i, a) in fixtures.iter().enumerate() {
        let line = json!({"id": a.id, "title": format!("Title {i}"), "text": a.text, "outlet": a.outlet,
                          "date": a.date, "extra": {"nested": [i, "x"]}});
        // serde_json sorts keys; write them in our own order by hand.
        let get = |k: &str| line[k].to_string();
        out.push_str(&format!(
            "{{\"id\":{}, \"title\":{},\"text\": {} ,\"outlet\":{},\"date\":{},\"extra\":{}}}\n",
            get("id"),
            get("title"),
            get("text"),
            get("outlet"),
            get("date"),
            get("extra")
        ));
        if i == 3 {
            out.push_str("{\"note\": \"a record without text\"}\n\n");
        }
    }
    out
}

/// The fixtures as CSV (or TSV) with a header row.
fn csv(fixtures: &[Fixture], delimiter: u8) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
    w.write_record(["id", "outlet", "date", "text", "title"]).expect("in memory");
    for a in fixtures {
        w.write_record([a.id.as_str(), a.outlet, a.date, a.text.as_str(), "A \"quoted\" title"])
            .expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// Writes the fixtures under `dir/in` in `format` and returns the input
/// path to clean (relative to `dir`).
fn write_format(dir: &Path, format: &str) -> String {
    let fx = fixtures();
    match format {
        "dir" => {
            for (i, a) in fx.iter().enumerate() {
                let outlet = a.outlet.to_lowercase().replace(' ', "-");
                match i % 3 {
                    0 => write(dir, &format!("in/{outlet}/{}.txt", a.id), &a.text),
                    1 => write(dir, &format!("in/{outlet}/{}.txt.gz", a.id), gzip(a.text.as_bytes())),
                    _ => write(dir, &format!("in/{outlet}/{}.txt.zst", a.id), zstd(a.text.as_bytes())),
                };
            }
            "in".into()
        }
        "jsonl" => write_file(dir, "in/corpus.jsonl", jsonl(&fx).as_bytes()),
        "jsonl.gz" => write_file(dir, "in/corpus.jsonl.gz", &gzip(jsonl(&fx).as_bytes())),
        "jsonl.zst" => write_file(dir, "in/corpus.jsonl.zst", &zstd(jsonl(&fx).as_bytes())),
        "csv" => write_file(dir, "in/corpus.csv", &csv(&fx, b',')),
        "tsv.gz" => write_file(dir, "in/corpus.tsv.gz", &gzip(&csv(&fx, b'\t'))),
        other => panic!("unknown format {other}"),
    }
}

fn write_file(dir: &Path, rel: &str, bytes: &[u8]) -> String {
    write(dir, rel, bytes);
    rel.into()
}

#[test]
fn every_format_is_cleaned_consistently_and_idempotently() {
    for format in ["dir", "jsonl", "jsonl.gz", "jsonl.zst", "csv", "tsv.gz"] {
        let dir = scratch();
        let input = write_format(dir.path(), format);
        let kinds = clean_twice(dir.path(), &input, &[]);
        let count = |k: &str| kinds.get(k).copied().unwrap_or(0);
        assert_eq!(count("boilerplate"), 5, "{format}: 3 footers and 2 headers: {kinds:?}");
        assert_eq!(count("repeat"), 2, "{format}: a block and a paragraph: {kinds:?}");
        assert_eq!(count("near_duplicate"), 2, "{format}: {kinds:?}");
    }
}

#[test]
fn the_earliest_near_duplicate_is_kept_or_the_one_the_flag_chooses() {
    for (canonical, kept) in [("earliest", "n2"), ("longest", "n3"), ("id", "n1")] {
        let dir = scratch();
        let input = write_format(dir.path(), "jsonl");
        clean(dir.path(), &input, "out", &["--canonical", canonical]).ok();
        let dropped: Vec<(String, String)> = log(&dir.path().join("out"))
            .into_iter()
            .filter(|e| e.kind == "near_duplicate")
            .map(|e| (e.article, e.copy.article))
            .collect();
        assert_eq!(dropped.len(), 2, "{canonical}: {dropped:?}");
        assert!(dropped.iter().all(|(gone, copy)| copy == kept && gone != kept), "{canonical}: {dropped:?}");
    }
}

#[test]
fn jsonl_lines_keep_every_byte_but_the_text_value() {
    let dir = scratch();
    let input = write_format(dir.path(), "jsonl");
    clean(dir.path(), &input, "out", &[]).ok();
    let before = std::fs::read_to_string(dir.path().join(&input)).expect("input");
    let after = std::fs::read_to_string(dir.path().join("out/corpus.jsonl")).expect("output");
    let entries = log(&dir.path().join("out"));
    let dropped: Vec<String> =
        entries.iter().filter(|e| e.kind == "near_duplicate").map(|e| e.article.clone()).collect();
    let mut out = after.split_inclusive('\n');
    for line in before.split_inclusive('\n') {
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v["id"].as_str().map(String::from));
        if id.as_ref().is_some_and(|id| dropped.contains(id)) {
            continue;
        }
        let new = out.next().expect("a line for every line kept");
        let (Some(at), Some(end)) = (line.find("\"text\": ").map(|i| i + 8), line.find(" ,\"outlet\""))
        else {
            assert_eq!(new, line, "a line without an article is copied as it is");
            continue;
        };
        assert_eq!(&new[..at], &line[..at], "bytes before the text value");
        assert!(new.ends_with(&line[end..]), "bytes after the text value: {new}");
        let changed = entries.iter().any(|e| Some(&e.article) == id.as_ref());
        assert_eq!(new != line, changed, "only articles in the log change: {line}");
    }
    assert!(out.next().is_none());
}

/// What each entry other than `kind` removes: article, kind, paragraphs.
fn places(list: &[Entry], kind: &str) -> BTreeSet<(String, String, Option<[u32; 2]>)> {
    list.iter()
        .filter(|e| e.kind != kind)
        .map(|e| (e.article.clone(), e.kind.clone(), e.paragraphs))
        .collect()
}

#[test]
fn policies_can_be_turned_off_and_a_dry_run_writes_only_the_log() {
    let dir = scratch();
    let input = write_format(dir.path(), "csv");
    clean(dir.path(), &input, "all", &[]).ok();
    let all = log(&dir.path().join("all"));
    for (flag, kind) in
        [("--repeats", "repeat"), ("--boilerplate", "boilerplate"), ("--near-duplicates", "near_duplicate")]
    {
        let out = format!("no-{kind}");
        clean(dir.path(), &input, &out, &[flag, "keep"]).ok();
        let entries = log(&dir.path().join(&out));
        let places = |list: &[Entry]| places(list, kind);
        assert!(entries.iter().all(|e| e.kind != kind), "{flag} keep: {entries:#?}");
        if kind == "near_duplicate" {
            // The articles no longer dropped have their own cuts now.
            assert!(places(&all).is_subset(&places(&entries)), "{flag} keep");
        } else {
            assert_eq!(places(&all), places(&entries), "{flag} keep changes nothing else");
        }
        crate::clean_check::check_consistent(
            &articles(&dir.path().join(&input)),
            &articles(&dir.path().join(&out).join("corpus.csv")),
            &entries,
        );
    }
    let run = clean(dir.path(), &input, "dry", &["--dry-run"]);
    run.ok().stderr_has("would be written (dry run)");
    let files: Vec<String> = crate::clean_check::files(&dir.path().join("dry")).into_keys().collect();
    assert_eq!(files, ["removed.jsonl"]);
    assert_eq!(
        std::fs::read(dir.path().join("dry/removed.jsonl")).expect("log"),
        std::fs::read(dir.path().join("all/removed.jsonl")).expect("log"),
        "a dry run logs exactly what a real run removes"
    );
}
