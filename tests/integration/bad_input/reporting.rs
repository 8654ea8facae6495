//! How warnings reach the user: `--strict` makes them fatal, a missing path
//! is exit code 2, the text report lists them as `path:line: message`, and
//! stderr counts them when the report goes elsewhere.

use super::*;

#[test]
fn strict_makes_a_warning_fatal_but_still_prints_the_report() {
    let dir = scratch();
    good_pair(dir.path());
    write(dir.path(), "corpus/empty.txt", "");
    let run = run_in(dir.path(), &["scan", "corpus", "--format", "json", "--strict"], &[]);
    run.expect_code(1).stderr_has("--strict");
    let report = run.report();
    assert_good_match(&report);
    warning(&report, "empty.txt", None, "empty");

    let text = run_in(dir.path(), &["scan", "corpus", "--strict"], &[]);
    text.expect_code(1).stdout_has("corpus/empty.txt: empty file");
}

#[test]
fn strict_without_warnings_succeeds() {
    let dir = scratch();
    good_pair(dir.path());
    let run = run_in(dir.path(), &["scan", "corpus", "--format", "json", "--strict"], &[]);
    let report = run.ok().report();
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    assert_good_match(&report);
    assert_eq!(run.stderr.lines().count(), 1, "only the summary on stderr: {:?}", run.stderr);
    run.stderr_has("no warnings");
}

#[test]
fn nonexistent_path_is_an_error_with_exit_code_2() {
    let dir = scratch();
    good_pair(dir.path());
    for args in [
        &["scan", "missing/nowhere.txt"][..],
        &["scan", "corpus", "missing/nowhere.txt", "--format", "json"][..],
    ] {
        let run = run_in(dir.path(), args, &[]);
        run.expect_code(2).stderr_has("missing/nowhere.txt");
        assert!(run.stdout.is_empty(), "no report: {:?}", run.stdout);
    }
}

#[test]
fn text_report_lists_warnings_as_path_line_message() {
    let dir = scratch();
    good_pair(dir.path());
    write(dir.path(), "corpus/export.jsonl", format!("{}\n{{broken\n", json!({"id": "j1", "text": PARA_A})));
    let json = scan_corpus(dir.path());
    let w = warning(&json, "export.jsonl", Some(2), "invalid JSON");
    let run = run_in(dir.path(), &["scan", "corpus"], &[]);
    let stdout = &run.ok().stdout;
    let heading = stdout.find("1 warning(s):").expect("a warnings section");
    let line = format!("corpus/export.jsonl:2: {}", w.message);
    let at = stdout.find(&line).unwrap_or_else(|| panic!("no {line:?} in:\n{stdout}"));
    assert!(at > heading, "the warning is listed under the heading");
}

#[test]
fn warnings_are_counted_on_stderr_when_the_report_goes_elsewhere() {
    let dir = scratch();
    write(dir.path(), "good.txt", PARA_A);
    write(dir.path(), "blob.txt", b"\x7fELF\0\0\0binary");
    let run = run_in(dir.path(), &["scan", ".", "--format", "json"], &[]);
    run.ok().stderr_has("1 input warning, listed in the report");
    let clean = run_in(dir.path(), &["scan", "good.txt", "--format", "json"], &[]);
    clean.ok().stderr_has("no warnings");
    assert!(!clean.stderr.contains("input warning"), "no warning, none counted: {}", clean.stderr);
}
