//! Pipeline pairs against a brute-force oracle on random corpora with
//! planted near-duplicates.
//!
//! The oracle shares no code with the pipeline's hashing: it splits each
//! paragraph into words, builds shingles as strings, and compares every
//! pair of paragraphs. Claims checked, pooled over many random cases:
//! - no reported pair is below the threshold (verification is exact);
//! - of the pairs whose exact Jaccard is at least threshold + 0.05, at least
//!   99% are reported, and the misses are no more than the band layout's
//!   false-negative probability predicts (expected + 3 sigma + 3).

use std::collections::{BTreeMap, HashSet};

use wiretrace::Config;
use wiretrace::lsh::LshParams;

use crate::util::{Rng, scratch, write};

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    (0..4000)
        .map(|_| {
            let len = 2 + rng.below(8);
            (0..len).map(|_| (b'a' + rng.below(26) as u8) as char).collect()
        })
        .collect()
}

/// A copy of `words` with each word substituted, deleted or followed by an
/// inserted word with probability `rate` each.
fn edit(words: &[String], rate: f64, vocab: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        if rng.chance(rate) {
            continue;
        }
        out.push(if rng.chance(rate) { vocab[rng.below(vocab.len())].clone() } else { w.clone() });
        if rng.chance(rate) {
            out.push(vocab[rng.below(vocab.len())].clone());
        }
    }
    out
}

/// Articles as lists of paragraphs (lists of words), with planted copies.
fn random_corpus(rng: &mut Rng, vocab: &[String], rates: &[f64]) -> Vec<Vec<Vec<String>>> {
    let mut articles: Vec<Vec<Vec<String>>> = Vec::new();
    for _ in 0..(6 + rng.below(10)) {
        let mut paragraphs = Vec::new();
        for _ in 0..(2 + rng.below(6)) {
            let planted = !articles.is_empty() && rng.chance(0.35);
            let para = if planted {
                let source = &articles[rng.below(articles.len())];
                let words = &source[rng.below(source.len())];
                edit(words, rates[rng.below(rates.len())], vocab, rng)
            } else if !paragraphs.is_empty() && rng.chance(0.08) {
                let words: &Vec<String> = &paragraphs[rng.below(paragraphs.len())];
                edit(words, 0.03, vocab, rng)
            } else {
                let len = [1, 3, 4, 12, 25, 40, 60, 80][rng.below(8)] + rng.below(5);
                (0..len).map(|_| vocab[rng.below(vocab.len())].clone()).collect()
            };
            if !para.is_empty() {
                paragraphs.push(para);
            }
        }
        if !paragraphs.is_empty() {
            articles.push(paragraphs);
        }
    }
    articles
}

/// The oracle's shingle set of a paragraph, as strings.
fn shingles(words: &[String], k: usize, min_words: usize) -> HashSet<String> {
    if words.len() < min_words {
        return HashSet::new();
    }
    if words.len() < k {
        return HashSet::from([words.join(" ")]);
    }
    words.windows(k).map(|w| w.join(" ")).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 { 0.0 } else { shared as f64 / union as f64 }
}

/// Paragraph key: (article file name, paragraph index).
type Key = (String, u32);

#[derive(Default)]
struct Tally {
    oracle_pairs: usize,
    /// Oracle pairs by Jaccard tenth (index 5: [0.5, 0.6), ...).
    by_tenth: [usize; 11],
    found: usize,
    expected_misses: f64,
    false_positives: Vec<String>,
}

fn run_case(seed: u64, threshold: f64, rates: &[f64], tally: &mut Tally) {
    let mut rng = Rng(seed);
    let vocab = vocabulary(&mut rng);
    let articles = random_corpus(&mut rng, &vocab, rates);
    let dir = scratch();
    let mut sets: BTreeMap<Key, HashSet<String>> = BTreeMap::new();
    for (i, paragraphs) in articles.iter().enumerate() {
        let name = format!("a{i:03}.txt");
        let text: Vec<String> = paragraphs.iter().map(|p| p.join(" ")).collect();
        write(dir.path(), &name, text.join("\n\n"));
        for (j, p) in paragraphs.iter().enumerate() {
            sets.insert((name.clone(), j as u32), shingles(p, 5, 3));
        }
    }
    let config = Config { threshold, ..Config::new(vec![dir.path().to_path_buf()]) };
    let scan = wiretrace::scan(&config).expect("scan runs");
    let key = |p: u32| {
        let r = scan.paragraphs[p as usize];
        (scan.articles[r.article as usize].meta.id.clone(), r.index)
    };
    let reported: HashSet<(Key, Key)> = scan.edges.iter().map(|e| (key(e.p), key(e.q))).collect();
    for (a, b) in &reported {
        let j = jaccard(&sets[a], &sets[b]);
        if j < threshold {
            tally.false_positives.push(format!("seed {seed}: {a:?} ~ {b:?} has Jaccard {j}"));
        }
    }
    let lsh = LshParams::for_threshold(threshold, config.permutations);
    let keys: Vec<&Key> = sets.keys().collect();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            let j = jaccard(&sets[*a], &sets[*b]);
            if j >= threshold + 0.05 {
                tally.oracle_pairs += 1;
                tally.by_tenth[(j * 10.0) as usize] += 1;
                tally.expected_misses += 1.0 - lsh.candidate_probability(j);
                if reported.contains(&((*a).clone(), (*b).clone())) {
                    tally.found += 1;
                }
            }
        }
    }
}

/// Runs `cases` random corpora whose planted copies are edited at one of
/// `rates` (per word, for each of substitution, deletion and insertion).
fn check(threshold: f64, cases: u64, rates: &[f64]) {
    let mut tally = Tally::default();
    for seed in 0..cases {
        run_case(seed * 7919 + 1, threshold, rates, &mut tally);
    }
    assert!(tally.false_positives.is_empty(), "pairs below threshold: {:#?}", tally.false_positives);
    assert!(tally.oracle_pairs >= 500, "too few planted pairs to judge: {}", tally.oracle_pairs);
    let misses = tally.oracle_pairs - tally.found;
    let recall = tally.found as f64 / tally.oracle_pairs as f64;
    let bound = tally.expected_misses + 3.0 * tally.expected_misses.sqrt() + 3.0;
    eprintln!(
        "threshold {threshold}: {} oracle pairs, {misses} missed (expected {:.2}), recall {recall:.4}",
        tally.oracle_pairs, tally.expected_misses
    );
    eprintln!("oracle pairs by Jaccard tenth: {:?}", tally.by_tenth);
    let edited = tally.by_tenth[..10].iter().sum::<usize>();
    assert!(edited >= 200, "too few edited pairs to judge recall: {:?}", tally.by_tenth);
    assert!(recall >= 0.99, "recall {recall} < 0.99");
    assert!((misses as f64) <= bound, "{misses} misses, the layout predicts {:.2}", tally.expected_misses);
}

#[test]
fn default_threshold_finds_what_the_oracle_finds() {
    check(wiretrace::config::DEFAULT_THRESHOLD, 220, &[0.0, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05]);
}

#[test]
fn high_threshold_finds_what_the_oracle_finds() {
    check(0.8, 160, &[0.0, 0.002, 0.004, 0.006, 0.008, 0.01]);
}
