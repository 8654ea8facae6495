//! Provenance: kinds and who-took-from-whom, on the bundled corpus and on a
//! generated corpus whose planted truth is read by `scripts/provenance_eval.py`.

use std::process::Command;

use crate::util::{Words, project_root, run, run_in, scratch, write};

const A000: &str = "000_d0fcdb308f540440.txt";
const A004: &str = "004_ee964b3aa23745c2.txt";
const STORY: [&str; 4] =
    [A000, "001_71d69ead1abd494d.txt", "002_7fbb9ae6711f7586.txt", "003_aadb172c92af177a.txt"];

#[test]
fn menafn_items_share_only_boilerplate() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let (a000, _) = report.article(A000);
    let (a004, _) = report.article(A004);
    let pair = report.pairs.iter().find(|p| p.a == a000 && p.b == a004).expect("000 and 004 share text");
    assert_eq!(pair.relation, "boilerplate", "{pair:#?}");
    assert_eq!(pair.shared_words, [0, 0], "no story text in common");
    for &m in &pair.matches {
        assert_eq!(report.matches[m].kind, "boilerplate");
    }
    assert!(report.stories.iter().all(|s| !s.articles.contains(&a004)), "004 tells no shared story");
    assert!(report.articles[a004].repeated > 0.3, "004 repeats a third of itself");
}

#[test]
fn the_ft_story_comes_from_a_common_source_not_from_each_other() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let ids: Vec<usize> = STORY.iter().map(|id| report.article(id).0).collect();
    let story =
        report.stories.iter().find(|s| ids.iter().all(|i| s.articles.contains(i))).expect("one story");
    assert_eq!(story.sources.first().map(String::as_str), Some("Financial Times"), "{story:#?}");
    let pairs: Vec<_> = report.pairs.iter().filter(|p| ids.contains(&p.a) && ids.contains(&p.b)).collect();
    assert!(pairs.len() >= 3, "{pairs:#?}");
    for p in pairs {
        assert_eq!(p.direction.verdict, "common_source", "{p:#?}");
        assert_eq!(p.direction.source.as_deref(), Some("Financial Times"));
        assert!(p.direction.evidence.iter().any(|e| e.signal == "named_source" && e.favours == "common"));
        assert!(p.changed > 0.0 && p.changed < 1.0, "each rewrote part of what it shares");
        assert!(["quote", "rewrite"].contains(&p.relation.as_str()), "{p:#?}");
    }
}

#[test]
fn the_anna_kelly_quote_is_a_quote() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let kelly = report
        .matches
        .iter()
        .find(|m| m.passage.as_ref().is_some_and(|p| p.text[0].contains("This is totally false")))
        .expect("the quote is a passage");
    assert_eq!(kelly.kind, "quote", "{}", kelly.rule);
}

#[test]
fn the_text_report_says_it_in_words() {
    let scan = run(&["scan", "corpus"]);
    let text = &scan.ok().stdout;
    assert!(text.contains("both take from a common source, Financial Times, not from each other"), "{text}");
    assert!(text.contains(&format!("{A000} ↔ {A004}: template of MENAFN")), "{text}");
    let copied = text.lines().filter(|l| l.trim_start().starts_with('→') && l.contains(" took from "));
    assert_eq!(copied.count(), 0, "no false 'copied' verdict on corpus/:\n{text}");
}

/// Counts in the text report are written as a reader writes them (1,001
/// articles, 1,200 shared words), and articles with their outlets.
#[test]
fn the_text_report_groups_thousands() {
    let mut words = Words(11);
    let story: Vec<String> = (0..12).map(|_| words.paragraph(100)).collect();
    let mut lines = Vec::new();
    let outlets = [("wire.example", "2018-07-16T08:00:00Z"), ("paper.example", "2018-07-16T11:00:00Z")];
    for (i, (outlet, date)) in outlets.into_iter().enumerate() {
        let text = story.join("\n\n");
        let record =
            serde_json::json!({"id": format!("story-{i}"), "outlet": outlet, "date": date, "text": text});
        lines.push(record.to_string());
    }
    for i in 0..999 {
        lines.push(serde_json::json!({"id": format!("other-{i}"), "text": words.paragraph(30)}).to_string());
    }
    let dir = scratch();
    let corpus = write(dir.path(), "corpus.jsonl", lines.join("\n") + "\n");
    let scan = run_in(dir.path(), &["scan", &corpus.to_string_lossy()], &[]);
    let text = &scan.ok().stdout;
    assert!(text.starts_with("wiretrace: 1,001 article(s) from 1 file(s), 1,023 paragraph(s)"), "{text}");
    assert!(text.contains("story-0 (wire.example) ↔ story-1 (paper.example): copied text"), "{text}");
    assert!(text.contains("[S1] 2 articles: story-0 (wire.example), story-1 (paper.example)"), "{text}");
    assert!(text.contains(" · 1,200 / 1,200 words "), "{text}");
    assert!(text.contains(": 1,200 word(s) in 1 pair(s)"), "{text}");
}

