//! Clean over a corpus: scan it, plan the removals, then clean every source
//! (in parallel, a chunk of sources at a time) and write the removal log in
//! source order, so the output does not depend on the thread count.

use rayon::prelude::*;

use crate::clean::output::{self, Interrupt, LOG_NAME, Staged};
use crate::clean::source::{Job, SourceDone, clean_source};
use crate::clean::{CleanConfig, Cleaned};
use crate::error::{Error, Warning};
use crate::input::{Compression, ReadOptions};
use crate::sketch::Sketcher;

/// Sources cleaned in parallel before their logs are written out, which
/// bounds the log held in memory.
const CHUNK: usize = 64;

/// Cleans the corpus `config` names into `config.out`.
pub fn clean(config: &CleanConfig) -> Result<Cleaned, Error> {
    clean_with(config, &super::Silent)
}

/// Cleans the corpus `config` names into `config.out`, telling `progress`
/// how it goes.
pub fn clean_with(config: &CleanConfig, progress: &dyn super::Progress) -> Result<Cleaned, Error> {
    config.validate()?;
    output::check_out(&config.scan.paths, &config.out)?;
    let mut scan = super::scan_with(&config.scan, progress)?;
    progress.stage(super::Stage::Cleaning);
    let plan = crate::clean::settle::settled(&mut scan, &config.policy);
    // The settle rounds' regions and marks are gone.
    super::memory::give_back();
    let scan = scan;
    // A stream was read from a temporary copy; its cleaned copy is named
    // after the stream as given (`/dev/stdin` -> `OUT/stdin`).
    let named: Vec<_> = (scan.sources.iter())
        .map(|s| match scan.streams.original(&s.path) {
            Some(path) => crate::input::Source { path: path.to_path_buf(), ..s.clone() },
            None => s.clone(),
        })
        .collect();
    let targets = output::targets(&named, &config.scan.paths, &config.out)?;
    let hook = config.fail_after_files.map(Interrupt::after);
    let options = ReadOptions { fields: config.scan.fields.clone(), faults: config.scan.faults.clone() };
    let sketcher = Sketcher::new(scan.sketch.clone());
    let job = Job {
        scan: &scan,
        plan: &plan,
        options: &options,
        sketcher: &sketcher,
        targets: &targets,
        dry_run: config.dry_run,
        hook: hook.as_ref(),
    };
    let log_path = config.out.join(LOG_NAME);
    let write_error = |source| Error::Write { path: log_path.clone(), source };
    let mut log = Staged::create(&log_path, Compression::None, None).map_err(write_error)?;
    let mut cleaned = Cleaned {
        read: scan.articles.len(),
        log: log_path.clone(),
        warnings: scan.warnings.clone(),
        ..Cleaned::default()
    };
    let mut more: Vec<Warning> = Vec::new();
    let ranges = source_ranges(&scan);
    for chunk in ranges.chunks(CHUNK) {
        let done: Vec<Result<SourceDone, Error>> =
            chunk.par_iter().map(|(s, articles)| clean_source(&job, *s, articles.clone())).collect();
        for d in done {
            let d = d?;
            d.log.copy_to(&mut log).map_err(write_error)?;
            cleaned.written += d.written;
            cleaned.bytes += d.bytes;
            for (total, n) in cleaned.removed.iter_mut().zip(d.removed) {
                *total += n;
            }
            more.extend(d.warnings);
        }
    }
    log.commit(None).map_err(write_error)?;
    more.sort();
    cleaned.warnings.extend(more);
    Ok(cleaned)
}

/// Each source with the range of its articles (sources in order).
fn source_ranges(scan: &super::Scan) -> Vec<(usize, std::ops::Range<usize>)> {
    let start = |s: usize| scan.articles.partition_point(|a| (a.key.source as usize) < s);
    (0..scan.sources.len()).map(|s| (s, start(s)..start(s + 1))).collect()
}
