//! METER: every newspaper story of the METER corpus measured against the
//! Press Association copy of its story, and classified as wholly,
//! partially or non derived: by the learned model ([`Model`], the default)
//! or by thresholds on word containment (the old rule).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::align::AlignParams;
use crate::derive::{Derivation, DerivedClass, Model, classify, derivation, latin1, other_papers};
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

/// One listed article: its path, the `pa_files` field naming its story's
/// PA copy, and those files' paths.
struct Listed {
    article: String,
    story: String,
    pa: Vec<PathBuf>,
}

/// A listed article with its text and its PA texts read.
struct Loaded {
    article: String,
    story: String,
    text: String,
    sources: Vec<String>,
}

/// The articles of `root/labels.tsv` (columns `article` and `pa_files`).
fn listing(root: &Path) -> Result<Vec<Listed>, Error> {
    let labels = root.join("labels.tsv");
    let listing =
        std::fs::read_to_string(&labels).map_err(|source| Error::Path { path: labels.clone(), source })?;
    let mut lines = listing.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(article_col), Some(pa_col)) = (col("article"), col("pa_files")) else {
        return Err(Error::Config(format!("{}: needs columns 'article' and 'pa_files'", labels.display())));
    };
    Ok(lines
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let story = f.get(pa_col)?.to_string();
            let pa = story.split(';').filter(|p| !p.is_empty()).map(|p| root.join(p)).collect();
            Some(Listed { article: f.get(article_col)?.to_string(), story, pa })
        })
        .collect())
}

/// Reads a listed article and its PA texts (Latin-1).
fn load(root: &Path, listed: &Listed) -> Result<Loaded, Warning> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|b| latin1(&b))
            .map_err(|e| Warning::file(path.to_string_lossy(), format!("cannot read: {e}")))
    };
    let text = read(&root.join(&listed.article))?;
    let sources = listed.pa.iter().map(|p| read(p)).collect::<Result<_, _>>()?;
    Ok(Loaded { article: listed.article.clone(), story: listed.story.clone(), text, sources })
}

/// Classifies every article listed in `root/labels.tsv` against the PA
/// files listed beside it (column `pa_files`). Articles with the same
/// `pa_files` are one story: each is also compared with the others
/// ([`other_papers`]).
pub fn run(
    root: &Path,
    classifier: &Classifier,
    params: &AlignParams,
) -> Result<(Vec<MeterRow>, Vec<Warning>), Error> {
    let loaded: Vec<Result<Loaded, Warning>> =
        listing(root)?.par_iter().map(|listed| load(root, listed)).collect();
    let (mut ok, mut warnings) = (Vec::new(), Vec::new());
    for r in loaded {
        match r {
            Ok(l) => ok.push(l),
            Err(w) => warnings.push(w),
        }
    }
    let rows = ok
        .par_iter()
        .map(|a| {
            let others: Vec<&str> = ok
                .iter()
                .filter(|b| b.story == a.story && b.article != a.article)
                .map(|b| b.text.as_str())
                .collect();
            let d = Derivation {
                other_papers: other_papers(&a.text, &a.sources, &others),
                ..derivation(&a.text, &a.sources, params)
            };
            MeterRow { article: a.article.clone(), derivation: d, class: classifier.classify(&d) }
        })
        .collect();
    Ok((rows, warnings))
}
