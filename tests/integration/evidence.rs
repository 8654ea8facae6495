//! Direction evidence as a reader sees it: which mentions of an outlet
//! count, and how the evidence is written in the text and HTML reports.

use crate::util::{Words, run, run_in, scratch, write};

/// `words` made-up words, the same on every call with the same
/// `seed`.
fn prose(seed: u64, words: usize) -> String {
    Words(seed).paragraph(words)
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

#[test]
fn every_source_claimed_shows_with_its_context() {
    let text = run(&["scan", "corpus"]).ok().stdout.clone();
    let claims: Vec<&str> = text.lines().filter(|l| l.contains("· both name ")).collect();
    assert!(!claims.is_empty(), "{text}");
    for line in claims {
        let (claim, shown) = line.split_once(" as a source").expect("a claim");
        let names = claim.split("both name ").nth(1).unwrap_or_default();
        for name in names.split(", ") {
            assert!(shown.contains(&format!("{name}: \u{201c}")), "{name} not shown in: {line}");
        }
        assert!(!line.contains("\\\""), "Rust escapes in: {line}");
    }
}

#[test]
fn evidence_against_the_verdict_is_marked_in_text_and_html() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let text = run(&["scan", "corpus"]).ok().stdout.clone();
    let html = run(&["scan", "corpus", "--format", "html"]).ok().stdout.clone();
    let mut against = 0;
    for p in &report.pairs {
        for e in p.direction.evidence.iter().take(3) {
            // `a_to_b` is backed by `a`, `b_to_a` by `b`, `common_source` by `common`.
            let backing = p.direction.verdict.split('_').next().unwrap_or_default();
            let opposed = p.direction.verdict != "undetermined" && e.favours != backing;
            against += usize::from(opposed);
            let line = text.lines().find(|l| l.contains(&e.detail)).expect("evidence line");
            assert_eq!(line.trim_start().starts_with("· against (points to "), opposed, "{line}\n{p:#?}");
            let way = match e.favours.as_str() {
                "a" => format!("points to {} as the source", p.ids[0]),
                "b" => format!("points to {} as the source", p.ids[1]),
                _ => "points to a common source".to_string(),
            };
            assert!(!opposed || line.contains(&way), "{line} says it {way}");
        }
    }
    assert!(against > 0, "corpus/ has evidence against its verdicts");
    assert_eq!(html.matches("Against the verdict:</span>").count(), against);
}

#[test]
fn html_evidence_reads_as_a_sentence() {
    let html = run(&["scan", "corpus", "--format", "html"]).ok().stdout.clone();
    let items: Vec<&str> = html
        .split("<details open class=\"evidence\">")
        .skip(1)
        .flat_map(|d| d.split("</details>").next().unwrap_or_default().split("<li").skip(1))
        .collect();
    assert!(!items.is_empty());
    for li in items {
        let plain: String = li.split('>').skip(1).map(|s| s.split('<').next().unwrap_or_default()).collect();
        let plain = plain.trim_start_matches("Against the verdict: ");
        let (signal, rest) = plain.split_once(" (weight ").expect("signal and weight");
        assert!(signal.starts_with(char::is_uppercase), "{plain}");
        let says = rest.split_once(") says ").map(|(_, s)| s).unwrap_or_default();
        let (clause, _) = says.split_once(": ").unwrap_or_default();
        assert!(
            clause.ends_with(" is the source") || clause == "both take from a common source",
            "not a sentence: {plain}"
        );
    }
}
