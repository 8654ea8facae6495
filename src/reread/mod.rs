//! Re-read: the articles holding candidate paragraphs -> those paragraphs'
//! normalized words, kept once per distinct word sequence ([`reread`]);
//! excerpts of chosen paragraphs ([`excerpts`]); and the whole texts of
//! chosen articles, in memory ([`texts`]) or in a temporary file read back
//! one text at a time ([`store_texts`]).
//!
//! Text is not kept after the first read (see `sketch`); this stage reads
//! again only the sources and records that hold what is wanted, checks each
//! article against the hash of its first read, and rebuilds the words with
//! the same sketcher (and the same per-source paragraph separator), so the
//! shingle sets verified are exactly those that were sketched.

use rayon::prelude::*;

use crate::error::Warning;
use crate::faults::Stage;
use crate::input::{self, Article, Item, ReadOptions, Source};
use crate::pipeline::batches::{self, BATCH};
use crate::pipeline::guard;
use crate::segment::Span;
use crate::sketch::{self, ArticleSketch, Sketcher};
use crate::verify::ParaRef;

mod texts;
mod words;

pub use texts::{TextStore, store_texts, texts};
pub use words::{Aside, Sequence, Words};

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
    /// The words of the needed paragraphs, once per distinct sequence.
    pub words: Words,
    /// Articles holding needed paragraphs that could not be read again
    /// unchanged (sorted): their pairs are left out, even where another
    /// article holds the same words.
    pub unread: Vec<u32>,
    /// Why those articles could not be read again.
    pub warnings: Vec<Warning>,
}

/// Paragraphs wanted from one article.
struct Wanted {
    article: u32,
    paragraphs: Vec<u32>,
}

/// Reads again the articles holding `needed` paragraphs (sorted indices) and
/// returns those paragraphs' words, once per distinct sequence, and the
/// articles that had changed since the first read.
pub fn reread(corpus: &Corpus, articles: &[ArticleSketch], paras: &[ParaRef], needed: &[u32]) -> Reread {
    let work = wanted_by_source(articles, paras, needed);
    let results: Vec<(Words, Vec<u32>, Vec<Warning>)> = work
        .par_iter()
        .map(|(source, wanted)| {
            let (mut words, mut read, mut panics) = (Words::default(), Vec::new(), Vec::new());
            let sketcher = corpus.sketcher.for_source(corpus.separators[*source as usize]);
            let display = &corpus.sources[*source as usize].display;
            // A batch of articles: the words of the paragraphs not yet held
            // are made in parallel, then kept in article order.
            let mut take = |batch: Vec<(u32, Article)>| {
                let made: Vec<(u32, u64, Result<Made, String>)> = batch
                    .par_iter()
                    .map(|(a, article)| {
                        let made = guard::catch(|| {
                            corpus.options.faults.check(Stage::Reread, &article.text);
                            let (sketch, i) = (&articles[*a as usize], wanted_index(wanted, *a));
                            let want = i.map_or(&[][..], |i| &wanted[i].paragraphs[..]);
                            let paragraphs = want
                                .iter()
                                .filter_map(|&p| sketch.paragraphs.get(paras[p as usize].index as usize));
                            paragraphs
                                .filter(|para| !words.contains(para.digest))
                                .map(|para| (para.digest, sketcher.words(&article.text, para.span)))
                                .collect()
                        });
                        (*a, article.key.line, made)
                    })
                    .collect();
                for (a, line, made) in made {
                    match made {
                        Ok(list) => {
                            for (digest, hashes) in list {
                                if !words.contains(digest) {
                                    words.insert(digest, hashes.into_iter());
                                }
                            }
                            // Only once all its paragraphs are in.
                            read.push(a);
                        }
                        Err(panic) => {
                            let message =
                                guard::bug("reading this article again", "its matches are left out", &panic);
                            panics.push(Warning::at(display, line, message));
                        }
                    }
                }
            };
            let indices: Vec<u32> = wanted.iter().map(|w| w.article).collect();
            let mut warnings = unchanged_batches(corpus, *source, &indices, articles, "matches", &mut take);
            warnings.append(&mut panics);
            read.sort_unstable();
            let mut unread: Vec<u32> = wanted.iter().map(|w| w.article).collect();
            unread.retain(|a| read.binary_search(a).is_err());
            (words, unread, warnings)
        })
        .collect();
    let mut out = Reread { words: Words::default(), unread: Vec::new(), warnings: Vec::new() };
    for (words, unread, warnings) in results {
        out.words.absorb(words);
        out.unread.extend(unread);
        out.warnings.extend(warnings);
    }
    out.words.shrink();
    out.unread.sort_unstable();
    out
}

/// Word sequences made from one article: (digest, word hashes) per
/// paragraph whose digest was not yet held.
type Made = Vec<(u64, Vec<u64>)>;

