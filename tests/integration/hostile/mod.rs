//! The hostile corpus: every kind of dirty input a scraped dump holds, made
//! by the tests themselves (nothing large is committed). For each bad item:
//! no panic, the documented exit code, a warning naming the file (and line)
//! and the reason, and every other article's results identical to a run
//! without the bad item ([`assert_only_warned`]). `docs/bad-input.md` lists
//! the cases.
//!
//! The good corpus is the bundled `corpus/` (clusters, blocks, passages and
//! provenance) plus a JSON Lines and a CSV export sharing a paragraph (the
//! CSV field holds quoted line breaks).

mod files;
mod limits;
mod panics;
mod records;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::util::{PARA_A, PARA_B, Run, project_root, run_in, scratch, write};

/// Writes the good corpus under `dir/corpus`; returns the good article ids.
pub fn good_corpus(dir: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let bundled = project_root().join("corpus");
    let mut names: Vec<_> =
        std::fs::read_dir(&bundled).expect("corpus/").map(|e| e.expect("entry")).collect();
    names.sort_by_key(|e| e.file_name());
    for entry in names {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            write(dir, &format!("corpus/{name}"), std::fs::read(entry.path()).expect("read corpus file"));
            ids.insert(name);
        }
    }
    let records = [
        json!({"id": "g1", "outlet": "Harbour Times", "text": format!("Port news.\n\n{PARA_A}")}),
        json!({"id": "g2", "text": format!("{PARA_B}\n\nIn other news, the ferry timetable changes on Sunday.")}),
    ];
    write(dir, "corpus/good.jsonl", records.iter().map(|r| format!("{r}\n")).collect::<String>());
    let csv = format!("id,outlet,text\nc1,Coast News,\"Two\nlines, \"\"quoted\"\":\n\n{PARA_A}\"\n");
    write(dir, "corpus/good.csv", csv);
    ids.extend(["g1", "g2", "c1"].map(String::from));
    ids
}

/// The JSON report of the good corpus alone (made once).
fn baseline() -> &'static Value {
    static BASE: OnceLock<Value> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = scratch();
        good_corpus(dir.path());
        let run = run_in(dir.path(), &["scan", "corpus", "--format", "json"], &[]);
        let report = run.ok().report();
        assert!(report.warnings.is_empty(), "the good corpus is clean: {:#?}", report.warnings);
        assert!(!report.clusters.is_empty() && report.matches.iter().any(|m| m.passage.is_some()));
        serde_json::from_str(&run.stdout).expect("JSON report")
    })
}

