//! Model: the learned METER classifier, a multinomial logistic regression
//! over named [`Derivation`] measures.
//!
//! The parameters live in `meter_model.tsv` beside this file, written by
//! `scripts/meter_eval.py --train` (see `docs/meter.md`). Its format: `#`
//! comment lines, a header `feature mean sd wholly_derived partially_derived
//! non_derived`, a `bias` row, then one row per measure. A story's score for
//! each class is the bias plus, over the measures, the weight times the
//! measure standardized by `mean` and `sd`; the highest score wins.

use super::{Derivation, DerivedClass};
use crate::error::Error;

/// The classes in the order of the parameter file's columns.
const CLASSES: [DerivedClass; 3] = [DerivedClass::Wholly, DerivedClass::Partially, DerivedClass::Non];

/// One measure's standardization and weights.
#[derive(Clone, Debug, PartialEq)]
struct Term {
    name: String,
    mean: f64,
    sd: f64,
    weights: [f64; 3],
}

/// A multinomial logistic regression over derivation measures.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    bias: [f64; 3],
    terms: Vec<Term>,
}

/// The parameters shipped with wiretrace.
const BUILTIN: &str = include_str!("meter_model.tsv");

fn numbers<const N: usize>(fields: &[&str], line: usize) -> Result<[f64; N], String> {
    let mut out = [0.0; N];
    if fields.len() != N {
        return Err(format!("line {line}: expected {N} numbers, found {}", fields.len()));
    }
    for (o, f) in out.iter_mut().zip(fields) {
        *o = f.trim().parse().map_err(|_| format!("line {line}: not a number: {f:?}"))?;
    }
    Ok(out)
}

impl Model {
    /// The model shipped with wiretrace (`src/derive/meter_model.tsv`).
    pub fn builtin() -> Result<Model, Error> {
        Model::parse(BUILTIN).map_err(|e| Error::Config(format!("meter_model.tsv: {e}")))
    }

    /// Reads parameters in the format above; every measure must be one
    /// [`Derivation::measure`] knows and every `sd` positive.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut bias = None;
        let mut terms = Vec::new();
        let rows = text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        for (i, line) in rows.skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [mean, sd, w0, w1, w2] = numbers::<5>(&fields[1..], i + 1)?;
            match fields[0] {
                "bias" => bias = Some([w0, w1, w2]),
                name if Derivation::default().measure(name).is_some() && sd > 0.0 => {
                    terms.push(Term { name: name.to_string(), mean, sd, weights: [w0, w1, w2] });
                }
                name => return Err(format!("line {}: unknown measure or bad sd: {name:?}", i + 1)),
            }
        }
        let bias = bias.ok_or("no 'bias' row")?;
        Ok(Model { bias, terms })
    }

    /// Each class's score for `d`, in the order wholly, partially, non.
    pub fn scores(&self, d: &Derivation) -> [f64; 3] {
        let mut s = self.bias;
        for t in &self.terms {
            let z = (d.measure(&t.name).unwrap_or(t.mean) - t.mean) / t.sd;
            for (sk, w) in s.iter_mut().zip(t.weights) {
                *sk += w * z;
            }
        }
        s
    }

    /// The class with the highest score.
    pub fn classify(&self, d: &Derivation) -> DerivedClass {
        let s = self.scores(d);
        let best = (0..3).fold(0, |b, k| if s[k] > s[b] { k } else { b });
        CLASSES[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parameters_parse() {
        let m = Model::builtin().map_err(|e| e.to_string());
        assert!(m.is_ok_and(|m| !m.terms.is_empty()), "meter_model.tsv must parse");
    }

    #[test]
    fn scores_follow_the_weights() {
        let text = "# test\nfeature\tmean\tsd\twholly_derived\tpartially_derived\tnon_derived\n\
                    bias\t0\t1\t0\t0.5\t0\ncontent_containment\t0.5\t0.25\t2\t0\t-2\n";
        let m = Model::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let with = |x: f64| Derivation { content_containment: x, ..Derivation::default() };
        assert_eq!(m.classify(&with(0.95)), DerivedClass::Wholly);
        assert_eq!(m.classify(&with(0.5)), DerivedClass::Partially);
        let d = with(0.1);
        assert_eq!(m.classify(&d), DerivedClass::Non);
    }

    #[test]
    fn unknown_measures_are_refused() {
        let text = "feature\tmean\tsd\ta\tb\tc\nbias\t0\t1\t0\t0\t0\nshoe_size\t0\t1\t1\t1\t1\n";
        assert!(Model::parse(text).is_err());
        assert!(Model::parse("feature\tmean\tsd\ta\tb\tc\nbias\t0\t1\t0\n").is_err());
    }
}
