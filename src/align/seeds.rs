//! Seeds: pairs of sentences, one from each text, similar enough as bags of
//! words (tf-idf cosine and Dice both at least their thresholds), after
//! Sanchez-Perez, Sidorov & Gelbukh (2014).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::sentences::Sentence;

/// Inverse document frequency of each term over the sentences of both
/// texts: `ln(N / df)`.
pub(super) fn idf(a: &[Sentence], b: &[Sentence]) -> HashMap<u64, f64> {
    // Sized once for every term occurrence, not grown term by term.
    let occurrences = a.iter().chain(b).map(|s| s.terms.len()).sum();
    let mut df: HashMap<u64, u32> = HashMap::with_capacity_and_hasher(occurrences, Default::default());
    for s in a.iter().chain(b) {
        for &(t, _) in &s.terms {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    let n = (a.len() + b.len()) as f64;
    df.into_iter().map(|(t, d)| (t, (n / f64::from(d)).ln())).collect()
}

/// The tf-idf weights of a sentence's terms and their Euclidean norm.
fn weights(s: &Sentence, idf: &HashMap<u64, f64>) -> (Vec<(u64, f64)>, f64) {
    let w: Vec<(u64, f64)> = s.terms.iter().map(|&(t, n)| (t, f64::from(n) * idf[&t])).collect();
    let norm = w.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    (w, norm)
}

/// Sentence pairs `(i, j)` with cosine `>= min_cosine` and Dice
/// `>= min_dice`, sorted. Shared terms are counted among those kept by
/// [`within_budget`] (all of them, for ordinary texts).
pub(super) fn seeds(
    a: &[Sentence],
    b: &[Sentence],
    idf: &HashMap<u64, f64>,
    min_cosine: f64,
    min_dice: f64,
) -> Vec<(u32, u32)> {
    let b_weights: Vec<(Vec<(u64, f64)>, f64)> = b.iter().map(|s| weights(s, idf)).collect();
    let mut index: HashMap<u64, Vec<(u32, f64)>> = HashMap::default();
    for (j, (w, _)) in b_weights.iter().enumerate() {
        for &(t, x) in w {
            index.entry(t).or_default().push((j as u32, x));
        }
    }
    within_budget(&mut index, a);
    let mut dot = vec![0.0f64; b.len()];
    let mut shared = vec![0u32; b.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (i, s) in a.iter().enumerate() {
        let (w, norm) = weights(s, idf);
        for &(t, x) in &w {
            for &(j, y) in index.get(&t).map_or(&[][..], Vec::as_slice) {
                if shared[j as usize] == 0 {
                    touched.push(j);
                }
                dot[j as usize] += x * y;
                shared[j as usize] += 1;
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let (ju, b_norm) = (j as usize, b_weights[j as usize].1);
            let cosine = if norm > 0.0 && b_norm > 0.0 { dot[ju] / (norm * b_norm) } else { 0.0 };
            let dice = 2.0 * f64::from(shared[ju]) / (s.terms.len() + b[ju].terms.len()) as f64;
            if cosine >= min_cosine && dice >= min_dice {
                out.push((i as u32, j));
            }
            dot[ju] = 0.0;
            shared[ju] = 0;
        }
        touched.clear();
    }
    out
}

/// Most sentence pairs visited while seeding one pair of texts: ordinary
/// texts stay far below it (a term in 300 sentences of each side costs
/// 90,000); a text repeating a few words for megabytes would otherwise cost
/// the product of the two texts' lengths.
const PAIR_BUDGET: u64 = 20_000_000;

/// Drops from `index` the terms that cost the most sentence pairs (the
/// sentences of `a` holding the term times its postings in b) until the
/// total is within [`PAIR_BUDGET`]. Such terms are in most sentences of
/// both texts, so their idf, and their weight in a cosine, is near zero;
/// ordinary texts lose none.
fn within_budget(index: &mut HashMap<u64, Vec<(u32, f64)>>, a: &[Sentence]) {
    let mut in_a: HashMap<u64, u64> = HashMap::default();
    for s in a {
        for &(t, _) in &s.terms {
            *in_a.entry(t).or_insert(0) += 1;
        }
    }
    let mut costs: Vec<(u64, u64)> = index
        .iter()
        .map(|(&t, postings)| (in_a.get(&t).copied().unwrap_or(0) * postings.len() as u64, t))
        .collect();
    if costs.iter().map(|c| c.0).sum::<u64>() <= PAIR_BUDGET {
        return;
    }
    costs.sort_unstable();
    let mut total = 0u64;
    for (cost, t) in costs {
        total += cost;
        if total > PAIR_BUDGET {
            index.remove(&t);
        }
    }
}

/// Cosine of the summed tf-idf bags of two runs of sentences (summed in
/// term order, so the result does not depend on hash map order).
pub(super) fn fragment_cosine(a: &[Sentence], b: &[Sentence], idf: &HashMap<u64, f64>) -> f64 {
    let sum = |ss: &[Sentence]| {
        let mut m: BTreeMap<u64, f64> = BTreeMap::new();
        for s in ss {
            for &(t, n) in &s.terms {
                *m.entry(t).or_insert(0.0) += f64::from(n) * idf[&t];
            }
        }
        m
    };
    let (x, y) = (sum(a), sum(b));
    let dot: f64 = x.iter().filter_map(|(t, v)| y.get(t).map(|w| v * w)).sum();
    let norm = |m: &BTreeMap<u64, f64>| m.values().map(|v| v * v).sum::<f64>().sqrt();
    let (nx, ny) = (norm(&x), norm(&y));
    if nx > 0.0 && ny > 0.0 { dot / (nx * ny) } else { 0.0 }
}