/// Where article `a` is in `wanted` (sorted by article).
fn wanted_index(wanted: &[Wanted], a: u32) -> Option<usize> {
    wanted.binary_search_by_key(&a, |w| w.article).ok()
}

/// [`each_unchanged`] in batches of [`BATCH`] articles (the last one
/// possibly shorter), passed to `each` in record order, read ahead on a
/// thread of its own as the first read is ([`batches::read_ahead`]).
fn unchanged_batches(
    corpus: &Corpus,
    source: u32,
    wanted: &[u32],
    articles: &[ArticleSketch],
    left_out: &str,
    each: &mut dyn FnMut(Vec<(u32, Article)>),
) -> Vec<Warning> {
    let read = |each: &mut dyn FnMut(Vec<(u32, Article)>)| {
        let mut batch = Vec::new();
        let warnings = each_unchanged(corpus, source, wanted, articles, left_out, &mut |a, article| {
            batch.push((a, article));
            if batch.len() >= BATCH {
                each(std::mem::take(&mut batch));
            }
        });
        if !batch.is_empty() {
            each(batch);
        }
        warnings
    };
    let from = &corpus.sources[source as usize];
    batches::read_ahead(batches::reads_ahead(from), read, each).unwrap_or_else(|| {
        let message = guard::bug(
            "reading this file again",
            "the rest of its matches are left out",
            "the reading thread panicked",
        );
        vec![Warning::file(&from.display, message)]
    })
}

/// Reads again the articles holding `needed` paragraphs (sorted indices) and
/// returns their excerpts (sorted by paragraph index; none for an article
/// that changed since the first read) and warnings about such articles.
pub fn excerpts(corpus: &Corpus, articles: &[ArticleSketch], paras: &[ParaRef], needed: &[u32]) -> Excerpts {
    let work = wanted_by_source(articles, paras, needed);
    let results: Vec<Excerpts> = work
        .par_iter()
        .map(|(source, wanted)| {
            let mut found = Vec::new();
            let warnings = read_wanted(corpus, *source, wanted, articles, &mut |a, _, text, want| {
                let sketch = &articles[a as usize];
                for &p in want {
                    if let Some(para) = sketch.paragraphs.get(paras[p as usize].index as usize) {
                        found.push((p, excerpt(text, para.span)));
                    }
                }
            });
            (found, warnings)
        })
        .collect();
    by_index(results)
}

/// Items found by article or paragraph index, and warnings.
type Found<T> = (Vec<(u32, T)>, Vec<Warning>);

/// The found items and warnings of each source's reading, as one list
/// sorted by article or paragraph index, and all warnings.
fn by_index<T>(results: Vec<Found<T>>) -> Found<T> {
    let (mut found, mut warnings) = (Vec::new(), Vec::new());
    for (f, w) in results {
        found.extend(f);
        warnings.extend(w);
    }
    found.sort_by_key(|f| f.0);
    (found, warnings)
}

/// `wanted` articles grouped by source (in source order).
fn articles_by_source(articles: &[ArticleSketch], wanted: &[u32]) -> Vec<(u32, Vec<u32>)> {
    let mut by_source: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for &a in wanted {
        by_source.entry(articles[a as usize].key.source).or_default().push(a);
    }
    by_source.into_iter().collect()
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

/// What [`read_wanted`] does with an article: its index, the source's
/// sketcher, its text and its wanted paragraphs.
type UseArticle<'a> = &'a mut dyn FnMut(u32, &Sketcher, &str, &[u32]);

/// Excerpts by paragraph index, and warnings about articles left out.
type Excerpts = Found<String>;

/// Reads `source` again and hands each wanted article whose text is
/// unchanged (in record order) to `use_article`: its index, the source's
/// sketcher, its text and its wanted paragraphs. A panic there leaves that
/// article out with a warning.
fn read_wanted(
    corpus: &Corpus,
    source: u32,
    wanted: &[Wanted],
    articles: &[ArticleSketch],
    use_article: UseArticle,
) -> Vec<Warning> {
    let sketcher = corpus.sketcher.for_source(corpus.separators[source as usize]);
    let indices: Vec<u32> = wanted.iter().map(|w| w.article).collect();
    let mut panics = Vec::new();
    let mut warnings = each_unchanged(corpus, source, &indices, articles, "matches", &mut |a, article| {
        let Some(i) = wanted_index(wanted, a) else { return };
        let used = guard::catch(|| {
            corpus.options.faults.check(Stage::Reread, &article.text);
            use_article(a, &sketcher, &article.text, &wanted[i].paragraphs)
        });
        if let Err(panic) = used {
            let message = guard::bug("reading this article again", "its matches are left out", &panic);
            panics.push(Warning::at(&corpus.sources[source as usize].display, article.key.line, message));
        }
    });
    warnings.append(&mut panics);
    warnings
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
