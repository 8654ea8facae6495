//! Pipeline: runs the stages over a corpus. All parallelism and all
//! ordering decisions live here; the stages are plain functions over one
//! item.
//!
//! 1. discover sources (sorted), copy streams, settle each one's format
//!    (sniffed when its name gives none) -> read each -> sketch articles in
//!    parallel, dropping their text;
//! 2. LSH over all paragraphs' band keys -> candidate pairs;
//! 3. re-read only the articles with candidates -> those paragraphs'
//!    words, once per distinct sequence -> exact verification;
//! 4. block matches and clusters;
//! 5. shared passages between article pairs that share fingerprints
//!    outside text already reported (`passages`).
//!
//! Results are assembled in source order, then record order, so the output
//! does not depend on the thread count or on the order of files on disk.

pub(crate) mod batches;
mod clean;
mod first_read;
pub(crate) mod guard;
pub mod memory;
mod passages;
mod progress;
mod texts;

use rayon::prelude::*;

use crate::blocks::{self, BlockMatch};
use crate::cluster::{self, Cluster};
use crate::config::Config;
use crate::error::{Error, Warning};
use crate::input::{self, ReadOptions, Source};
use crate::lsh::{self, LshParams};
use crate::passages::PassageMatch;
use crate::reread::{self, Corpus, Reread, Sequence, Words, reread};
use crate::shingle::{ShingleParams, shingle_set_of_words};
use crate::sketch::{ArticleSketch, ParagraphSketch, SketchParams, Sketcher};
use crate::spill::Segments;
use crate::verify::{self, Edge, ParaRef, Similarity};

pub use clean::{clean, clean_with};
pub use progress::{Progress, Silent, Stage};
pub use texts::{ArticleTexts, texts};

/// Everything a scan found, before it is put into words.
#[derive(Debug)]
pub struct Scan {
    /// The settings the scan ran with.
    pub sketch: SketchParams,
    /// Lowest Jaccard reported.
    pub threshold: f64,
    /// The files read, in order.
    pub sources: Vec<Source>,
    /// The articles read, in order (text not kept).
    pub articles: Vec<ArticleSketch>,
    /// Every paragraph of every article, in order.
    pub paragraphs: Vec<ParaRef>,
    /// Number of candidate pairs LSH proposed.
    pub candidates: usize,
    /// Every verified paragraph pair (the reported matches are the subset
    /// that links each cluster member to its center; see `reported_pairs`).
    pub edges: Vec<Edge>,
    /// Consecutive verified pairs merged into blocks.
    pub blocks: Vec<BlockMatch>,
    /// Groups of places sharing text.
    pub clusters: Vec<Cluster>,
    /// Excerpts of the paragraphs that begin each cluster's center block
    /// (as many as its excerpt can show), by paragraph index (sorted);
    /// empty unless [`Config::excerpts`].
    pub excerpts: Vec<(u32, String)>,
    /// Normalized word hashes of candidate paragraphs, once per distinct
    /// sequence (see [`Scan::words`]).
    pub words: Words,
    /// Articles holding candidate paragraphs that could not be read again
    /// unchanged (sorted): their paragraphs have no words.
    pub unread: Vec<u32>,
    /// Shared passages not already reported as paragraph matches.
    pub passages: Vec<PassageMatch>,
    /// Whether passages were looked for.
    pub passages_searched: bool,
    /// Shortest passage reported, in bytes per side.
    pub passage_min_bytes: usize,
    /// Cap on the articles holding one fingerprint.
    pub passage_max_articles: usize,
    /// Article pairs proposed for passage alignment.
    pub passage_candidates: usize,
    /// Fingerprints dropped as stock phrases.
    pub stock_fingerprints: usize,
    /// Problems met, sorted.
    pub warnings: Vec<Warning>,
    /// The paragraph separator found obvious for each source (one entry per
    /// source; `None` when blank lines, or the user's `--paragraph-sep`, split).
    pub separators: Vec<Option<&'static str>>,
    /// Copies of the streams among the sources (read instead of them), kept
    /// as long as the scan, so that its texts can be read again.
    pub streams: input::Streams,
}

