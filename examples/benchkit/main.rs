//! Tools of the end-to-end benchmark (`scripts/bench.sh`); not part of
//! wiretrace itself.
//!
//! ```text
//! benchkit paragraphs CORPUS... > paragraphs.tsv
//! benchkit score paragraphs.tsv [--threshold T] [--wiretrace pairs.jsonl] [--peer NAME=pairs.bin]...
//! ```
//!
//! `paragraphs` writes every paragraph as wiretrace splits and normalizes it,
//! in wiretrace's order: `id TAB para TAB words` (the peers' input and the
//! oracle's). `score` computes the exact brute-force oracle (every pair of
//! paragraphs whose 5-word shingle sets have a Jaccard of at least T) and
//! scores each tool's pairs against it, one tab-separated line per tool.

mod oracle;
mod paragraphs;
mod score;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("paragraphs") => paragraphs::run(&args[1..]),
        Some("score") => score::run(&args[1..]),
        _ => Err("usage: benchkit paragraphs CORPUS... | benchkit score PARAGRAPHS [options]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("benchkit: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Errors of the benchmark tools: a message is enough.
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;
