//! One paragraph carried by thousands of articles stays linear: one
//! cluster of all of them, and pairs verified, matches and article pairs
//! reported that grow with the number of copies, not with its square.

use wiretrace::Config;

use crate::util::{Rng, scratch, write};

/// What one scan of `copies` articles carrying one paragraph gave.
struct Counts {
    verified: usize,
    largest_cluster: usize,
    clusters: usize,
    matches: usize,
    pairs: usize,
    json_bytes: usize,
}

fn words(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let len = 3 + rng.below(7);
            (0..len).map(|_| (b'a' + rng.below(26) as u8) as char).collect()
        })
        .collect()
}

/// `copies` articles, each with two paragraphs of its own around the
/// shared one; one copy in four has a word of its own appended (a credit,
/// say), so the copies are not all alike: these versions are linked
/// through anchors rather than all with all. (Versions edited at the same
/// spot share band keys among themselves and are paired all with all while
/// their buckets are small; see `lsh::ALL_PAIRS_BUCKET`.)
fn scan_copies(copies: usize) -> Counts {
    let mut rng = Rng(copies as u64);
    let shared = words(&mut rng, 60);
    let mut lines = String::new();
    for i in 0..copies {
        let mut carried = shared.clone();
        if i % 4 == 3 {
            carried.push(format!("credit{i}"));
        }
        let text = [words(&mut rng, 40).join(" "), carried.join(" "), words(&mut rng, 40).join(" ")];
        let record = serde_json::json!({"id": format!("a{i:06}"), "text": text.join("\n\n")});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    let dir = scratch();
    let path = write(dir.path(), "copies.jsonl", lines);
    let config = Config { passages: false, ..Config::new(vec![path]) };
    let scan = wiretrace::scan(&config).expect("scan runs");
    let report = wiretrace::report::build(&scan);
    Counts {
        verified: scan.candidates,
        largest_cluster: scan.clusters.iter().map(|c| c.members.len()).max().unwrap_or(0),
        clusters: scan.clusters.len(),
        matches: report.matches.len(),
        pairs: report.pairs.len(),
        json_bytes: serde_json::to_string(&report).expect("report serializes").len(),
    }
}

#[test]
fn a_paragraph_in_thousands_of_articles_is_one_cluster_in_linear_work() {
    let (n, small) = (1_200, scan_copies(1_200));
    let (m, large) = (2_400, scan_copies(2_400));
    // Each copy is paired with the first identical copy and, when it is a
    // version of its own, with a few anchor versions per LSH band (the same
    // anchors in most bands): a small number per copy, where all pairs
    // would be (copies - 1) / 2 per copy.
    let per_copy = 2 * (1 + wiretrace::lsh::ANCHORS);
    for (copies, c) in [(n, &small), (m, &large)] {
        assert_eq!(c.clusters, 1, "{copies} copies");
        assert_eq!(c.largest_cluster, copies, "every copy is in the cluster");
        // All pairs would be copies²/2 = 720,000 and 2,880,000.
        assert!(c.verified <= per_copy * copies, "{copies} copies: {} pairs verified", c.verified);
        assert!(c.matches <= 2 * copies, "{copies} copies: {} matches reported", c.matches);
        assert!(c.pairs <= 2 * copies, "{copies} copies: {} article pairs reported", c.pairs);
    }
    let ratio = |f: fn(&Counts) -> usize| f(&large) as f64 / f(&small) as f64;
    for (what, r) in [
        ("pairs verified", ratio(|c| c.verified)),
        ("matches", ratio(|c| c.matches)),
        ("article pairs", ratio(|c| c.pairs)),
        ("JSON bytes", ratio(|c| c.json_bytes)),
    ] {
        assert!(r < 2.3, "doubling the copies multiplied {what} by {r:.2}");
    }
}