/// Two wire reports, each with two reprints, linked by one quote they
/// both give: the text and HTML reports show one story and, inside it, the
/// two groups of versions with what each group carries.
#[test]
fn reports_show_the_versions_of_one_report_inside_a_story() {
    let mut words = Words(21);
    let quote = format!("\"{}\" the minister said.", words.paragraph(24).trim_end_matches('.'));
    let mut report = || {
        let mut paras: Vec<String> = (0..6).map(|_| words.paragraph(40)).collect();
        paras.insert(3, quote.clone());
        paras.join("\n\n")
    };
    let (x, y) = (report(), report());
    let lines: Vec<String> = [("x", &x), ("x1", &x), ("x2", &x), ("y", &y), ("y1", &y), ("y2", &y)]
        .iter()
        .enumerate()
        .map(|(i, (id, text))| {
            serde_json::json!({"id": id, "outlet": format!("o{i}.example"), "text": text}).to_string()
        })
        .collect();
    let dir = scratch();
    let corpus = write(dir.path(), "corpus.jsonl", lines.join("\n") + "\n");
    let corpus = corpus.to_string_lossy();
    let text = run_in(dir.path(), &["scan", &corpus], &[]).ok().stdout.clone();
    assert!(text.contains("[S1] 6 articles: x (o0.example), x1 (o1.example), x2 (o2.example), y"), "{text}");
    assert!(text.contains("versions of one report inside it: 2 groups"), "{text}");
    let groups = [
        ("3 articles: x (o0.example), x1 (o1.example), x2 (o2.example)", &x),
        ("3 articles: y (o3.example), y1 (o4.example), y2 (o5.example)", &y),
    ];
    for (group, first) in groups {
        let at = text.find(group).unwrap_or_else(|| panic!("{group}: {text}"));
        let excerpt = text[at..].lines().nth(1).expect("an excerpt line").trim_start();
        let opening: String = first.chars().take(20).collect();
        assert!(excerpt.starts_with(&format!("> {opening}")), "{excerpt:?} opens {opening:?}");
    }
    let html = run_in(dir.path(), &["scan", &corpus, "--format", "html"], &[]).ok().stdout.clone();
    assert!(html.contains("Versions of one report inside it (2 groups;"), "{html}");
}

/// Kind and direction accuracy of at least 0.95 against a generated
/// corpus's planted truth (`gen_corpus.py`), scored by the repository's
/// script; skipped without `../shared`.
#[test]
fn planted_kinds_and_directions_are_recovered() {
    let root = project_root();
    let generator = root.join("../shared/tools/gen_corpus.py");
    if !generator.exists() {
        eprintln!("skipped: ../shared/tools/gen_corpus.py is not present");
        return;
    }
    let dir = scratch();
    let out = dir.path().join("gen");
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--articles", "800", "--seed", "3", "--out"])
        .arg(&out)
        .output()
        .expect("python3 runs");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let corpus = out.join("corpus.jsonl");
    let scan = run_in(dir.path(), &["scan", &corpus.to_string_lossy(), "--format", "json"], &[]);
    let report = dir.path().join("report.json");
    std::fs::write(&report, &scan.ok().stdout).expect("write report");
    let eval = Command::new("python3")
        .arg(root.join("scripts/provenance_eval.py"))
        .arg(out.join("truth.jsonl"))
        .arg(&report)
        .args(["--min", "0.95"])
        .output()
        .expect("python3 runs");
    let printed = String::from_utf8_lossy(&eval.stdout);
    eprintln!("{printed}");
    assert!(eval.status.success(), "{printed}{}", String::from_utf8_lossy(&eval.stderr));
}
