//! Re-read: the articles holding candidate paragraphs -> those paragraphs'
//! shingle sets and excerpts ([`reread`]); and the whole texts of the
//! articles in candidate passage pairs ([`texts`]).
//!
//! Text is not kept after the first read (see `sketch`); this stage reads
//! again only the sources and records that hold candidates, checks each
//! article against the hash of its first read, and rebuilds the shingle sets
//! with the same sketcher (and the same per-source paragraph separator), so
//! the sets verified are exactly those that were sketched.

use rayon::prelude::*;

use crate::error::Warning;
use crate::faults::Stage;
use crate::input::{self, Article, Item, ReadOptions, Source};
use crate::pipeline::guard;
use crate::segment::Span;
use crate::sketch::{self, ArticleSketch, Sketcher};
use crate::verify::ParaRef;

/// Longest excerpt kept per paragraph, in bytes.
const EXCERPT_BYTES: usize = 400;

/// How the corpus was read the first time.
pub struct Corpus<'a> {
    /// The sources, in order.
    pub sources: &'a [Source],
    /// Field names and the like.
    pub options: &'a ReadOptions,
    /// The sketcher of the first read.
    pub sketcher: &'a Sketcher,
    /// The paragraph separator found obvious for each source.
    pub separators: &'a [Option<&'static str>],
}

/// What the second read gives.
pub struct Reread {
    /// Shingle sets aligned with the `needed` paragraphs (`None` when the
    /// article changed since the first read).
    pub sets: Vec<Option<Vec<u64>>>,
    /// Excerpts of the needed paragraphs, sorted by paragraph index.
    pub excerpts: Vec<(u32, String)>,
    /// Normalized word hashes of the needed paragraphs, in text order,
    /// sorted by paragraph index (for word-level change measures).
    pub words: Vec<(u32, Vec<u64>)>,
    /// Articles that changed between the two reads.
    pub warnings: Vec<Warning>,
}

/// Paragraphs wanted from one article.
struct Wanted {
    article: u32,
    paragraphs: Vec<u32>,
}

/// A paragraph read again: its shingle set and excerpt.
struct Found {
    paragraph: u32,
    set: Vec<u64>,
    words: Vec<u64>,
    excerpt: String,
}

/// Reads again the articles holding `needed` paragraphs (sorted indices) and
/// returns those paragraphs' shingle sets (aligned with `needed`; `None` if
/// the article changed since the first read) and excerpts.
pub fn reread(corpus: &Corpus, articles: &[ArticleSketch], paras: &[ParaRef], needed: &[u32]) -> Reread {
    let work = wanted_by_source(articles, paras, needed);
    let results: Vec<(Vec<Found>, Vec<Warning>)> = work
        .par_iter()
        .map(|(source, wanted)| read_wanted(corpus, *source, wanted, articles, paras))
        .collect();
    let mut sets = vec![None; needed.len()];
    let (mut excerpts, mut words) = (Vec::new(), Vec::new());
    let mut warnings = Vec::new();
    for (found, w) in results {
        for f in found {
            if let Ok(i) = needed.binary_search(&f.paragraph) {
                sets[i] = Some(f.set);
            }
            excerpts.push((f.paragraph, f.excerpt));
            words.push((f.paragraph, f.words));
        }
        warnings.extend(w);
    }
    excerpts.sort_by_key(|e| e.0);
    words.sort_by_key(|e| e.0);
    Reread { sets, excerpts, words, warnings }
}

/// Needed paragraphs grouped by article (in article order), articles
/// grouped by source (in source order).
fn wanted_by_source(
    articles: &[ArticleSketch],
    paras: &[ParaRef],
    needed: &[u32],
) -> Vec<(u32, Vec<Wanted>)> {
    let mut by_source: std::collections::BTreeMap<u32, Vec<Wanted>> = Default::default();
    for &p in needed {
        let article = paras[p as usize].article;
        let list = by_source.entry(articles[article as usize].key.source).or_default();
        match list.last_mut() {
            Some(w) if w.article == article => w.paragraphs.push(p),
            _ => list.push(Wanted { article, paragraphs: vec![p] }),
        }
    }
    by_source.into_iter().collect()
}

