//! The progress line and the summary on stderr: a live line only when
//! stderr is a terminal, one summary line at the end, nothing with
//! `--quiet`. The terminal case runs the binary under a pseudo-terminal
//! made by util-linux `script` (skipped with a note when it is absent,
//! unless `CI` is set).

use std::process::Command;

use crate::util::{project_root, run, scratch};

/// Erase-line escape indicatif draws with; carriage return too.
fn drawn(stderr: &str) -> bool {
    stderr.contains("\u{1b}[") || stderr.contains('\r')
}

#[test]
fn without_a_terminal_stderr_is_one_summary_line() {
    let out = run(&["scan", "corpus", "--format", "json"]);
    out.ok();
    assert!(!drawn(&out.stderr), "no progress drawing when stderr is a pipe: {:?}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{:?}", out.stderr);
    let line = lines[0];
    for part in
        ["wiretrace: 5 articles", "articles/s", "3 clusters", "article pairs sharing text", "no warnings"]
    {
        assert!(line.contains(part), "summary lacks {part:?}: {line}");
    }
}

#[test]
fn quiet_prints_nothing_on_stderr() {
    let out = run(&["scan", "corpus", "--quiet"]);
    out.ok();
    assert_eq!(out.stderr, "", "--quiet: nothing on stderr");
    assert!(out.stdout.contains("Stories"), "the report is still written");
}

/// What `wiretrace ARGS` writes to a terminal standing for its stderr
/// (stdout goes to /dev/null), or `None` without `script`.
fn on_a_terminal(args: &str) -> Option<String> {
    let found = Command::new("script").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI is set but util-linux `script` is missing");
        eprintln!("note: `script` (util-linux) not found; terminal progress test skipped");
        return None;
    }
    let exe = env!("CARGO_BIN_EXE_wiretrace");
    let line = format!("'{exe}' {args} > /dev/null");
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(project_root())
        .output()
        .expect("script runs");
    assert!(out.status.success(), "{line}: {}", String::from_utf8_lossy(&out.stdout));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The article counts of the "reading: N articles" lines drawn, in order,
/// never decrease (threads finishing batches draw their totals in turn).
fn assert_counts_never_go_back(tty: &str) {
    let counts: Vec<u64> = tty
        .split("reading: ")
        .skip(1)
        .filter_map(|rest| rest.split(' ').next()?.replace(',', "").parse().ok())
        .collect();
    assert!(!counts.is_empty(), "counts drawn: {tty:?}");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "counts go back: {counts:?}");
}

#[test]
fn on_a_terminal_a_progress_line_is_drawn_then_cleared() {
    let Some(tty) = on_a_terminal("scan corpus") else { return };
    assert!(drawn(&tty), "a live line on a terminal: {tty:?}");
    assert!(tty.contains("articles/s"), "rates on the live line: {tty:?}");
    let last = tty.trim_end().rsplit(['\r', '\n']).next().unwrap_or_default();
    assert!(last.contains("wiretrace: 5 articles"), "the summary comes last, on a cleared line: {tty:?}");
    assert_counts_never_go_back(&tty);
    let quiet = on_a_terminal("scan corpus --quiet").unwrap_or_default();
    assert!(quiet.trim().is_empty(), "--quiet on a terminal: nothing: {quiet:?}");
}

#[test]
fn pairs_format_ends_with_a_summary_of_the_pairs_written() {
    let out = run(&["scan", "corpus", "--format", "pairs"]);
    out.ok();
    let written = out.stdout.lines().count();
    assert!(written > 0, "corpus has verified pairs");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{:?}", out.stderr);
    let expected = format!("{written} verified paragraph pairs written");
    assert!(lines[0].starts_with("wiretrace: 5 articles") && lines[0].contains(&expected), "{}", lines[0]);
    let quiet = run(&["scan", "corpus", "--format", "pairs", "-q"]);
    assert_eq!((quiet.stderr.as_str(), quiet.stdout.lines().count()), ("", written));
}

#[test]
fn clean_draws_progress_only_on_a_terminal_and_is_silent_with_quiet() {
    let dir = scratch();
    let out_dir = |name: &str| dir.path().join(name).display().to_string();
    let piped = run(&["clean", "corpus", "--dry-run", "--out", &out_dir("piped")]);
    piped.ok();
    assert!(!drawn(&piped.stderr), "no drawing into a pipe: {:?}", piped.stderr);
    let lines: Vec<&str> = piped.stderr.lines().collect();
    assert!(lines.len() == 1 && lines[0].starts_with("wiretrace clean: 5 article(s) read"), "{lines:?}");
    let bytes = lines[0].split(" bytes)").next().and_then(|h| h.rsplit(" (").next()).expect("a byte count");
    assert!(bytes.contains(',') && bytes.replace(',', "").parse::<u64>().is_ok(), "grouped: {lines:?}");
    let quiet = run(&["clean", "corpus", "--dry-run", "--quiet", "--out", &out_dir("quiet")]);
    quiet.ok();
    assert_eq!(quiet.stderr, "", "--quiet: nothing on stderr");
    assert!(dir.path().join("quiet/removed.jsonl").is_file(), "the log is still written");
    let Some(tty) = on_a_terminal(&format!("clean corpus --dry-run --out '{}'", out_dir("tty"))) else {
        return;
    };
    assert!(drawn(&tty) && tty.contains("articles/s"), "a live line on a terminal: {tty:?}");
    assert_counts_never_go_back(&tty);
    let last = tty.trim_end().rsplit(['\r', '\n']).next().unwrap_or_default();
    assert!(last.contains("wiretrace clean: 5 article(s) read"), "the summary comes last: {tty:?}");
}
