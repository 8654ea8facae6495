//! Paths of the command line that overlap or cannot be read twice: one file
//! reached through two paths is read once, the same way in any order.

use super::*;
use crate::util::assert_same_text;

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