/// Reads `source` again and calls `found` for each article of `wanted`
/// (article indices in record order) whose text is unchanged since the
/// first read; a changed one is a warning saying "changed while being
/// scanned; its `left_out` are left out".
fn each_unchanged(
    corpus: &Corpus,
    source: u32,
    wanted: &[u32],
    articles: &[ArticleSketch],
    left_out: &str,
    found: &mut dyn FnMut(u32, Article),
) -> Vec<Warning> {
    let display = &corpus.sources[source as usize].display;
    let (mut warnings, mut next) = (Vec::new(), 0usize);
    let mut seen = vec![false; wanted.len()];
    // The last problem met reading the file again: what stopped the read,
    // when something did (the first read's warnings come again, and are
    // already reported).
    let mut trouble: Option<String> = None;
    input::read_source(source, &corpus.sources[source as usize], corpus.options, &mut |item| {
        let article = match item {
            Item::Article(article) => article,
            Item::Warning(w) => {
                trouble = Some(match w.line {
                    Some(line) => format!("line {line}: {}", w.message),
                    None => w.message,
                });
                return;
            }
        };
        while next < wanted.len() && articles[wanted[next] as usize].key.line < article.key.line {
            next += 1;
        }
        let Some(&a) = wanted.get(next).filter(|&&a| articles[a as usize].key == article.key) else {
            return;
        };
        seen[next] = true;
        if sketch::text_hash(&article.text) == articles[a as usize].text_hash {
            found(a, article);
        } else {
            let message = format!("changed while being scanned; its {left_out} are left out");
            warnings.push(Warning::at(display, article.key.line, message));
        }
    });
    for (&a, _) in wanted.iter().zip(&seen).filter(|(_, seen)| !**seen) {
        let why = trouble.as_deref().unwrap_or("the record is no longer there");
        let message =
            format!("could not be read again while being scanned ({why}); its {left_out} are left out");
        warnings.push(Warning::at(display, articles[a as usize].key.line, message));
    }
    warnings
}

/// Reads `source` again and rebuilds the wanted paragraphs of its wanted
/// articles (in record order), skipping articles whose text changed.
fn read_wanted(
    corpus: &Corpus,
    source: u32,
    wanted: &[Wanted],
    articles: &[ArticleSketch],
    paras: &[ParaRef],
) -> (Vec<Found>, Vec<Warning>) {
    let sketcher = corpus.sketcher.for_source(corpus.separators[source as usize]);
    let indices: Vec<u32> = wanted.iter().map(|w| w.article).collect();
    let mut found = Vec::new();
    let mut panics = Vec::new();
    let mut warnings = each_unchanged(corpus, source, &indices, articles, "matches", &mut |a, article| {
        let Ok(i) = wanted.binary_search_by_key(&a, |w| w.article) else { return };
        let want = &wanted[i];
        let sketch = &articles[a as usize];
        let rebuilt = guard::catch(|| {
            corpus.options.faults.check(Stage::Reread, &article.text);
            let rebuild = |&p: &u32| {
                let span = sketch.paragraphs.get(paras[p as usize].index as usize)?.span;
                let (set, words) = sketcher.shingles_and_words(&article.text, span);
                Some(Found { paragraph: p, set, words, excerpt: excerpt(&article.text, span) })
            };
            want.paragraphs.iter().filter_map(rebuild).collect::<Vec<_>>()
        });
        match rebuilt {
            Ok(rebuilt) => found.extend(rebuilt),
            Err(panic) => {
                let message = guard::bug("reading this article again", "its matches are left out", &panic);
                panics.push(Warning::at(&corpus.sources[source as usize].display, article.key.line, message));
            }
        }
    });
    warnings.append(&mut panics);
    (found, warnings)
}

/// The start of a paragraph, white space collapsed, cut at a word boundary
/// (inside a word only when the first word alone is too long).
fn excerpt(text: &str, span: Span) -> String {
    let mut out = String::new();
    for word in text[span.start..span.end].split_whitespace() {
        let room = EXCERPT_BYTES.saturating_sub(out.len() + 1);
        if word.len() > room {
            if out.is_empty() {
                let mut cut = room;
                while !word.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.push_str(&word[..cut]);
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Article texts by article index, and warnings about articles left out.
type Texts = (Vec<(u32, String)>, Vec<Warning>);

/// The texts of `wanted` articles (sorted indices), read again and checked
/// against their first read; a changed article is left out with a warning.
pub fn texts(corpus: &Corpus, articles: &[ArticleSketch], wanted: &[u32]) -> Texts {
    let mut by_source: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for &a in wanted {
        by_source.entry(articles[a as usize].key.source).or_default().push(a);
    }
    let work: Vec<(u32, Vec<u32>)> = by_source.into_iter().collect();
    let results: Vec<Texts> = work
        .par_iter()
        .map(|(source, list)| {
            let mut found = Vec::new();
            let warnings = each_unchanged(corpus, *source, list, articles, "passages", &mut |a, article| {
                found.push((a, article.text))
            });
            (found, warnings)
        })
        .collect();
    let (mut texts, mut warnings) = (Vec::new(), Vec::new());
    for (t, w) in results {
        texts.extend(t);
        warnings.extend(w);
    }
    texts.sort_by_key(|t| t.0);
    (texts, warnings)
}
