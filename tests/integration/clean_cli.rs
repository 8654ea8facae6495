//! `wiretrace clean` as a command: the bundled corpus, refusals, atomic
//! writes under interruption, and determinism.

use std::path::Path;

use crate::clean_check::{articles, check_consistent, clean, clean_twice, files, log};
use crate::util::{project_root, run_in, scratch, write};

/// Copies the bundled corpus into `dir/corpus`.
fn bundled(dir: &Path) {
    for entry in std::fs::read_dir(project_root().join("corpus")).expect("corpus/") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("named").to_string_lossy().into_owned();
        write(dir, &format!("corpus/{name}"), std::fs::read(&path).expect("readable"));
    }
}

#[test]
fn the_bundled_corpus_loses_its_repeats_and_menafn_disclaimer_once() {
    let dir = scratch();
    bundled(dir.path());
    let kinds = clean_twice(dir.path(), "corpus", &[]);
    assert_eq!(kinds.get("repeat"), Some(&2), "{kinds:?}");
    assert_eq!(kinds.get("boilerplate"), Some(&2), "{kinds:?}");
    assert_eq!(kinds.get("near_duplicate"), None, "{kinds:?}");
    let entries = log(&dir.path().join("out1"));
    let block =
        entries.iter().find(|e| e.article.starts_with("004") && e.kind == "repeat").expect("004's block");
    assert_eq!(block.paragraphs, Some([11, 16]), "the second copy of the six paragraphs goes");
    assert_eq!((block.copy.paragraphs, block.copy.kept), (Some([5, 10]), true), "the first stays");
    assert_eq!((block.text_start, block.copy.start, block.copy.end), (2299, 547, 2298));
    let disclaimers: Vec<&str> =
        entries.iter().filter(|e| e.kind == "boilerplate").map(|e| &e.article[..3]).collect();
    assert_eq!(disclaimers, ["000", "004"], "every copy of the disclaimer goes");
    let title = entries.iter().find(|e| e.article.starts_with("002")).expect("002's title");
    assert_eq!((title.kind.as_str(), title.copy.paragraphs), ("repeat", Some([1, 1])));
}

#[test]
fn out_inside_an_input_is_refused_and_nothing_is_written() {
    let dir = scratch();
    bundled(dir.path());
    write(dir.path(), "data.jsonl", "{\"text\": \"One article.\"}\n");
    write(dir.path(), "full/x.txt", "not empty");
    let before = files(dir.path());
    for (input, out, message) in [
        ("corpus", "corpus/clean", "is inside the input corpus"),
        ("corpus", "corpus", "is inside the input corpus"),
        ("corpus", "corpus/../corpus/x", "is inside the input corpus"),
        ("data.jsonl", "data.jsonl", "is inside the input data.jsonl"),
        ("corpus", "full", "is not empty"),
    ] {
        let run = clean(dir.path(), input, out, &[]);
        run.expect_code(2).stderr_has(message);
        assert!(files(dir.path()) == before, "{input} --out {out} wrote something");
    }
    clean(dir.path(), "missing", "o", &[]).expect_code(2).stderr_has("missing");
}

#[cfg(unix)]
#[test]
fn out_that_is_a_dangling_symbolic_link_is_refused_up_front() {
    let dir = scratch();
    bundled(dir.path());
    std::os::unix::fs::symlink("corpus/newsub", dir.path().join("dangling")).expect("link");
    let before = files(dir.path());
    clean(dir.path(), "corpus", "dangling", &[]).expect_code(2).stderr_has("is a dangling symbolic link");
    assert!(files(dir.path()) == before, "nothing written");
}

#[test]
fn an_interrupted_run_leaves_no_partial_file_under_a_final_name() {
    let dir = scratch();
    for i in 0..12 {
        let own = crate::clean::para(200 + i, 40);
        let body = format!("{own}\n\n{}\n\n{own}\n", crate::util::PARA_A);
        write(dir.path(), &format!("in/s{i:02}.txt"), body);
    }
    clean(dir.path(), "in", "full", &[]).ok();
    let complete = files(&dir.path().join("full"));
    for after in ["0", "3", "7"] {
        let out = format!("cut{after}");
        let run = run_in(
            dir.path(),
            &["clean", "in", "--out", &out, "--fail-after-files", after],
            &[("RAYON_NUM_THREADS", "1")],
        );
        run.expect_code(1).stderr_has("interrupted by the test hook");
        let written = files(&dir.path().join(&out));
        assert!(!written.contains_key("removed.jsonl"), "the log comes last");
        assert_eq!(written.len(), after.parse::<usize>().unwrap_or(0), "{:?}", written.keys());
        for (path, bytes) in &written {
            assert_eq!(Some(bytes), complete.get(path), "{path} is complete under its final name");
        }
    }
}

