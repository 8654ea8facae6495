//! Paths of the command line that overlap or cannot be read twice: one file
//! reached through two paths is read once, the same way in any order.

use super::*;
use crate::util::{assert_same_text, run_piped};

/// A corpus of the good pair and `corpus/reuters/x.txt`, which shares
/// `PARA_A` with them, so its id and outlet reach pairs and provenance.
fn overlapping(dir: &Path) {
    good_pair(dir);
    write(dir, "corpus/reuters/x.txt", format!("Wire copy.\n\n{PARA_A}\n"));
}

#[test]
fn a_file_named_and_in_a_named_directory_is_read_once_the_same_way_in_any_order() {
    let dir = scratch();
    overlapping(dir.path());
    let first = run_in(dir.path(), &["scan", "corpus/reuters/x.txt", "corpus", "--format", "json"], &[]);
    let second = run_in(dir.path(), &["scan", "corpus", "corpus/reuters/x.txt", "--format", "json"], &[]);
    assert_same_text(&first.ok().stdout, &second.ok().stdout, "report, either order of the paths");
    let report = first.report();
    assert_eq!(report.articles.len(), 3, "read once: {:?}", ids(&report));
    let (_, x) = report.article("reuters/x.txt");
    assert_eq!(x.outlet.as_deref(), Some("reuters"), "read as a file of the directory");
    assert_good_match(&report);
    let w = warning(&report, "reuters/x.txt", None, "also found in the directory corpus");
    assert!(w.message.contains("read once"), "{w:?}");
    assert_eq!(report.warnings.len(), 1, "{:#?}", report.warnings);
}

#[test]
fn overlapping_directories_are_read_once_the_same_way_in_any_order() {
    let dir = scratch();
    overlapping(dir.path());
    let first = run_in(dir.path(), &["scan", "corpus/reuters", "corpus", "--format", "json"], &[]);
    let second = run_in(dir.path(), &["scan", "corpus", "corpus/reuters", "--format", "json"], &[]);
    assert_same_text(&first.ok().stdout, &second.ok().stdout, "report, either order of the paths");
    let report = first.report();
    assert_eq!(ids(&report), ["good1.txt", "good2.txt", "reuters/x.txt"]);
    warning(&report, "reuters", None, "1 file(s) in it also found through corpus");
}

fn ids(report: &Report) -> Vec<&str> {
    report.articles.iter().map(|a| a.id.as_str()).collect()
}

/// A pipe can be read only once; a scan reads its sources twice, so the
/// piped article is copied first and keeps its matches and passages.
#[cfg(unix)]
#[test]
fn a_piped_article_keeps_its_matches() {
    let dir = scratch();
    good_pair(dir.path());
    let args = ["scan", "/dev/stdin", "corpus/good2.txt", "--format", "json"];
    let report = run_piped(dir.path(), &args, good1().as_bytes()).report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    share_a(&report, ("stdin", &good1()), ("good2.txt", &good2()));
}

/// A directory named through a symbolic link (`/data/current ->
/// /data/2024-05-01`) is read, and read without a warning: the walk said
/// "current: symbolic link to a directory, not followed" while reading it,
/// which made `--strict` exit 1 on a corpus with nothing wrong.
#[cfg(unix)]
#[test]
fn a_directory_named_through_a_symbolic_link_is_read_without_a_warning() {
    let dir = scratch();
    good_pair(dir.path());
    std::os::unix::fs::symlink("corpus", dir.path().join("current")).expect("link");
    let report = run_in(dir.path(), &["scan", "current", "--format", "json", "--strict"], &[]).ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    share_a(&report, ("good1.txt", &good1()), ("good2.txt", &good2()));
    let clean = run_in(dir.path(), &["clean", "current", "--out", "o"], &[]);
    clean.ok();
    assert!(!clean.stderr.contains("not followed"), "{}", clean.stderr);
    assert!(dir.path().join("o/current/good2.txt").is_file(), "the copy is written under the name given");
}
