//! The HTML report in a real browser: Debian's chromium, headless, renders
//! the report of `corpus/` (its script run), and the DOM it dumps must hold
//! the highlighted passages and the verdicts; a screenshot is saved to
//! `target/report-corpus.png` for a human to look at.
//!
//! Without chromium the tests print a note and pass, unless `CI` is set:
//! `.ci/run` installs chromium, so there a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{project_root, run, scratch, write};

/// Longest a browser run may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The chromium binary, or `None` (after a note) when it is absent and
/// `CI` is not set.
fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join("chromium")).collect::<Vec<_>>())
        .unwrap_or_default();
    let found = std::iter::once(fixed).chain(on_path).find(|p| p.is_file());
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI is set but chromium is not installed");
        eprintln!("note: chromium not found (/usr/bin/chromium or PATH); browser test skipped");
    }
    found
}

/// Runs headless chromium on `page` with `extra` flags and a fresh profile;
/// returns its stdout.
fn headless(browser: &Path, page: &Path, extra: &[&str]) -> String {
    let profile = scratch();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("chromium starts");
    let started = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("chromium took more than {TIMEOUT:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The HTML report of `corpus/`, written to a file in `dir`.
fn corpus_page(dir: &Path) -> PathBuf {
    let html = run(&["scan", "corpus", "--format", "html"]);
    write(dir, "report.html", &html.ok().stdout)
}

/// The text of every `<mark>` element of `dom` with its opening tag
/// (marks do not nest; tags inside are dropped, entities decoded).
fn marks(dom: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find("<mark ") {
        let after = &rest[at..];
        let open_end = after.find('>').expect("tag ends");
        let close = after.find("</mark>").expect("mark closes");
        found.push((after[..open_end].to_string(), text_of(&after[open_end + 1..close])));
        rest = &after[close..];
    }
    found
}

/// `html` without tags, with the entities chromium writes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

#[test]
fn rendered_report_shows_highlighted_passages_and_verdicts() {
    let Some(browser) = chromium() else { return };
    let dir = scratch();
    let page = corpus_page(dir.path());
    let dom = headless(&browser, &page, &["--dump-dom"]);
    assert!(dom.contains("<body data-js=\"ready\">"), "the page's script ran:\n{dom}");
    assert!(dom.contains("shared passages highlighted"), "the script counted the highlights");
    let marks = marks(&dom);
    let kelly = marks.iter().find(|(tag, text)| {
        tag.contains("k-quote") && text.contains("Anna Kelly") && text.contains("bring both sides together")
    });
    assert!(kelly.is_some(), "the Anna Kelly quote is highlighted as a quote: {marks:#?}");
    let boiler = marks.iter().find(|(tag, text)| {
        tag.contains("k-boilerplate") && text.contains("MENAFN provides the information")
    });
    assert!(boiler.is_some(), "the MENAFN disclaimer is highlighted as boilerplate");
    let text = text_of(&dom);
    assert!(text.contains("both take from a common source, Financial Times, not from each other"));
    assert!(text.contains("000_d0fcdb308f540440.txt ↔ 004_ee964b3aa23745c2.txt"));
    assert!(text.contains("no copying: they share only boilerplate"), "000/004 share only boilerplate");
}

#[test]
fn screenshot_of_the_corpus_report() {
    let Some(browser) = chromium() else { return };
    let dir = scratch();
    let page = corpus_page(dir.path());
    let target = project_root().join("target");
    std::fs::create_dir_all(&target).expect("target/ exists or can be made");
    let png = target.join("report-corpus.png");
    let _ = std::fs::remove_file(&png);
    let shot = format!("--screenshot={}", png.display());
    headless(&browser, &page, &[&shot, "--window-size=1400,2400"]);
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(bytes.len() > 50_000, "a blank page compresses far smaller: {} bytes", bytes.len());
    eprintln!("screenshot: {}", png.display());
}