#[test]
fn output_is_the_same_for_any_thread_count_and_file_order() {
    let texts: Vec<(String, String)> = (0..16)
        .map(|i| {
            let body = match i % 4 {
                0 => format!("Headline {i}\n\n{}\n\n{}\n", crate::util::PARA_A, crate::util::PARA_B),
                1 => format!("{}\n\nOnly story {i} says this, in words of its own.\n", crate::util::PARA_B),
                2 => {
                    format!("{}\n\n{}\n\n{}\n", crate::util::PARA_A, crate::util::PARA_B, crate::util::PARA_A)
                }
                _ => format!("Unrelated story {i} about the weather in the hills and nothing else.\n"),
            };
            (format!("in/outlet{}/story{i:02}.txt", i % 3), body)
        })
        .collect();
    let (forward, backward) = (scratch(), scratch());
    for (name, body) in &texts {
        write(forward.path(), name, body);
    }
    for (name, body) in texts.iter().rev() {
        write(backward.path(), name, body);
    }
    let run = |dir: &Path, out: &str, threads: &str| {
        run_in(dir, &["clean", "in", "--out", out], &[("RAYON_NUM_THREADS", threads)]).ok();
        files(&dir.join(out))
    };
    let one = run(forward.path(), "one", "1");
    assert!(log(&forward.path().join("one")).len() >= 4, "the fixture removes text");
    assert!(one == run(forward.path(), "four", "4"), "1 vs 4 threads");
    assert!(one == run(backward.path(), "back", "4"), "files created in the other order");
    check_consistent(
        &articles(&forward.path().join("in")),
        &articles(&forward.path().join("one/in")),
        &log(&forward.path().join("one")),
    );
}

#[test]
fn records_and_articles_past_the_read_limits_are_copied_as_they_are() {
    use wiretrace::input::{MAX_ARTICLE_BYTES, MAX_RECORD_BYTES};
    let dir = scratch();
    let own = crate::clean::para(300, 30);
    let repeated = format!("{own}\n\n{}\n\n{own}", crate::util::PARA_B);
    let big_text = format!("{repeated}\n\n{}", "filler words here. ".repeat(MAX_ARTICLE_BYTES / 19 + 10));
    let huge_line = format!("{{\"text\": \"{}\"}}\n", "y".repeat(MAX_RECORD_BYTES + 10));
    let line = |id: &str, text: &str| format!("{}\n", serde_json::json!({"id": id, "text": text}));
    let lines = [line("small", &repeated), huge_line, line("big", &big_text), line("last", "Short end.")];
    write(dir.path(), "in/x.jsonl", lines.concat());
    let run = clean(dir.path(), "in/x.jsonl", "out", &[]);
    run.ok().stderr_has("longer than the part of an article a scan reads");
    let out = std::fs::read_to_string(dir.path().join("out/x.jsonl")).expect("written");
    let kept: Vec<&str> = out.split_inclusive('\n').collect();
    assert_eq!(kept.len(), 4);
    assert_ne!(kept[0], lines[0], "the small article loses its repeat");
    assert_eq!(kept[1..], lines[1..], "the over-long line and the over-long article are copied as they are");

    let mut csv = format!("id,text\nsmall,\"{repeated}\"\nhuge,{}\n", "z ".repeat(MAX_RECORD_BYTES));
    let other = crate::clean::para(301, 30);
    csv.push_str(&format!("after,\"{other}\n\n{other}\"\n"));
    write(dir.path(), "in2/x.csv", &csv);
    clean(dir.path(), "in2/x.csv", "out2", &[]).ok();
    let out = std::fs::read_to_string(dir.path().join("out2/x.csv")).expect("written");
    let tail = &csv[csv.find("huge,").expect("huge")..];
    assert!(out.ends_with(tail), "a scan reads no further than an over-long record: the rest is copied");
    assert!(out.len() < csv.len(), "the first record loses its repeat");
}

/// `zcat dump.gz | wiretrace clean /dev/stdin --out o`: the stream is
/// cleaned like a file and its copy named after it (`o/stdin`), not after
/// the temporary file the scan read it from. It was refused (`/dev/stdin:
/// No such file or directory`, exit 2) and then written as `o/tmp/wiretrace-stream-…`.
#[cfg(unix)]
#[test]
fn a_piped_article_is_cleaned_into_a_file_named_after_the_stream() {
    let dir = scratch();
    let own = crate::clean::para(300, 40);
    let text = format!("{own}\n\n{}\n\n{own}\n", crate::util::PARA_A);
    let run = crate::util::run_piped(dir.path(), &["clean", "/dev/stdin", "--out", "o"], text.as_bytes());
    let stderr = &run.ok().stderr;
    let written = files(&dir.path().join("o"));
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    assert_eq!(names, ["removed.jsonl", "stdin"], "{stderr}");
    let expected = format!("{own}\n\n{}\n", crate::util::PARA_A);
    assert_eq!(String::from_utf8_lossy(&written["stdin"]), expected, "the repeat is gone");
    let entries = log(&dir.path().join("o"));
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!((entries[0].source.as_str(), entries[0].kind.as_str()), ("/dev/stdin", "repeat"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("o/stdin")).expect("written").permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "ordinary permissions, not the temporary copy's");
    }
}
