//! What is reported as a match: blocks as long as the verified text,
//! whichever pairs the clustering chose to report.

use crate::util::{run_in, scratch, write};

fn words(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// Regression: blocks were merged from the reported (member-to-center)
/// pairs only, so two identical two-paragraph articles whose paragraphs
/// joined clusters with different centers were reported as a one-paragraph
/// match, and their identical second paragraphs in no match at all.
#[test]
fn identical_consecutive_paragraphs_are_one_block_whatever_the_centers() {
    let first = words("x", 30).join(" ") + ".";
    let second_words = words("w", 30);
    let second = second_words.join(" ") + ".";
    let mut edited = second_words.clone();
    edited[10] = "changed".into();
    let mut edited_more = edited.clone();
    edited_more[22] = "other".into();
    let texts = [
        ("A", format!("{first}\n\n{second}")),
        ("B", format!("{first}\n\n{second}")),
        ("C", format!("{first}\n\n{}.", edited.join(" "))),
        ("D", format!("Intro text that is unrelated entirely here.\n\n{}.", edited_more.join(" "))),
    ];
    let lines: Vec<String> =
        texts.iter().map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string()).collect();
    let dir = scratch();
    write(dir.path(), "x.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "x.jsonl", "--format", "json"], &[]).ok().report();
    let (a, _) = report.article("A");
    let (b, _) = report.article("B");
    let ab: Vec<_> = report.matches.iter().filter(|m| m.a.article == a && m.b.article == b).collect();
    assert_eq!(ab.len(), 1, "{ab:#?}");
    assert_eq!(ab[0].a.paragraphs, [0, 1]);
    assert_eq!(ab[0].b.paragraphs, [0, 1]);
    assert_eq!(ab[0].similarity, 1.0);
}
