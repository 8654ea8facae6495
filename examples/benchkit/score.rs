//! `benchkit score`: the oracle's pairs, and each tool's pairs scored
//! against them.
//!
//! Output, tab-separated, one line per tool after a header:
//! `tool pairs true false recall precision near_true near_recall`, where
//! `true` counts the tool's pairs that the oracle holds, `recall` is `true`
//! over the oracle's pairs, and `near_true` and `near_recall` count only the
//! oracle pairs whose two sets are not identical (identical boilerplate
//! makes most pairs, and every tool finds those). The first line, tool
//! `oracle`, gives the oracle's counts.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use crate::oracle::{self, Groups};

/// Scores the tools named in `args` against the oracle.
pub fn run(args: &[String]) -> crate::Result<()> {
    let (paragraphs, threshold, tools) = parse(args)?;
    let (ids, sets) = read_paragraphs(&paragraphs)?;
    let groups = oracle::group(sets);
    let similar = oracle::similar_groups(&groups.sets, threshold);
    let identical: u64 = groups.sizes.iter().map(|&n| n * (n - 1) / 2).sum();
    let near: u64 = similar.iter().map(|&(x, y)| groups.sizes[x as usize] * groups.sizes[y as usize]).sum();
    println!("tool\tpairs\ttrue\tfalse\trecall\tprecision\tnear_true\tnear_recall");
    let all = identical + near;
    println!("oracle\t{all}\t{all}\t0\t1\t1\t{near}\t1");
    for (name, path) in tools {
        let pairs = if name == "wiretrace" { read_jsonl(&path, &ids)? } else { read_bin(&path)? };
        let (mut found, mut found_near) = (0u64, 0u64);
        for &(p, q) in &pairs {
            match true_pair(&groups, &similar, p, q) {
                Some(true) => found += 1,
                Some(false) => (found, found_near) = (found + 1, found_near + 1),
                None => {}
            }
        }
        let total = pairs.len() as u64;
        println!(
            "{name}\t{total}\t{found}\t{}\t{:.6}\t{:.6}\t{found_near}\t{:.6}",
            total - found,
            ratio(found, identical + near),
            ratio(found, total),
            ratio(found_near, near)
        );
    }
    Ok(())
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// `Some(identical)` when paragraphs `p` and `q` are an oracle pair.
fn true_pair(groups: &Groups, similar: &[(u32, u32)], p: u32, q: u32) -> Option<bool> {
    let (x, y) = (groups.of.get(p as usize).copied()??, groups.of.get(q as usize).copied()??);
    if x == y {
        return Some(true);
    }
    similar.binary_search(&(x.min(y), x.max(y))).ok().map(|_| false)
}

type Tools = Vec<(String, String)>;

fn parse(args: &[String]) -> crate::Result<(String, f64, Tools)> {
    let mut it = args.iter();
    let paragraphs = it.next().ok_or("score: PARAGRAPHS missing")?.clone();
    let (mut threshold, mut tools) = (0.8, Vec::new());
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--threshold" => threshold = value.parse()?,
            "--wiretrace" => tools.push(("wiretrace".to_string(), value.clone())),
            "--peer" => {
                let (name, path) = value.split_once('=').ok_or("--peer NAME=PATH")?;
                tools.push((name.to_string(), path.to_string()));
            }
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    Ok((paragraphs, threshold, tools))
}

/// Paragraph numbers by `(id, para)`, and each paragraph's shingle set.
type Paragraphs = (HashMap<(String, u32), u32>, Vec<Vec<u64>>);

fn read_paragraphs(path: &str) -> crate::Result<Paragraphs> {
    let (mut ids, mut sets) = (HashMap::new(), Vec::new());
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(para), Some(words)) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("{path}: bad line {line:?}").into());
        };
        ids.insert((id.to_string(), para.parse()?), sets.len() as u32);
        let words: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
        sets.push(oracle::shingles(&words));
    }
    Ok((ids, sets))
}

/// One line of `wiretrace scan --format pairs`.
#[derive(serde::Deserialize)]
struct PairLine {
    a: String,
    a_para: u32,
    b: String,
    b_para: u32,
}

/// Pairs of `wiretrace scan --format pairs`, as paragraph numbers, unique.
fn read_jsonl(path: &str, ids: &HashMap<(String, u32), u32>) -> crate::Result<Vec<(u32, u32)>> {
    let mut pairs = Vec::new();
    let mut key = (String::new(), 0);
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let pair: PairLine = serde_json::from_str(&line?)?;
        let mut number = |id: String, para: u32| {
            key = (id, para);
            ids.get(&key).copied().ok_or_else(|| format!("{path}: unknown paragraph {key:?}"))
        };
        let (p, q) = (number(pair.a, pair.a_para)?, number(pair.b, pair.b_para)?);
        pairs.push((p.min(q), p.max(q)));
    }
    Ok(unique(pairs))
}

/// Little-endian `u32` pairs written by `scripts/bench_peers.py`, unique.
fn read_bin(path: &str) -> crate::Result<Vec<(u32, u32)>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    let words: Vec<u32> =
        bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let pairs = words.chunks_exact(2).filter(|w| w[0] != w[1]).map(|w| (w[0].min(w[1]), w[0].max(w[1])));
    Ok(unique(pairs.collect()))
}

fn unique(mut pairs: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}
