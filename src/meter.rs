//! METER: every newspaper story of the METER corpus measured against the
//! Press Association copy of its story, and classified as wholly,
//! partially or non derived: by the learned model ([`Model`], the default)
//! or by thresholds on word containment (the old rule).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::AlignParams;
use crate::derive::{Derivation, DerivedClass, Model, classify, derivation, latin1};
use crate::error::{Error, Warning};

/// One classified story.
#[derive(Clone, Debug)]
pub struct MeterRow {
    /// The article's path, as in `labels.tsv`.
    pub article: String,
    /// Its reuse measures against the PA copy of its story.
    pub derivation: Derivation,
    /// The class the measures imply.
    pub class: DerivedClass,
}

/// How stories are classified from their measures.
#[derive(Clone, Debug)]
pub enum Classifier {
    /// The learned multinomial logistic regression.
    Model(Model),
    /// The old rule: (partially, wholly) thresholds on word containment.
    Thresholds(f64, f64),
}

impl Classifier {
    /// The class of a story with measures `d`.
    pub fn classify(&self, d: &Derivation) -> DerivedClass {
        match self {
            Classifier::Model(m) => m.classify(d),
            Classifier::Thresholds(lower, upper) => classify(d.word_containment, (*lower, *upper)),
        }
    }
}

/// Classifies every article listed in `root/labels.tsv` against the PA
/// files listed beside it (column `pa_files`).
pub fn run(
    root: &Path,
    classifier: &Classifier,
    params: &AlignParams,
) -> Result<(Vec<MeterRow>, Vec<Warning>), Error> {
    let labels = root.join("labels.tsv");
    let listing =
        std::fs::read_to_string(&labels).map_err(|source| Error::Path { path: labels.clone(), source })?;
    let mut lines = listing.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(article_col), Some(pa_col)) = (col("article"), col("pa_files")) else {
        return Err(Error::Config(format!("{}: needs columns 'article' and 'pa_files'", labels.display())));
    };
    let rows: Vec<(String, Vec<PathBuf>)> = lines
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let pa = f.get(pa_col)?.split(';').filter(|p| !p.is_empty()).map(|p| root.join(p)).collect();
            Some((f.get(article_col)?.to_string(), pa))
        })
        .collect();
    let read = |path: &Path| std::fs::read(path).map(|b| latin1(&b));
    let results: Vec<Result<MeterRow, Warning>> = rows
        .par_iter()
        .map(|(article, pa)| {
            let warn =
                |e: std::io::Error, p: &Path| Warning::file(p.to_string_lossy(), format!("cannot read: {e}"));
            let path = root.join(article);
            let text = read(&path).map_err(|e| warn(e, &path))?;
            let sources: Vec<String> =
                pa.iter().map(|p| read(p).map_err(|e| warn(e, p))).collect::<Result<_, _>>()?;
            let d = derivation(&text, &sources, params);
            Ok(MeterRow { article: article.clone(), derivation: d, class: classifier.classify(&d) })
        })
        .collect();
    let (mut out, mut warnings) = (Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok(row) => out.push(row),
            Err(w) => warnings.push(w),
        }
    }
    Ok((out, warnings))
}
