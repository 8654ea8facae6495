//! `wiretrace clean` on corpora made by `../shared/tools/gen_corpus.py`
//! (300 articles with planted syndication, boilerplate and repeats) in each
//! of its formats: consistent, idempotent, inputs untouched, and the same
//! output for 1 and 4 threads. Skipped when `../shared` or `python3` is
//! absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::clean_check::{clean_twice, files};
use crate::util::{project_root, run_in, scratch};

/// The generator, if it and a Python 3 interpreter are here.
fn generator() -> Option<PathBuf> {
    let script = project_root().join("..").join("shared").join("tools").join("gen_corpus.py");
    let python = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    (script.exists() && python).then_some(script)
}

/// Generates 300 articles in `format` (plus `--gzip` if asked) under `dir/FORMAT`.
fn generate(script: &Path, dir: &Path, format: &str, gzip: bool) {
    let out = dir.join(format);
    let mut cmd = Command::new("python3");
    cmd.arg(script).args(["--articles", "300", "--format", format, "--out"]).arg(&out);
    if gzip {
        cmd.arg("--gzip");
    }
    let status = cmd.output().expect("python3 runs");
    assert!(status.status.success(), "gen_corpus failed: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn generated_corpora_in_every_format_clean_idempotently() {
    let Some(script) = generator() else {
        eprintln!("skipped: ../shared/tools/gen_corpus.py or python3 is absent");
        return;
    };
    let dir = scratch();
    let formats = [
        ("dir", false, "dir/corpus"),
        ("jsonl", false, "jsonl/corpus.jsonl"),
        ("csv", true, "csv/corpus.csv.gz"),
    ];
    // The three generators run side by side (each mostly trains its model).
    std::thread::scope(|s| {
        for (format, gzip, _) in formats {
            let (script, dir) = (&script, dir.path());
            s.spawn(move || generate(script, dir, format, gzip));
        }
    });
    for (format, _, input) in formats {
        let work = dir.path().join(format);
        let input = Path::new(input).strip_prefix(format).expect("below its format");
        let kinds = clean_twice(&work, &input.to_string_lossy(), &[]);
        for kind in ["repeat", "boilerplate", "near_duplicate"] {
            assert!(kinds.get(kind).copied().unwrap_or(0) > 0, "{format}: no {kind} removed: {kinds:?}");
        }
        eprintln!("{format}: {kinds:?}");
    }
    let work = dir.path().join("jsonl");
    let threads = |n: &str, out: &str| {
        run_in(&work, &["clean", "corpus.jsonl", "--out", out], &[("RAYON_NUM_THREADS", n)]).ok();
        files(&work.join(out))
    };
    assert!(threads("1", "t1") == threads("4", "t4"), "1 and 4 threads give the same bytes");
}
