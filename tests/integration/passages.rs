//! Shared passages: planted passages with random edits are found with
//! their spans, unrelated texts give none, and a stock phrase in thousands
//! of articles does not make the candidate step quadratic.

use wiretrace::align::{AlignParams, align};
use wiretrace::segment::Span;

use crate::util::{Rng, run_in, scratch, write};

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    (0..3000).map(|_| (0..3 + rng.below(7)).map(|_| (b'a' + rng.below(26) as u8) as char).collect()).collect()
}

fn sentence(rng: &mut Rng, vocab: &[String]) -> Vec<String> {
    (0..8 + rng.below(12)).map(|_| vocab[rng.below(vocab.len())].clone()).collect()
}

fn text(sentences: &[Vec<String>]) -> String {
    sentences.iter().map(|s| format!("{}.", s.join(" "))).collect::<Vec<_>>().join(" ")
}

/// Edit rate per word, for each of substitution, deletion and insertion:
/// the documented tolerance of the property below.
const EDIT_RATE: f64 = 0.05;

/// Each word substituted, deleted or followed by an insertion with
/// probability `EDIT_RATE` each.
fn edit(words: &[String], vocab: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        if rng.chance(EDIT_RATE) {
            continue;
        }
        out.push(if rng.chance(EDIT_RATE) { vocab[rng.below(vocab.len())].clone() } else { w.clone() });
        if rng.chance(EDIT_RATE) {
            out.push(vocab[rng.below(vocab.len())].clone());
        }
    }
    out
}

fn covered(found: Span, truth: Span) -> f64 {
    let overlap = found.end.min(truth.end).saturating_sub(found.start.max(truth.start));
    overlap as f64 / (truth.end - truth.start) as f64
}

/// One case: a passage of 1-4 sentences of text a, edited, planted in text
/// b among unrelated sentences. Returns whether a found passage covers at
/// least 90% of the planted span on both sides.
fn planted_case(seed: u64, params: &AlignParams) -> bool {
    let mut rng = Rng(seed);
    let vocab = vocabulary(&mut rng);
    let sents = |n: usize, rng: &mut Rng| (0..n).map(|_| sentence(rng, &vocab)).collect::<Vec<_>>();
    let (before_a, passage, after_a) =
        (sents(1 + rng.below(5), &mut rng), sents(1 + rng.below(4), &mut rng), sents(rng.below(5), &mut rng));
    let (before_b, after_b) = (sents(1 + rng.below(5), &mut rng), sents(rng.below(5), &mut rng));
    let copy: Vec<Vec<String>> = passage.iter().map(|s| edit(s, &vocab, &mut rng)).collect();
    let a = format!("{} {} {}", text(&before_a), text(&passage), text(&after_a));
    let b = format!("{} {} {}", text(&before_b), text(&copy), text(&after_b));
    let truth_a =
        Span { start: text(&before_a).len() + 1, end: text(&before_a).len() + 1 + text(&passage).len() };
    let truth_b =
        Span { start: text(&before_b).len() + 1, end: text(&before_b).len() + 1 + text(&copy).len() };
    align(&a, &b, params).iter().any(|p| covered(p.a, truth_a) >= 0.9 && covered(p.b, truth_b) >= 0.9)
}

#[test]
fn planted_passages_are_found_and_unrelated_texts_give_none() {
    let params = wiretrace::Config::new(Vec::new()).align;
    let cases = 300u64;
    let found = (0..cases).filter(|&s| planted_case(s * 104_729 + 7, &params)).count();
    eprintln!("planted passages found with >= 90% span overlap: {found} of {cases}");
    assert!(found as f64 >= 0.95 * cases as f64, "{found} of {cases}");

    let mut rng = Rng(99);
    let vocab = vocabulary(&mut rng);
    for _ in 0..200 {
        let a = text(&(0..6).map(|_| sentence(&mut rng, &vocab)).collect::<Vec<_>>());
        let b = text(&(0..6).map(|_| sentence(&mut rng, &vocab)).collect::<Vec<_>>());
        let found = align(&a, &b, &params);
        assert!(found.is_empty(), "unrelated texts gave {found:?}");
    }
}

