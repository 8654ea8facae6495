//! Panics are bugs, but one must not lose the other articles' results: a
//! panic injected (through `WIRETRACE_TEST_PANIC`) into one article's
//! reading, sketching, re-reading or alignment becomes a warning naming the
//! article, one line on stderr, and exit code 0.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{At, Expect, assert_only_warned, filler, good_corpus};
use crate::util::{Run, scratch, write};

/// The marker that sets off the injected panic.
const MARKER: &str = "zzpanicmarkerzz";

/// Runs the scan of `dir/corpus` with `WIRETRACE_TEST_PANIC=STAGE:MARKER`
/// (none when `stage` is empty) and the standard panic output off.
fn scan(dir: &Path, stage: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wiretrace"));
    cmd.args(["scan", "corpus", "--format", "json"]).current_dir(dir).env_remove("RUST_BACKTRACE");
    if !stage.is_empty() {
        cmd.env("WIRETRACE_TEST_PANIC", format!("{stage}:{MARKER}"));
    }
    let out = cmd.output().expect("wiretrace runs");
    Run {
        command: format!("{cmd:?}"),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Two bad articles that share a paragraph (`paragraph`) or only a long
/// sentence inside otherwise different paragraphs (`!paragraph`); the
/// first holds the marker.
fn bad_pair(dir: &Path, paragraph: bool) {
    let shared = "The inspectors said the northern sea wall had failed after years of neglect, and that \
                  nobody in the council had read their warnings before the storm arrived.";
    let (one, two) = if paragraph {
        (format!("{}\n\n{shared}", filler(40, 30)), format!("{shared}\n\n{}", filler(41, 30)))
    } else {
        (format!("{} {shared} {}", filler(40, 60), filler(42, 60)), format!("{} {shared}", filler(41, 90)))
    };
    write(dir, "corpus/bad/one.txt", format!("{MARKER}\n\n{one}"));
    write(dir, "corpus/bad/two.txt", two);
}

/// Whether a match links the two bad articles.
fn bad_pair_matched(report: &Value, passage: bool) -> bool {
    let matches = report["matches"].as_array().cloned().unwrap_or_default();
    matches.iter().any(|m| {
        m["a"]["id"] == "bad/one.txt" && m["b"]["id"] == "bad/two.txt" && m["passage"].is_null() != passage
    })
}

/// Runs the case of a panic in `stage`: the warning, the stderr line, exit
/// code 0, the good results unchanged; returns the report.
fn injected(stage: &str, doing: &str, left_out: &str, paragraph: bool) -> Value {
    let dir = scratch();
    let good = good_corpus(dir.path());
    bad_pair(dir.path(), paragraph);
    let clean: Value = serde_json::from_str(&scan(dir.path(), "").ok().stdout).expect("JSON");
    assert!(bad_pair_matched(&clean, !paragraph), "without the panic the bad pair is matched");
    let run = scan(dir.path(), stage);
    run.stderr_has("wiretrace: internal error at src/faults.rs").stderr_has("(a bug; please report it)");
    let message =
        format!("internal error while {doing} (a bug in wiretrace; please report it): injected test panic");
    let report = assert_only_warned(
        &format!("panic in {stage}"),
        &run,
        &good,
        &[Expect("corpus/bad/one.txt", At::File, &message)],
    );
    let warning = report["warnings"][0]["message"].as_str().unwrap_or("").to_string();
    assert!(warning.ends_with(left_out), "{warning}");
    report
}

#[test]
fn a_panic_while_reading_a_file_skips_the_rest_of_that_file() {
    let report = injected("read", "reading this file", "the rest of the file is skipped", true);
    assert!(!super::ids(&report).contains(&"bad/one.txt".to_string()));
}

#[test]
fn a_panic_while_sketching_leaves_that_article_out() {
    let report = injected("sketch", "sketching this article", "the article is left out", true);
    assert!(!super::ids(&report).contains(&"bad/one.txt".to_string()));
}

#[test]
fn a_panic_while_reading_again_leaves_that_articles_matches_out() {
    let report = injected("reread", "reading this article again", "its matches are left out", true);
    assert!(!bad_pair_matched(&report, false), "the pair's paragraph match is left out");
}

#[test]
fn a_panic_while_aligning_leaves_that_pairs_passages_out() {
    let report = injected(
        "align",
        "aligning this article with \"bad/two.txt\"",
        "the passages of the pair are left out",
        false,
    );
    assert!(!bad_pair_matched(&report, true), "the pair's passage is left out");
}
