//! The first read: every source read in batches and its articles
//! sketched in parallel, band keys and passage fingerprints spilled to disk
//! as each batch is done; then repeated article ids made distinct.

use rayon::prelude::*;

use super::{Progress, batches, guard};
use crate::error::Warning;
use crate::input::{Article, ReadOptions, Source};
use crate::segment;
use crate::sketch::{ArticleSketch, Sketcher};
use crate::spill::Segments;

/// What the first read gives.
#[derive(Default)]
pub(super) struct Sketched {
    /// The articles sketched, in source order then record order.
    pub(super) articles: Vec<ArticleSketch>,
    /// Warnings of the read, and articles replaced by a warning.
    pub(super) warnings: Vec<Warning>,
    /// The separator found obvious for each source (one entry per source).
    pub(super) separators: Vec<Option<&'static str>>,
    /// The first failure to write band keys to the spill, if any.
    pub(super) spill_error: Option<std::io::Error>,
}

/// Reads every source and sketches its articles, in source order; their
/// band keys go to the first spill and their passage fingerprints to the
/// second (by hash range, each with its article's place in the batch and
/// its paragraph), and are dropped from the sketches.
pub(super) fn sketch_all(
    sources: &[Source],
    options: &ReadOptions,
    sketcher: &Sketcher,
    (spill, prints): (&Segments, &Segments),
    progress: &dyn Progress,
) -> Sketched {
    let bands = sketcher.params().lsh.bands.max(1);
    let per_source: Vec<Sketched> = sources
        .par_iter()
        .enumerate()
        .map(|(i, source)| {
            let mut out = Sketched::default();
            let mut warnings = Vec::new();
            // Decided on the first batch, the file's sample (see `segment`).
            let mut local: Option<Sketcher> = None;
            let mut seq = 0u32;
            // The sketches of the batch before, stored while this one is
            // sketched (so the threads are not left idle while one stores).
            let mut pending: Option<Batch> = None;
            let mut store = |batch: Batch, out: &mut Sketched| {
                let spilled = spill_batch(batch, (i as u32, seq), bands, (spill, prints), out);
                progress.read(spilled.0, spilled.1);
                seq += 1;
            };
            let mut flush = |batch: Vec<Article>| {
                let local = local.get_or_insert_with(|| {
                    let separator = segment::detect_file_separator(batch.iter().map(|a| a.text.as_str()));
                    out.separators.push(separator);
                    sketcher.for_source(separator)
                });
                let bytes: usize = batch.iter().map(|a| a.text.len()).sum();
                let count = batch.len();
                let before = pending.take();
                let (_, sketched) = rayon::join(
                    || before.map(|b| store(b, &mut out)),
                    || {
                        batch
                            .into_par_iter()
                            .map(|a| guard::sketch(local, a, source, &options.faults))
                            .collect()
                    },
                );
                pending = Some(Batch { sketched, count: count as u64, bytes: bytes as u64 });
            };
            batches::read_batches(i as u32, source, options, &mut flush, &mut warnings);
            if let Some(last) = pending.take() {
                store(last, &mut out);
            }
            out.warnings.extend(warnings);
            out
        })
        .collect();
    let mut all = Sketched::default();
    for mut s in per_source {
        if all.articles.is_empty() {
            // One big source (a JSONL dump): move, do not copy.
            std::mem::swap(&mut all.articles, &mut s.articles);
        } else {
            all.articles.append(&mut s.articles);
        }
        all.warnings.extend(s.warnings);
        all.separators.extend(s.separators);
        all.spill_error = all.spill_error.or(s.spill_error);
    }
    all.articles.shrink_to_fit();
    all
}

/// One batch of a source, sketched.
struct Batch {
    /// Each article's sketch, or the warning that replaced it.
    sketched: Vec<(Option<ArticleSketch>, Option<Warning>)>,
    /// Articles read.
    count: u64,
    /// Bytes of their text.
    bytes: u64,
}

/// Stores `batch` (batch `seq` of its source) in `out`: its band keys,
/// column by column, go to `spill` and its passage fingerprints to `prints`
/// (by hash range), both dropped from the sketches. Returns the articles
/// and bytes read.
fn spill_batch(
    batch: Batch,
    seq: (u32, u32),
    bands: usize,
    (spill, prints): (&Segments, &Segments),
    out: &mut Sketched,
) -> (u64, u64) {
    let mut sketches = Vec::with_capacity(batch.sketched.len());
    for (sketch, warning) in batch.sketched {
        sketches.extend(sketch);
        out.warnings.extend(warning);
    }
    // Band by band: a band's keys are one segment of the chunk.
    let mut columns = vec![Vec::new(); bands];
    for a in &sketches {
        for row in a.band_keys.chunks_exact(bands) {
            columns.iter_mut().zip(row).for_each(|(column, &key)| column.push(key));
        }
    }
    if let Err(e) = spill.write(seq, sketches.len() as u64, &columns) {
        out.spill_error.get_or_insert(e);
    }
    let mut parts = vec![Vec::new(); crate::passages::HASH_PARTS];
    for (k, a) in sketches.iter_mut().enumerate() {
        a.band_keys = Vec::new();
        for (h, p) in std::mem::take(&mut a.fingerprints) {
            parts[crate::passages::hash_part(h)].extend([h, (k as u64) << 32 | u64::from(p)]);
        }
    }
    // Written even when empty: its article count places the next.
    if let Err(e) = prints.write(seq, sketches.len() as u64, &parts) {
        out.spill_error.get_or_insert(e);
    }
    out.articles.append(&mut sketches);
    (batch.count, batch.bytes)
}

/// Gives every article a distinct id: a repeated id gets the first free
/// suffix `#2`, `#3`, … in article order (never one another article already
/// has), with a warning.
pub(super) fn unique_ids(articles: &mut [ArticleSketch], sources: &[Source]) -> Vec<Warning> {
    let mut taken: std::collections::HashSet<String> = articles.iter().map(|a| a.meta.id.clone()).collect();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for a in articles.iter_mut() {
        if seen.insert(a.meta.id.clone()) {
            continue;
        }
        let renamed = (2..)
            .map(|n| format!("{}#{n}", a.meta.id))
            .find(|name| !taken.contains(name))
            .unwrap_or_default();
        taken.insert(renamed.clone());
        seen.insert(renamed.clone());
        let message = format!("duplicate article id {:?}, reported as {renamed:?}", a.meta.id);
        warnings.push(Warning::at(&sources[a.key.source as usize].display, a.key.line, message));
        a.meta.id = renamed;
    }
    warnings
}
