//! Runs on the real Helsinki scrape (612 articles) when `../shared` is
//! present beside the checkout; skips with a note otherwise.

use std::collections::BTreeMap;

use crate::util::{project_root, run_in, shared_data};

/// id -> text of every row of the CSV, read independently of wiretrace.
fn csv_texts(path: &std::path::Path) -> BTreeMap<String, String> {
    let mut reader = csv::Reader::from_path(path).expect("readable CSV");
    let headers = reader.headers().expect("header row").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (id, text) = (col("id"), col("text"));
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed row");
            (r[id].to_string(), r[text].to_string())
        })
        .collect()
}

#[test]
fn helsinki_scan_reports_valid_spans_of_shared_wire_copy() {
    let Some(csv_path) = shared_data("helsinki/helsinki_articles.csv") else {
        eprintln!("skipped: ../shared/data/helsinki is not present");
        return;
    };
    let path = csv_path.to_string_lossy().into_owned();
    // Paragraph spans are under test here (passages are checked on corpus/;
    // with them this debug-build run takes ten times longer).
    let args = ["scan", &path, "--format", "json", "--no-passages"];
    let report = run_in(&project_root(), &args, &[]).ok().report();
    assert_eq!(report.articles.len(), 612);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let texts = csv_texts(&csv_path);
    let biggest = &report.clusters[0];
    let outlets: std::collections::BTreeSet<_> =
        biggest.members.iter().filter_map(|m| report.articles[m.article].outlet.clone()).collect();
    assert!(outlets.len() >= 5, "the largest cluster is wire copy across outlets: {outlets:?}");
    for m in report.matches.iter().take(2000) {
        for side in [&m.a, &m.b] {
            let text = &texts[&side.id];
            let slice = text.get(side.start..side.end).expect("span on char boundaries inside the text");
            let paragraphs = side.paragraphs[1] - side.paragraphs[0] + 1;
            let separators = slice.matches(" ### ").count() as u32;
            assert_eq!(separators + 1, paragraphs, "one separator between paragraphs: {slice:?}");
            assert!(slice.trim() == slice && !slice.is_empty());
        }
    }
    for p in &report.pairs {
        assert!(!p.regions.is_empty(), "every pair carries what it shares: {p:#?}");
        for r in &p.regions {
            for side in report.region_places(p, r) {
                assert!(texts[&side.id].get(side.start..side.end).is_some_and(|s| !s.is_empty()), "{r:#?}");
            }
        }
    }
}

/// Helsinki 5379 says in one sentence that Trump meets Putin on Monday;
/// 8358 is a photo gallery whose captions say it again and again. The
/// aligner's summary rule used to take the sentence for a summary of 36
/// paragraphs of captions (11 against 739 words, word similarity 0.02),
/// reported as syndication.
#[test]
fn a_sentence_is_not_aligned_with_a_whole_photo_gallery() {
    let Some(csv_path) = shared_data("helsinki/helsinki_articles.csv") else {
        eprintln!("skipped: ../shared/data/helsinki is not present");
        return;
    };
    let texts = csv_texts(&csv_path);
    let dir = crate::util::scratch();
    let lines: Vec<String> = ["5379", "8358"]
        .iter()
        .map(|id| serde_json::json!({"id": id, "text": texts[*id]}).to_string())
        .collect();
    crate::util::write(dir.path(), "two.jsonl", lines.join("\n"));
    let args = ["scan", "two.jsonl", "--format", "json"];
    let report = run_in(dir.path(), &args, &[]).ok().report();
    let passages: Vec<_> = report.matches.iter().filter_map(|m| m.passage.as_ref().map(|p| (m, p))).collect();
    assert!(!passages.is_empty(), "they share the gallery's script lines");
    for (m, p) in passages {
        let [x, y] = p.words;
        assert!(x.max(y) < 4 * x.min(y), "one side four times the other: {m:#?}");
        assert!(m.kind != "syndication" || m.similarity >= 0.3, "{m:#?}");
    }
}
