//! The physical reference of the end-to-end benchmark: read a corpus the way
//! wiretrace does (same input code, so the same decompression and record
//! parsing), split each text into words and xxh3-hash every 5-word shingle
//! once, on all threads. Nothing is segmented, normalized, sketched or
//! compared: whatever wiretrace does beyond this is its own work.
//!
//! ```text
//! cargo run --release --example read_hash -- CORPUS...
//! ```
//!
//! Prints the bytes of the input files, the seconds taken, the throughput
//! and a checksum (so the hashing cannot be optimized away).

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use wiretrace::input::{self, Article, Item, ReadOptions};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Articles hashed together in one parallel batch, as the pipeline batches.
const BATCH: usize = 512;
/// Words per shingle.
const SHINGLE: usize = 5;

fn main() -> std::process::ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let start = Instant::now();
    let sources = match input::discover(&paths) {
        Ok((sources, _)) => sources,
        Err(e) => {
            eprintln!("read_hash: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let bytes: u64 = sources.iter().filter_map(|s| std::fs::metadata(&s.path).ok()).map(|m| m.len()).sum();
    let (checksum, shingles) = sources
        .par_iter()
        .enumerate()
        .map(|(i, source)| hash_source(i as u32, source))
        .reduce(|| (0, 0), |a, b| (a.0 ^ b.0, a.1 + b.1));
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "read_hash: {bytes} bytes, {shingles} shingles, {seconds:.3} s, {:.1} MB/s, checksum {checksum:016x}",
        bytes as f64 / 1e6 / seconds
    );
    std::process::ExitCode::SUCCESS
}

/// Checksum and shingle count of one source, hashed in parallel batches.
fn hash_source(index: u32, source: &input::Source) -> (u64, u64) {
    let mut batch: Vec<Article> = Vec::new();
    let mut total = (0u64, 0u64);
    let flush = |batch: &mut Vec<Article>, total: &mut (u64, u64)| {
        let (x, n) = std::mem::take(batch)
            .into_par_iter()
            .map(|a| hash_text(&a.text))
            .reduce(|| (0, 0), |a, b| (a.0 ^ b.0, a.1 + b.1));
        *total = (total.0 ^ x, total.1 + n);
    };
    input::read_source(index, source, &ReadOptions::default(), &mut |item| {
        if let Item::Article(article) = item {
            batch.push(article);
            if batch.len() >= BATCH {
                flush(&mut batch, &mut total);
            }
        }
    });
    flush(&mut batch, &mut total);
    total
}

/// Xor of the hashes of every 5-word shingle of `text` (words: runs of
/// alphanumeric characters, each hashed once, then each window of five
/// word hashes hashed once), and the number of shingles.
fn hash_text(text: &str) -> (u64, u64) {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| xxh3_64(w.as_bytes()))
        .collect();
    let mut buf = [0u8; 8 * SHINGLE];
    let mut checksum = 0u64;
    for window in words.windows(SHINGLE) {
        for (slot, hash) in buf.chunks_exact_mut(8).zip(window) {
            slot.copy_from_slice(&hash.to_le_bytes());
        }
        checksum ^= xxh3_64_with_seed(&buf, 1);
    }
    (checksum, words.len().saturating_sub(SHINGLE - 1) as u64)
}
