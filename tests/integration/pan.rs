//! `wiretrace pan` on the 20-pair PAN 2013 sample (skipped when `../shared`
//! is absent): well-formed detections with character offsets inside the
//! documents, every verbatim case found on both sides, nothing on the
//! negative pairs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{project_root, run_in, scratch, shared_data};

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
