//! `wiretrace pan` on the 20-pair PAN 2013 sample (skipped when `../shared`
//! is absent): well-formed detections with character offsets inside the
//! documents, every verbatim case found on both sides, nothing on the
//! negative pairs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{project_root, run_in, scratch, shared_data, write};

/// The attributes of every `<feature …/>` of an XML file.
fn features(xml: &str) -> Vec<BTreeMap<String, String>> {
    xml.split("<feature ")
        .skip(1)
        .map(|f| {
            let body = &f[..f.find("/>").expect("feature element closes")];
            body.split('"')
                .collect::<Vec<_>>()
                .chunks(2)
                .filter(|kv| kv.len() == 2)
                .map(|kv| (kv[0].trim().trim_end_matches('=').to_string(), kv[1].to_string()))
                .collect()
        })
        .collect()
}

fn num(f: &BTreeMap<String, String>, key: &str) -> usize {
    f[key].parse().expect("numeric attribute")
}

fn chars(path: &Path) -> usize {
    String::from_utf8_lossy(&std::fs::read(path).expect("document")).chars().count()
}

#[test]
fn pan_sample_detections_are_well_formed_and_find_verbatim_cases() {
    let Some(sample) = shared_data("pan13/sample") else {
        eprintln!("skipped: ../shared/data/pan13/sample is not present");
        return;
    };
    let out = scratch();
    let s = |p: &str| sample.join(p).to_string_lossy().into_owned();
    let o = out.path().to_string_lossy().into_owned();
    let args = ["pan", "--pairs", &s("pairs"), "--src", &s("src"), "--susp", &s("susp"), "--out", &o];
    run_in(&project_root(), &args, &[]).ok().stderr_has("20 pair(s) aligned");
    for folder in ["01-no-plagiarism", "02-no-obfuscation", "03-random-obfuscation"] {
        let pairs = std::fs::read_to_string(sample.join(folder).join("pairs")).expect("folder pairs");
        for line in pairs.lines().filter(|l| !l.trim().is_empty()) {
            let (susp, src) = line.split_once(' ').expect("two names");
            let stem = |n: &str| n.trim_end_matches(".txt").to_string();
            let name = format!("{}-{}.xml", stem(susp), stem(src.trim()));
            let detections =
                features(&std::fs::read_to_string(out.path().join(&name)).expect("detection file"));
            let gold =
                features(&std::fs::read_to_string(sample.join(folder).join(&name)).expect("gold file"));
            let (susp_len, src_len) =
                (chars(&sample.join("susp").join(susp)), chars(&sample.join("src").join(src.trim())));
            for d in &detections {
                assert!(num(d, "this_offset") + num(d, "this_length") <= susp_len, "{name}: {d:?}");
                assert!(num(d, "source_offset") + num(d, "source_length") <= src_len, "{name}: {d:?}");
            }
            if folder == "01-no-plagiarism" {
                assert!(detections.is_empty(), "{name}: negative pair with detections {detections:?}");
            }
            if folder != "02-no-obfuscation" {
                continue;
            }
            for g in gold.iter().filter(|g| g.get("name").map(String::as_str) == Some("plagiarism")) {
                let overlaps = |off: &str, len: &str, d: &BTreeMap<String, String>| {
                    num(d, off) < num(g, off) + num(g, len) && num(g, off) < num(d, off) + num(d, len)
                };
                let found = detections.iter().any(|d| {
                    overlaps("this_offset", "this_length", d) && overlaps("source_offset", "source_length", d)
                });
                assert!(found, "{name}: verbatim case {g:?} not found in {detections:?}");
            }
        }
    }
}

#[test]
fn pairs_naming_paths_are_skipped_and_nothing_is_written_outside_out() {
    let dir = scratch();
    let d = dir.path();
    let text = "The harbour authority confirmed on Monday that the northern pier will close for repairs.";
    for rel in ["src/s.txt", "susp/ok.txt", "sub/evil.txt", "susp/evil.txt"] {
        write(d, rel, text);
    }
    write(d, "pairs", "../sub/evil.txt s.txt\nok.txt s.txt\nevil.txt ../src/s.txt\n");
    let args = ["pan", "--pairs", "pairs", "--src", "src", "--susp", "susp", "--out", "out"];
    let run = run_in(d, &args, &[]);
    run.ok().stderr_has("1 pair(s) aligned");
    run.stderr_has("pairs:1: \"../sub/evil.txt\" is not a plain file name");
    run.stderr_has("pairs:3: \"../src/s.txt\" is not a plain file name");
    assert!(d.join("out/ok-s.xml").is_file(), "the plain pair is written");
    let written: Vec<String> = walk(d).into_iter().filter(|p| p.ends_with(".xml")).collect();
    assert_eq!(written, ["out/ok-s.xml"], "no detection file outside --out");
}

/// Every file under `dir`, relative, sorted.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("below").to_string_lossy().replace('\\', "/");
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}