#[test]
fn a_stock_phrase_in_thousands_of_articles_keeps_candidates_linear() {
    let mut rng = Rng(5);
    let vocab = vocabulary(&mut rng);
    let stock = "the views expressed in this article are those of the author alone and do not reflect policy";
    let n = 3000;
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let words = |rng: &mut Rng| {
                (0..40).map(|_| vocab[rng.below(vocab.len())].as_str()).collect::<Vec<_>>().join(" ")
            };
            let body = format!("{} {stock} {}.", words(&mut rng), words(&mut rng));
            serde_json::json!({ "id": i, "text": body }).to_string()
        })
        .collect();
    let dir = scratch();
    write(dir.path(), "stock.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "stock.jsonl", "--format", "json"], &[]).ok().report();
    let pairs = report.summary.passage_candidate_pairs;
    eprintln!(
        "{n} articles sharing a stock phrase: {pairs} candidate pairs, {} stock fingerprints dropped",
        report.summary.stock_phrases_dropped
    );
    assert!(report.summary.stock_phrases_dropped >= 1);
    assert!(
        pairs <= n,
        "{pairs} candidate pairs for {n} articles: not linear (all pairs would be {})",
        n * (n - 1) / 2
    );
}

/// A run that builds no report (`clean`, `--format pairs`) keeps no passage
/// texts, only their word counts and kept words, which are those of the
/// texts a report run keeps.
#[test]
fn passages_keep_their_texts_only_for_a_report() {
    let root = crate::util::project_root().join("corpus");
    let with = wiretrace::Config::new(vec![root.clone()]);
    let without = wiretrace::Config { excerpts: false, ..wiretrace::Config::new(vec![root]) };
    let (full, bare) = (wiretrace::scan(&with).expect("scan"), wiretrace::scan(&without).expect("scan"));
    assert!(!full.passages.is_empty(), "the bundled corpus shares passages (quotes)");
    assert_eq!(full.passages.len(), bare.passages.len());
    for (f, b) in full.passages.iter().zip(&bare.passages) {
        assert_eq!((f.a_article, f.b_article, f.a, f.b), (b.a_article, b.b_article, b.a, b.b));
        assert_eq!((f.words, f.kept), (b.words, b.kept));
        assert!(b.text.is_none());
        let text = f.text.as_ref().expect("a report run keeps the texts");
        let count = |t: &str| wiretrace::diff::word_count(t) as u32;
        assert_eq!(f.words, [count(&text[0]), count(&text[1])]);
        assert_eq!(f.kept, wiretrace::diff::diff(&text[0], &text[1]).map(|d| d.kept as u32));
    }
}

/// Toy corpora of two short articles quoting the same 14-word sentence in
/// different surroundings: the scan finds the quote in every one. With
/// fingerprints sampled "0 mod 4", about one in five such pairs had fewer
/// than the two shared fingerprints a pair needs, and the scan said only
/// that no paragraph matched.
#[test]
fn a_quote_two_short_articles_share_is_always_found() {
    let mut rng = Rng(14);
    let vocab = vocabulary(&mut rng);
    let pick =
        |n: usize, rng: &mut Rng| (0..n).map(|_| vocab[rng.below(vocab.len())].clone()).collect::<Vec<_>>();
    let lines: Vec<String> = (0..40)
        .flat_map(|case| {
            let quote = pick(14, &mut rng).join(" ");
            // Paragraphs long enough around the quote that they do not
            // match as paragraphs (Jaccard about 0.2): only the passage
            // search can find it.
            let a = format!(
                "{}.\n\n{} \"{quote},\" {} said.",
                pick(8, &mut rng).join(" "),
                pick(12, &mut rng).join(" "),
                pick(10, &mut rng).join(" ")
            );
            let b = format!(
                "{}: \"{quote}.\" {}.\n\n{}.",
                pick(6, &mut rng).join(" "),
                pick(14, &mut rng).join(" "),
                pick(9, &mut rng).join(" ")
            );
            [(format!("{case}a"), a), (format!("{case}b"), b)]
        })
        .map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string())
        .collect();
    let dir = scratch();
    write(dir.path(), "toy.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "toy.jsonl", "--format", "json"], &[]).ok().report();
    let mut found: Vec<String> = report
        .pairs
        .iter()
        .filter(|p| p.ids[0].trim_end_matches('a') == p.ids[1].trim_end_matches('b'))
        .map(|p| p.ids[0].clone())
        .collect();
    found.dedup();
    assert_eq!(found.len(), 40, "quotes found in {} of 40 toy pairs: {found:?}", found.len());
}
