//! `--format pairs`: every verified paragraph pair of the scan, one JSON
//! object per line, the same pairs the JSON report counts and draws its
//! matches from.

use serde::Deserialize;

use crate::util::run;

/// One line of the pairs format, read strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    a: String,
    a_para: u32,
    b: String,
    b_para: u32,
    jaccard: f64,
}

#[test]
fn pairs_are_the_verified_pairs_of_the_report() {
    let report = run(&["scan", "corpus", "--no-passages", "--format", "json"]).ok().report();
    let out = run(&["scan", "corpus", "--no-passages", "--format", "pairs"]);
    out.ok();
    let pairs: Vec<Pair> = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(pairs.len(), report.summary.verified_pairs);
    let place = |id: &str, para: u32| (report.article(id).0, para);
    for p in &pairs {
        assert!((0.5..=1.0).contains(&p.jaccard), "{p:?}");
        assert!(place(&p.a, p.a_para) < place(&p.b, p.b_para), "in paragraph-table order: {p:?}");
    }
    // Every single-paragraph match of the report is one of the pairs.
    let mut single = 0;
    let one_paragraph = |m: &&crate::schema::Match| {
        m.passage.is_none()
            && m.a.paragraphs[0] == m.a.paragraphs[1]
            && m.b.paragraphs[0] == m.b.paragraphs[1]
    };
    for m in report.matches.iter().filter(one_paragraph) {
        single += 1;
        let (x, y) = ((m.a.id.as_str(), m.a.paragraphs[0]), (m.b.id.as_str(), m.b.paragraphs[0]));
        let found = pairs.iter().find(|p| {
            let (a, b) = ((p.a.as_str(), p.a_para), (p.b.as_str(), p.b_para));
            (a, b) == (x, y) || (a, b) == (y, x)
        });
        let found = found.unwrap_or_else(|| panic!("match {m:?} not among the pairs"));
        assert!((found.jaccard - m.similarity).abs() < 1e-4, "{found:?} vs {m:?}");
    }
    assert!(single > 0, "the corpus has single-paragraph matches");
    // 004 repeats six paragraphs (0-based 5 to 10): each pairs with its copy.
    for i in 5..11 {
        let id = "004_ee964b3aa23745c2.txt";
        assert!(pairs.iter().any(|p| p.a == id && p.b == id && p.a_para == i && p.b_para == i + 6), "¶{i}");
    }
}

/// A pairs-only run (`--format pairs`) verifies the same pairs as a full
/// scan, with or without passages, and looks for nothing else: no
/// passages, clusters, block matches or provenance signals.
#[test]
fn a_pairs_only_scan_verifies_the_same_pairs_and_nothing_else() {
    let root = crate::util::project_root().join("corpus");
    let full = wiretrace::scan(&wiretrace::Config::new(vec![root.clone()])).expect("scan");
    let only = wiretrace::Config { pairs_only: true, ..wiretrace::Config::new(vec![root]) };
    let only = wiretrace::scan(&only).expect("scan");
    let edges = |s: &wiretrace::Scan| s.edges.iter().map(|e| (e.p, e.q, e.similarity)).collect::<Vec<_>>();
    assert!(!full.edges.is_empty() && !full.clusters.is_empty() && !full.passages.is_empty());
    assert_eq!(edges(&full), edges(&only));
    assert!(only.clusters.is_empty() && only.blocks.is_empty() && only.passages.is_empty());
    assert!(!only.passages_searched);
    assert!(full.articles.iter().any(|a| !a.signals.named.is_empty()));
    assert!(only.articles.iter().all(|a| a.signals.named.is_empty() && a.paragraphs.iter().all(|p| !p.junk)));
}
