//! `benchkit score`: the oracle's pairs, and each tool's pairs scored
//! against them.
//!
//! Output, tab-separated, one line per tool after a header:
//! `tool pairs true false recall precision near_true near_recall`, where
//! `pairs` counts the tool's pairs as written, `true` and `false` the pairs
//! its output implies (see `implied`: its pairs closed over its pairs of
//! identical paragraphs) that the oracle holds or not, `recall` is `true`
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
        let (found, found_near, wrong) = implied(&groups, &similar, &pairs);
        println!(
            "{name}\t{}\t{found}\t{wrong}\t{:.6}\t{:.6}\t{found_near}\t{:.6}",
            pairs.len(),
            ratio(found, identical + near),
            ratio(found, found + wrong),
            ratio(found_near, near)
        );
    }
    Ok(())
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The pairs a tool's output implies, counted as (true, true between
/// non-identical paragraphs, false): its pairs, closed over its pairs of
/// identical paragraphs. wiretrace links the copies of a paragraph held by
/// more than 256 others to the first copy rather than to each other
/// (`lsh::ALL_PAIRS_BUCKET`), so its output says "these are copies" with a
/// star; a pair of identical sets makes the two paragraphs interchangeable,
/// so nothing false is implied that is not false explicitly.
fn implied(groups: &Groups, similar: &[(u32, u32)], pairs: &[(u32, u32)]) -> (u64, u64, u64) {
    let mut sets = Components::new(groups.of.len());
    let same = |p: u32, q: u32| {
        let g = |x: u32| groups.of.get(x as usize).copied().flatten();
        g(p).is_some() && g(p) == g(q)
    };
    for &(p, q) in pairs.iter().filter(|&&(p, q)| same(p, q)) {
        sets.union(p, q);
    }
    let mut found: u64 = sets.sizes().map(|n| n * (n - 1) / 2).sum();
    let mut linked: Vec<(u32, u32)> = pairs
        .iter()
        .filter(|&&(p, q)| !same(p, q))
        .map(|&(p, q)| {
            let (x, y) = (sets.find(p), sets.find(q));
            (x.min(y), x.max(y))
        })
        .collect();
    linked.sort_unstable();
    linked.dedup();
    let (mut near, mut wrong) = (0, 0);
    for (x, y) in linked {
        let n = sets.size(x) * sets.size(y);
        match true_pair(groups, similar, x, y) {
            Some(_) => (found, near) = (found + n, near + n),
            None => wrong += n,
        }
    }
    (found, near, wrong)
}

/// Union-find over paragraph numbers.
struct Components {
    parent: Vec<u32>,
    size: Vec<u64>,
}

impl Components {
    fn new(n: usize) -> Self {
        Components { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (big, small) = if self.size[a as usize] >= self.size[b as usize] { (a, b) } else { (b, a) };
            self.parent[small as usize] = big;
            self.size[big as usize] += self.size[small as usize];
        }
    }

    fn size(&self, root: u32) -> u64 {
        self.size[root as usize]
    }

    /// Sizes of the components, one per root.
    fn sizes(&self) -> impl Iterator<Item = u64> + '_ {
        self.parent.iter().enumerate().filter(|&(i, &p)| i as u32 == p).map(|(i, _)| self.size[i])
    }
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
