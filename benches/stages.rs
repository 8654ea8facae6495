//! Throughput of the hot stages, in bytes of article text per second, on the
//! bundled `corpus/` (five articles, copied 20 times for the LSH bench so
//! that buckets hold many paragraphs, as in a real corpus).
//!
//! ```text
//! cargo bench --bench stages
//! ```
//!
//! End-to-end figures, against peers, are `scripts/bench.sh`'s
//! (docs/benchmarks.md).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use wiretrace::align::{AlignParams, align};
use wiretrace::lsh::{LshParams, candidate_pairs};
use wiretrace::minhash::{DEFAULT_PERMUTATIONS, MinHasher};
use wiretrace::normalize::{Token, Tokenizer};
use wiretrace::segment::{self, Span};
use wiretrace::shingle::{ShingleParams, shingle_set};

const SHINGLE: ShingleParams = ShingleParams { size: 5, min_words: 3, seed: 1 };

/// The texts of `corpus/`, sorted by file name.
fn corpus() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

/// Every paragraph of `texts`, with its text.
fn paragraphs(texts: &[String]) -> Vec<(&str, Span)> {
    texts
        .iter()
        .flat_map(|t| segment::paragraphs(t, None).into_iter().map(move |s| (t.as_str(), s)))
        .collect()
}

fn shingle_sets(paragraphs: &[(&str, Span)]) -> Vec<Vec<u64>> {
    let (mut tokenizer, mut tokens) = (Tokenizer::default(), Vec::<Token>::new());
    paragraphs
        .iter()
        .map(|&(text, span)| {
            tokens.clear();
            tokenizer.tokens(text, span, 1, &mut tokens);
            let mut set = Vec::new();
            shingle_set(&tokens, &SHINGLE, &mut set);
            set
        })
        .collect()
}

fn text_bytes(paragraphs: &[(&str, Span)]) -> u64 {
    paragraphs.iter().map(|(_, s)| (s.end - s.start) as u64).sum()
}

fn shingling(c: &mut Criterion) {
    let texts = corpus();
    let paras = paragraphs(&texts);
    let mut group = c.benchmark_group("shingle");
    group.throughput(Throughput::Bytes(text_bytes(&paras)));
    group.bench_function("normalize+shingle", |b| b.iter(|| shingle_sets(black_box(&paras))));
    group.finish();
}

fn minhash(c: &mut Criterion) {
    let texts = corpus();
    let paras = paragraphs(&texts);
    let sets = shingle_sets(&paras);
    let lsh = LshParams::for_threshold(0.8, DEFAULT_PERMUTATIONS);
    let hasher = MinHasher::new(lsh.bands * lsh.rows, 1);
    let mut group = c.benchmark_group("minhash");
    group.throughput(Throughput::Bytes(text_bytes(&paras)));
    group.bench_function("signature+band_keys", |b| {
        let (mut signature, mut keys) = (Vec::new(), Vec::new());
        b.iter(|| {
            for set in &sets {
                hasher.signature(black_box(set), &mut signature);
                lsh.band_keys(&signature, &mut keys);
            }
        })
    });
    group.finish();
}

fn lsh(c: &mut Criterion) {
    let texts: Vec<String> = corpus().into_iter().cycle().take(5 * 20).collect();
    let paras = paragraphs(&texts);
    let sets = shingle_sets(&paras);
    let lsh = LshParams::for_threshold(0.8, DEFAULT_PERMUTATIONS);
    let hasher = MinHasher::new(lsh.bands * lsh.rows, 1);
    let (mut signature, mut keys, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for set in &sets {
        hasher.signature(set, &mut signature);
        lsh.band_keys(&signature, &mut keys);
        all.extend_from_slice(&keys);
    }
    let active: Vec<bool> = sets.iter().map(|s| !s.is_empty()).collect();
    let mut group = c.benchmark_group("lsh");
    group.throughput(Throughput::Bytes(text_bytes(&paras)));
    group.bench_function("candidate_pairs", |b| {
        b.iter(|| candidate_pairs(black_box(&all), lsh.bands, &active))
    });
    group.finish();
}

fn alignment(c: &mut Criterion) {
    let texts = corpus();
    let (Some(a), Some(b)) = (texts.get(1), texts.get(3)) else { return };
    let params = AlignParams::default();
    let mut group = c.benchmark_group("align");
    group.throughput(Throughput::Bytes((a.len() + b.len()) as u64));
    group.bench_function("two_articles", |bench| bench.iter(|| align(black_box(a), black_box(b), &params)));
    group.finish();
}

criterion_group!(benches, shingling, minhash, lsh, alignment);
criterion_main!(benches);
