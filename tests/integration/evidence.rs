//! Direction evidence as a reader sees it: which mentions of an outlet
//! count.

use crate::util::{run_in, scratch, write};

/// `words` made-up words, the same on every call with the same
/// `seed`.
fn prose(seed: u64, words: usize) -> String {
    let mut state = seed;
    let words: Vec<String> = (0..words)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            format!("w{}o", (state >> 33) % 5000)
        })
        .collect();
    format!("{}.", words.join(" "))
}

/// The JSON scan of two articles: `cnn.com`'s, whose second paragraph the
/// `nytimes.com` article also carries as its second paragraph (index 1),
/// and whose paragraph `at` names CNN as a source.
fn scan_with_cnn_named_at(at: usize) -> crate::schema::Report {
    let shared = prose(7, 60);
    let mut ny: Vec<String> = (0..8).map(|i| prose(100 + i, 40)).collect();
    ny[1] = shared.clone();
    ny[at] = format!("As CNN reported that month, {}", ny[at]);
    let cnn = [prose(1, 40), shared, prose(2, 40), prose(3, 40)].join("\n\n");
    let line = |id: &str, outlet: &str, text: &str| {
        serde_json::json!({"id": id, "outlet": outlet, "text": text}).to_string()
    };
    let jsonl =
        format!("{}\n{}\n", line("cnn", "cnn.com", &cnn), line("ny", "nytimes.com", &ny.join("\n\n")));
    let dir = scratch();
    write(dir.path(), "two.jsonl", jsonl);
    run_in(dir.path(), &["scan", "two.jsonl", "--format", "json"], &[]).ok().report()
}

#[test]
fn a_mention_far_from_the_shared_text_is_not_attribution() {
    for elsewhere in [2, 6] {
        let report = scan_with_cnn_named_at(elsewhere);
        let pair = report.pairs.first().expect("the two share a paragraph");
        assert!(pair.direction.evidence.iter().all(|e| e.signal != "attribution"), "{pair:#?}");
        assert_ne!(pair.direction.verdict, "a_to_b", "{pair:#?}");
    }
    let inside = scan_with_cnn_named_at(1);
    let pair = inside.pairs.first().expect("the two share a paragraph");
    assert_eq!(pair.direction.verdict, "a_to_b", "CNN named in the shared text: {pair:#?}");
    let e = pair.direction.evidence.iter().find(|e| e.signal == "attribution").expect("attribution");
    assert!(e.detail.contains("As CNN reported"), "{e:#?}");
}