/// What the report says of the good articles, with article, match and
/// cluster indices replaced by ids (a bad item shifts indices); fails if a
/// cluster or story mixes good and other articles.
fn good_view(report: &Value, good: &BTreeSet<String>) -> Value {
    let list = |key: &str| report[key].as_array().cloned().unwrap_or_default();
    let ids: Vec<String> =
        list("articles").iter().map(|a| a["id"].as_str().unwrap_or("").to_string()).collect();
    let is_good = |id: &Value| id.as_str().is_some_and(|id| good.contains(id));
    let drop_keys = |mut v: Value, keys: &[&str]| {
        if let Some(map) = v.as_object_mut() {
            keys.iter().for_each(|k| drop(map.remove(*k)));
        }
        v
    };
    let articles: Vec<Value> = list("articles")
        .into_iter()
        .filter(|a| is_good(&a["id"]))
        .map(|mut a| {
            let upstream = a["upstream"].as_array().cloned().unwrap_or_default();
            a["upstream"] = upstream.into_iter().map(|u| drop_keys(u, &["pair", "article"])).collect();
            a
        })
        .collect();
    let place = |p: &Value| drop_keys(p.clone(), &["article"]);
    let matches: Vec<Value> = list("matches")
        .into_iter()
        .filter(|m| is_good(&m["a"]["id"]) && is_good(&m["b"]["id"]))
        .map(|m| json!([drop_keys(m.clone(), &["cluster", "a", "b"]), place(&m["a"]), place(&m["b"])]))
        .collect();
    let clusters: Vec<Value> = list("clusters")
        .into_iter()
        .filter(|c| c["members"].as_array().is_some_and(|ms| ms.iter().any(|m| is_good(&m["id"]))))
        .map(|c| {
            let members: Vec<Value> = c["members"].as_array().cloned().unwrap_or_default();
            assert!(members.iter().all(|m| is_good(&m["id"])), "a cluster mixes good and bad: {c:#}");
            json!([drop_keys(c.clone(), &["id", "members"]), members.iter().map(place).collect::<Vec<_>>()])
        })
        .collect();
    let pairs: Vec<Value> = list("pairs")
        .into_iter()
        .filter(|p| p["ids"].as_array().is_some_and(|ids| ids.iter().all(is_good)))
        .map(|mut p| {
            let regions = p["regions"].as_array().cloned().unwrap_or_default();
            p["regions"] = regions.iter().map(|r| region_view(report, r)).collect();
            drop_keys(p, &["a", "b", "matches"])
        })
        .collect();
    let stories: Vec<Value> = list("stories")
        .into_iter()
        .map(|s| {
            let members: Vec<&str> = s["articles"]
                .as_array()
                .map(|a| a.iter().filter_map(|i| ids.get(i.as_u64()? as usize).map(String::as_str)).collect())
                .unwrap_or_default();
            json!({"articles": members, "sources": s["sources"]})
        })
        .filter(|s| s["articles"].as_array().is_some_and(|a| a.iter().any(is_good)))
        .collect();
    json!({"articles": articles, "matches": matches, "clusters": clusters, "pairs": pairs, "stories": stories})
}

/// A pair's region with its cluster, member and match indices replaced by
/// the places they point to (without article indices).
fn region_view(report: &Value, r: &Value) -> Value {
    let places = match (r["cluster"].as_u64(), r["match"].as_u64()) {
        (Some(c), _) => {
            let members = &report["clusters"][c as usize - 1]["members"];
            let at = |side: usize| {
                r["members"][side].as_u64().map_or(Value::Null, |i| members[i as usize].clone())
            };
            [at(0), at(1)]
        }
        (None, Some(m)) => {
            [report["matches"][m as usize]["a"].clone(), report["matches"][m as usize]["b"].clone()]
        }
        _ => [Value::Null, Value::Null],
    };
    let places: Vec<Value> = places
        .into_iter()
        .map(|mut p| {
            if let Some(map) = p.as_object_mut() {
                map.remove("article");
            }
            p
        })
        .collect();
    json!({"kind": r["kind"], "rule": r["rule"], "places": places})
}

/// A warning expected about a bad item: the end of its file's path, its
/// line, and words its message holds.
pub struct Expect<'a>(pub &'a str, pub At, pub &'a str);

/// Where in its file a warning is.
#[derive(Debug)]
pub enum At {
    /// About the whole file (no line).
    File,
    /// About this line.
    Line(u64),
    /// About some line (where a truncated archive breaks off).
    SomeLine,
}

/// Asserts that `run` (of the good corpus plus bad items) exited 0, that
/// its warnings are exactly the expected ones (each naming its file and
/// line, with the reason), and that the good articles' results are those of
/// the good corpus alone. Returns the parsed report.
pub fn assert_only_warned(case: &str, run: &Run, good: &BTreeSet<String>, expected: &[Expect]) -> Value {
    run.ok();
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let strict: Result<crate::schema::Report, _> = serde_json::from_value(report.clone());
    assert!(strict.is_ok(), "{case}: the report fits the schema: {strict:?}");
    let warnings = report["warnings"].as_array().cloned().unwrap_or_default();
    for w in &warnings {
        eprintln!("hostile {case}: {}:{}: {}", w["source"], w["line"], w["message"].as_str().unwrap_or(""));
    }
    assert_eq!(warnings.len(), expected.len(), "{case}: warnings {warnings:#?}");
    for (w, Expect(file, line, words)) in warnings.iter().zip(expected) {
        let source = w["source"].as_str().unwrap_or("");
        assert!(source.ends_with(file), "{case}: warning about {source:?}, expected {file:?}: {w:#}");
        let ok = match line {
            At::File => w["line"].is_null(),
            At::Line(n) => w["line"].as_u64() == Some(*n),
            At::SomeLine => w["line"].as_u64().is_some(),
        };
        assert!(ok, "{case}: expected {line:?}: {w:#}");
        let message = w["message"].as_str().unwrap_or("");
        assert!(message.contains(words), "{case}: {message:?} lacks {words:?}");
    }
    let (expected_view, actual_view) = (good_view(baseline(), good), good_view(&report, good));
    crate::util::assert_same_text(
        &serde_json::to_string_pretty(&expected_view).unwrap_or_default(),
        &serde_json::to_string_pretty(&actual_view).unwrap_or_default(),
        &format!("{case}: the good articles' results"),
    );
    report
}