impl Scan {
    /// The excerpt of paragraph `p`, if it was a candidate.
    pub fn excerpt(&self, p: u32) -> Option<&str> {
        let i = self.excerpts.binary_search_by_key(&p, |e| e.0).ok()?;
        Some(&self.excerpts[i].1)
    }

    /// The normalized word hashes of paragraph `p`, if it was a candidate
    /// (and its article could be read again unchanged).
    pub fn words(&self, p: u32) -> Option<Vec<u64>> {
        self.candidate_words().words(p).map(|w| w.to_vec())
    }

    fn candidate_words(&self) -> CandidateWords<'_> {
        CandidateWords {
            articles: &self.articles,
            paragraphs: &self.paragraphs,
            words: &self.words,
            unread: &self.unread,
            shingle: &self.sketch.shingle,
        }
    }
}

/// The words re-read for candidate paragraphs, found by paragraph index;
/// and the exact similarity of two candidates computed from them.
struct CandidateWords<'a> {
    articles: &'a [ArticleSketch],
    paragraphs: &'a [ParaRef],
    words: &'a Words,
    unread: &'a [u32],
    shingle: &'a ShingleParams,
}

impl<'a> CandidateWords<'a> {
    fn paragraph(&self, p: u32) -> Option<&'a ParagraphSketch> {
        let r = self.paragraphs.get(p as usize)?;
        if self.unread.binary_search(&r.article).is_ok() {
            return None;
        }
        self.articles.get(r.article as usize)?.paragraphs.get(r.index as usize)
    }

    fn words(&self, p: u32) -> Option<Sequence<'a>> {
        let words: &'a Words = self.words;
        words.get(self.paragraph(p)?.digest)
    }

    /// Replaces `out` with the shingle set of `p`; false if `p` has no words.
    fn set(&self, p: u32, out: &mut Vec<u64>) -> bool {
        let Some(words) = self.words(p) else { return false };
        shingle_set_of_words(words.len(), |i| words.hash(i), self.shingle, out);
        true
    }

    /// Exact similarity of `p` and `q`; `set_p` is `p`'s shingle set, or
    /// empty to build it (`scratch` holds the other set). Paragraphs with
    /// the same words are equal without looking at their sets.
    fn similarity(&self, p: u32, q: u32, set_p: &mut Vec<u64>, scratch: &mut Vec<u64>) -> Option<Similarity> {
        let (a, b) = (self.paragraph(p)?, self.paragraph(q)?);
        if a.digest == b.digest {
            return Some(Similarity { shared: a.shingles, a_len: a.shingles, b_len: b.shingles });
        }
        if set_p.is_empty() && !self.set(p, set_p) {
            return None;
        }
        self.set(q, scratch).then(|| verify::compare(set_p, scratch))
    }
}

/// Runs a scan over the paths of `config`.
pub fn scan(config: &Config) -> Result<Scan, Error> {
    scan_with(config, &Silent)
}

