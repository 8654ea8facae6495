//! The bundled corpus tells its story: 004's repeated block, the MENAFN
//! disclaimer shared by 000 and 004 despite its wrapping, 002's repeated
//! title. Golden outputs are checked too (`WIRETRACE_BLESS=1` rewrites them).

use crate::util::{assert_same_text, project_root, run};

const A000: &str = "000_d0fcdb308f540440.txt";
const A002: &str = "002_7fbb9ae6711f7586.txt";
const A004: &str = "004_ee964b3aa23745c2.txt";

fn corpus_text(id: &str, start: usize, end: usize) -> String {
    let bytes = std::fs::read(project_root().join("corpus").join(id)).expect("corpus file");
    String::from_utf8(bytes[start..end].to_vec()).expect("spans are on character boundaries")
}

#[test]
fn repeated_block_in_004_is_one_match_of_six_paragraphs() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let (a004, _) = report.article(A004);
    let repeats: Vec<_> =
        report.matches.iter().filter(|m| m.kind == "repeat" && m.a.article == a004).collect();
    assert_eq!(repeats.len(), 1, "one block match, not six pairs: {repeats:#?}");
    let m = repeats[0];
    assert_eq!(m.a.paragraphs[1] - m.a.paragraphs[0] + 1, 6);
    assert_eq!(m.b.paragraphs[0], m.a.paragraphs[1] + 1, "the copy follows the original");
    assert_eq!(m.similarity, 1.0);
    let (first, second) = (corpus_text(A004, m.a.start, m.a.end), corpus_text(A004, m.b.start, m.b.end));
    assert_eq!(first, second, "the two byte spans hold the same text");
    assert!(first.starts_with("Media referenced anonymous U.S. officials"));
    assert!(first.ends_with("recognition of territorial realities."));
}

#[test]
fn menafn_disclaimer_matches_across_different_wrapping() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let (a000, _) = report.article(A000);
    let (a004, _) = report.article(A004);
    let m = report
        .matches
        .iter()
        .find(|m| m.a.article == a000 && m.b.article == a004)
        .expect("000 and 004 share the disclaimer");
    assert_eq!((m.kind.as_str(), m.method.as_str()), ("boilerplate", "paragraphs"), "{}", m.rule);
    assert_eq!(m.similarity, 1.0);
    let (left, right) = (corpus_text(A000, m.a.start, m.a.end), corpus_text(A004, m.b.start, m.b.end));
    assert!(!left.contains('\n') && right.matches('\n').count() == 5, "one line vs six wrapped lines");
    for side in [&left, &right] {
        assert!(
            side.starts_with("MENAFN provides the") && side.ends_with("kindly contact the provider above.")
        );
    }
}

#[test]
fn repeated_title_in_002_is_found() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let (a002, _) = report.article(A002);
    let m = report.matches.iter().find(|m| m.a.article == a002 && m.b.article == a002).expect("002 repeats");
    assert_eq!(corpus_text(A002, m.a.start, m.a.end), corpus_text(A002, m.b.start, m.b.end));
    assert!(corpus_text(A002, m.a.start, m.a.end).starts_with("What Ukraine has to sign"));
}

#[test]
fn every_span_is_valid_and_sides_are_ordered() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    assert_eq!(report.version, 3);
    assert_eq!(report.articles.len(), 5);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    for m in &report.matches {
        assert!(m.a.article <= m.b.article);
        assert!(m.method == "passage" || m.similarity >= report.settings.threshold);
        for side in [&m.a, &m.b] {
            let article = &report.articles[side.article];
            assert!(side.start < side.end && side.end <= article.bytes);
            corpus_text(&article.id, side.start, side.end);
        }
    }
}

/// The passages shared by `x` and `y` (by article id), with both sides'
/// text as read from the corpus files.
fn passages_between(x: &str, y: &str) -> Vec<(String, String)> {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let (ix, _) = report.article(x);
    let (iy, _) = report.article(y);
    report
        .matches
        .iter()
        .filter(|m| m.method == "passage" && m.a.article == ix.min(iy) && m.b.article == ix.max(iy))
        .map(|m| {
            let (a, b) = (corpus_text(&m.a.id, m.a.start, m.a.end), corpus_text(&m.b.id, m.b.start, m.b.end));
            if ix <= iy { (a, b) } else { (b, a) }
        })
        .collect()
}

const A001: &str = "001_71d69ead1abd494d.txt";
const A003: &str = "003_aadb172c92af177a.txt";

#[test]
fn anna_kelly_quote_is_a_passage_of_001_and_003() {
    let found = passages_between(A001, A003);
    let kelly = found
        .iter()
        .find(|(a, b)| a.contains("This is totally false") && b.contains("This is totally false"))
        .unwrap_or_else(|| panic!("no Anna Kelly passage in {found:#?}"));
    for side in [&kelly.0, &kelly.1] {
        assert!(side.contains("to make a deal"), "{side}");
    }
}

#[test]
fn territorial_concessions_quote_is_shared_by_000_001_and_003() {
    let quote = "not trying to force any territorial concessions upon Ukraine";
    for (x, y) in [(A000, A001), (A000, A003), (A001, A003)] {
        let found = passages_between(x, y);
        assert!(found.iter().any(|(a, b)| a.contains(quote) && b.contains(quote)), "{x} ~ {y}: {found:#?}");
    }
}

#[test]
fn reworded_weaponry_passage_links_001_and_003() {
    let found = passages_between(A001, A003);
    assert!(
        found.iter().any(|(a, b)| a.contains("peacetime army") && b.contains("peacetime army")),
        "{found:#?}"
    );
}

fn golden(name: &str, actual: &str) {
    let path = project_root().join("tests").join("golden").join(name);
    if std::env::var_os("WIRETRACE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create tests/golden");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with WIRETRACE_BLESS=1 to create it)", path.display()));
    assert_same_text(&expected, actual, &format!("golden {name} (WIRETRACE_BLESS=1 to accept)"));
}

#[test]
fn golden_text_report() {
    golden("corpus.txt", &run(&["scan", "corpus"]).ok().stdout);
}

#[test]
fn golden_json_report() {
    golden("corpus.json", &run(&["scan", "corpus", "--format", "json"]).ok().stdout);
}

#[test]
fn readme_sample_output_is_real_output() {
    let readme = std::fs::read_to_string(project_root().join("README.md")).expect("README.md");
    let start = readme.find("```\nwiretrace: ").expect("README shows sample output") + 4;
    let sample = &readme[start..start + readme[start..].find("```").expect("closed code block")];
    let output = run(&["scan", "corpus"]).ok().stdout.clone();
    let lines: Vec<&str> = output.lines().collect();
    for line in sample.lines().filter(|l| !l.trim().is_empty()) {
        assert!(lines.contains(&line), "README line not in `wiretrace scan corpus` output:\n{line}");
    }
}