/// Makes the good corpus in a scratch directory, lets `bad` add to it,
/// scans it as JSON and checks [`assert_only_warned`].
pub fn case(name: &str, bad: impl FnOnce(&Path), expected: &[Expect]) -> Value {
    let dir = scratch();
    let good = good_corpus(dir.path());
    bad(dir.path());
    let run = run_in(dir.path(), &["scan", "corpus", "--format", "json"], &[]);
    assert_only_warned(name, &run, &good, expected)
}

/// Pseudo-random words sharing nothing with the good corpus or with
/// another seed's words.
pub fn filler(seed: u64, words: usize) -> String {
    let mut rng = crate::util::Rng(seed);
    let words: Vec<String> = (0..words).map(|_| format!("q{}x{}", seed, rng.below(1_000_000))).collect();
    words.join(" ")
}

/// The ids of the articles of a report.
pub fn ids(report: &Value) -> Vec<String> {
    let articles = report["articles"].as_array().cloned().unwrap_or_default();
    articles.iter().map(|a| a["id"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn an_empty_corpus_is_a_warning_and_exit_0_or_1_under_strict() {
    let dir = scratch();
    std::fs::create_dir_all(dir.path().join("corpus/sub")).expect("mkdir");
    let run = run_in(dir.path(), &["scan", "corpus", "--format", "json"], &[]);
    let report = run.ok().report();
    eprintln!("hostile empty corpus: exit {:?}; {:?}", run.code, report.warnings);
    assert_eq!(report.articles.len(), 0);
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
    assert_eq!(report.warnings[0].source, "corpus");
    assert!(report.warnings[0].message.contains("no file to read"), "{:?}", report.warnings[0]);
    let text = run_in(dir.path(), &["scan", "corpus"], &[]);
    text.ok().stdout_has("0 article(s) from 0 file(s)").stdout_has("corpus: no file to read");
    run_in(dir.path(), &["scan", "corpus", "--strict"], &[]).expect_code(1).stderr_has("--strict");
}

#[test]
fn a_corpus_of_one_article_is_clean() {
    let dir = scratch();
    write(dir.path(), "one/story.txt", format!("{PARA_A}\n\n{PARA_B}\n"));
    let run = run_in(dir.path(), &["scan", "one", "--format", "json", "--strict"], &[]);
    let report = run.ok().report();
    assert_eq!(ids(&serde_json::from_str(&run.stdout).expect("JSON")), ["story.txt"]);
    assert!(report.warnings.is_empty() && report.matches.is_empty(), "{:#?}", report.warnings);
    assert_eq!(report.articles[0].paragraphs, 2);
}

#[test]
fn the_good_corpus_reads_a_quoted_csv_field_with_line_breaks_as_one_text() {
    let report: crate::schema::Report = serde_json::from_value(baseline().clone()).expect("strict report");
    let (_, c1) = report.article("c1");
    let text = format!("Two\nlines, \"quoted\":\n\n{PARA_A}");
    assert_eq!((c1.bytes, c1.line, c1.paragraphs), (text.len(), Some(2), 2));
    crate::util::shared(&report, "c1", "g1");
}