/// Runs a scan over the paths of `config`, telling `progress` how it goes.
pub fn scan_with(config: &Config, progress: &dyn Progress) -> Result<Scan, Error> {
    config.validate()?;
    let (mut sources, mut warnings) = input::discover(&config.paths)?;
    let streams = input::copy_streams(&mut sources, &mut warnings);
    for note in input::settle_formats(&mut sources, config.input_format, &config.fields) {
        progress.note(&note);
    }
    if sources.len() > u32::MAX as usize {
        return Err(Error::Config(format!("{} files: at most {} per run", sources.len(), u32::MAX)));
    }
    let sketcher = sketcher(config);
    let lsh = sketcher.params().lsh;
    let options = ReadOptions { fields: config.fields.clone(), faults: config.faults.clone() };
    progress.stage(Stage::Reading);
    let spill = Segments::new(lsh.bands).map_err(Error::Temp)?;
    let prints = Segments::new(crate::passages::HASH_PARTS).map_err(Error::Temp)?;
    let first_read::Sketched { mut articles, warnings: read_warnings, separators, spill_error } =
        first_read::sketch_all(&sources, &options, &sketcher, (&spill, &prints), progress);
    if let Some(e) = spill_error {
        return Err(Error::Temp(e));
    }
    let keys = spill.seal().map_err(Error::Temp)?;
    let prints = prints.seal().map_err(Error::Temp)?;
    config.faults.pause_after_first_read();
    warnings.extend(read_warnings);
    warnings.extend(first_read::unique_ids(&mut articles, &sources));

    let (paragraphs, rows, active) = paragraph_table(&articles)?;
    progress.stage(Stage::Candidates);
    let candidates = lsh::candidate_pairs_by_band(lsh.bands, &active, &rows, |band| keys.read_part(band))
        .map_err(Error::Temp)?;
    drop((keys, rows));
    progress.stage(Stage::Verifying);
    let needed = paragraphs_of(&candidates);
    let corpus =
        Corpus { sources: &sources, options: &options, sketcher: &sketcher, separators: &separators };
    let Reread { mut words, unread, warnings: reread_warnings } =
        reread(&corpus, &articles, &paragraphs, &needed);
    warnings.extend(reread_warnings);
    let lookup = CandidateWords {
        articles: &articles,
        paragraphs: &paragraphs,
        words: &words,
        unread: &unread,
        shingle: &sketcher.params().shingle,
    };
    let passes = |s: Similarity| (s.jaccard() >= config.threshold).then_some(s);
    let verify_pair =
        |p: u32, q: u32| lookup.similarity(p, q, &mut Vec::new(), &mut Vec::new()).and_then(passes);
    // Pairs come sorted by `p`: each `p`'s set is built once for all its `q`.
    let edges: Vec<Edge> = candidates
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|group| {
            let (mut set_p, mut scratch) = (Vec::new(), Vec::new());
            let mut found = Vec::new();
            for &(p, q) in group {
                if let Some(similarity) = lookup.similarity(p, q, &mut set_p, &mut scratch).and_then(passes) {
                    found.push(Edge { p, q, similarity });
                }
            }
            found
        })
        .collect();
    let candidate_count = candidates.len();
    drop((candidates, needed));
    let (mut clusters, mut blocks, mut excerpts) = (Vec::new(), Vec::new(), Vec::new());
    if !config.pairs_only {
        progress.stage(Stage::Clustering);
        let clustering = cluster::clusters(&edges, &paragraphs, &verify_pair);
        let reported = reported_pairs(&edges, &clustering);
        blocks = blocks::merge_kept(&edges, &paragraphs, |b| {
            b.pairs().any(|pq| reported.binary_search(&pq).is_ok())
        });
        // Its links and paragraph table are not needed past this point.
        clusters = clustering.clusters;
    }
    if config.excerpts && !config.pairs_only {
        let (found, excerpt_warnings) =
            reread::excerpts(&corpus, &articles, &paragraphs, &excerpt_paragraphs(&clusters));
        excerpts = found;
        warnings.extend(excerpt_warnings);
    }
    // The candidates and the verification's sets are gone.
    memory::give_back();
    let found = if config.searches_passages() {
        progress.stage(Stage::Passages);
        let aside = words.set_aside().map_err(Error::Temp)?;
        let reported_blocks: Vec<&BlockMatch> = blocks.iter().collect();
        let found =
            passages::find(&corpus, &articles, &paragraphs, &prints, &clusters, &reported_blocks, config);
        let mut found = found.map_err(Error::Temp)?;
        // The passages grew by doubling, and the texts aligned, split into
        // sentences, are gone: their room is given back before the words
        // come back into it.
        found.passages.shrink_to_fit();
        memory::give_back();
        words.take_back(aside).map_err(Error::Temp)?;
        found
    } else {
        passages::Found::default()
    };
    warnings.extend(found.warnings);
    warnings.sort();
    warnings.dedup();
    Ok(Scan {
        sketch: sketcher.params().clone(),
        threshold: config.threshold,
        sources,
        articles,
        paragraphs,
        candidates: candidate_count,
        edges,
        blocks,
        clusters,
        excerpts,
        words,
        unread,
        passages: found.passages,
        passages_searched: config.searches_passages(),
        passage_min_bytes: config.align.min_bytes,
        passage_max_articles: config.passage_max_articles,
        passage_candidates: found.candidates,
        stock_fingerprints: found.stock,
        warnings,
        separators,
        streams,
    })
}

/// The pairs to report (sorted), linear in cluster size where all verified
/// pairs are not; a block match is reported when it holds one of them: each clustered paragraph against its cluster's center; for each two
/// clusters joined by verified pairs, the most similar such pair (so that
/// related clusters stay linked); every verified pair touching a paragraph
/// left out of all clusters.
fn reported_pairs(edges: &[Edge], clustering: &cluster::Clustering) -> Vec<(u32, u32)> {
    let mut pairs = clustering.links.clone();
    let mut bridges: std::collections::BTreeMap<(u32, u32), Edge> = Default::default();
    for e in edges {
        match (clustering.star_of[e.p as usize], clustering.star_of[e.q as usize]) {
            (Some(x), Some(y)) if x != y => {
                let best = bridges.entry((x.min(y), x.max(y))).or_insert(*e);
                if e.similarity.jaccard() > best.similarity.jaccard() {
                    *best = *e;
                }
            }
            (Some(_), Some(_)) => {}
            _ => pairs.push(*e),
        }
    }
    pairs.extend(bridges.into_values());
    let mut pairs: Vec<(u32, u32)> = pairs.iter().map(|e| (e.p, e.q)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The paragraphs whose excerpts the report shows: the first ones of each
/// cluster's center block, as many as the cluster excerpt can hold (each
/// adds at least one character and a separator).
fn excerpt_paragraphs(clusters: &[Cluster]) -> Vec<u32> {
    let most = (crate::report::build::EXCERPT_CHARS / 4 + 1) as u32;
    let mut out: Vec<u32> = clusters
        .iter()
        .flat_map(|c| {
            let m = c.members[c.center];
            m.first_p..m.first_p + (m.last - m.first + 1).min(most)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sketcher `config` describes, with the band layout of its threshold.
fn sketcher(config: &Config) -> Sketcher {
    Sketcher::new(SketchParams {
        shingle: ShingleParams { size: config.shingle_size, min_words: config.min_words, seed: config.seed },
        permutations: config.permutations,
        lsh: LshParams::for_threshold(config.threshold, config.permutations),
        seed: config.seed,
        separator: config.paragraph_sep.clone(),
        fingerprints: config.searches_passages(),
        provenance: !config.pairs_only,
    })
}

/// The paragraphs taking part in `pairs`, sorted and unique.
fn paragraphs_of(pairs: &[(u32, u32)]) -> Vec<u32> {
    let mut paragraphs: Vec<u32> = pairs.iter().flat_map(|&(p, q)| [p, q]).collect();
    paragraphs.par_sort_unstable();
    paragraphs.dedup();
    paragraphs
}

/// The run's paragraph table, each paragraph's row hash, and which
/// paragraphs can be matched.
fn paragraph_table(articles: &[ArticleSketch]) -> Result<ParagraphTable, Error> {
    let total: usize = articles.iter().map(|a| a.paragraphs.len()).sum();
    if total > u32::MAX as usize || articles.len() > u32::MAX as usize {
        return Err(Error::Config(format!(
            "corpus too large for one run: {} articles, {total} paragraphs (at most {} of each)",
            articles.len(),
            u32::MAX
        )));
    }
    let mut paras = Vec::with_capacity(total);
    let mut rows = Vec::with_capacity(total);
    let mut active = Vec::with_capacity(total);
    for (ai, a) in articles.iter().enumerate() {
        for (pi, p) in a.paragraphs.iter().enumerate() {
            paras.push(ParaRef { article: ai as u32, index: pi as u32 });
            rows.push(p.digest);
            active.push(p.shingles > 0);
        }
    }
    Ok((paras, rows, active))
}

/// Paragraph table, row hashes, and which paragraphs can be matched.
type ParagraphTable = (Vec<ParaRef>, Vec<u64>, Vec<bool>);
