//! The progress line on stderr: a spinner with the stage, articles and
//! bytes read and their rates, drawn only when stderr is a terminal and
//! `--quiet` is not given; notes (`wiretrace: note: …`, such as the format
//! sniffed for `/dev/stdin`), unless `--quiet`; and the one-line summary at
//! the end.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use wiretrace::pipeline::{Progress, Stage};
pub use wiretrace::report::{count, thousands};

/// A scan's progress, drawn on stderr.
pub struct Bar {
    bar: ProgressBar,
    start: Instant,
    articles: AtomicU64,
    bytes: AtomicU64,
    /// Seconds the reading took, once it is over (the rates stop there).
    reading: OnceLock<f64>,
    /// Held while the reading line is redrawn, so that two threads cannot
    /// show their totals out of order (a count going back).
    redraw: Mutex<()>,
    /// `--quiet`: notes are not printed either.
    quiet: bool,
}

impl Bar {
    /// A bar on stderr (hidden when stderr is not a terminal), or a hidden
    /// one when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(ProgressStyle::with_template("{spinner} [{elapsed}] {msg}").unwrap_or_else(|_| {
            // The template is a constant; its check cannot fail at run time.
            ProgressStyle::default_spinner()
        }));
        if !bar.is_hidden() {
            bar.enable_steady_tick(Duration::from_millis(200));
        }
        Bar {
            bar,
            start: Instant::now(),
            articles: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            reading: OnceLock::new(),
            redraw: Mutex::new(()),
            quiet,
        }
    }

    /// The bar shows `what` (a stage after the scan: "writing the report").
    pub fn show(&self, what: &str) {
        self.bar.set_message(format!("{what} ({})", self.totals()));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Seconds since the bar was made.
    pub fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    /// "N articles, X MB read, R articles/s, S MB/s" so far (the rates of
    /// the reading alone once it is over).
    fn totals(&self) -> String {
        let articles = self.articles.load(Ordering::Relaxed);
        let bytes = self.bytes.load(Ordering::Relaxed);
        let seconds = self.reading.get().copied().unwrap_or_else(|| self.elapsed()).max(1e-3);
        format!(
            "{} articles, {} read, {} articles/s, {}/s",
            thousands(articles),
            human_bytes(bytes),
            thousands((articles as f64 / seconds) as u64),
            human_bytes((bytes as f64 / seconds) as u64)
        )
    }
}

impl Progress for Bar {
    fn stage(&self, stage: Stage) {
        if stage != Stage::Reading {
            let _ = self.reading.set(self.elapsed());
        }
        self.show(stage.label());
    }

    fn read(&self, articles: u64, bytes: u64) {
        self.articles.fetch_add(articles, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        // A poisoned lock only means another thread panicked mid-redraw.
        let _turn = self.redraw.lock().unwrap_or_else(|e| e.into_inner());
        self.bar.set_message(format!("reading: {}", self.totals()));
    }

    fn note(&self, note: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("wiretrace: note: {note}"));
        }
    }
}

/// Bytes in the unit that reads best: "812 B", "14.2 KB", "45.1 MB", "3.2 GB".
pub fn human_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.1} GB", b / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_easily() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(14_200), "14.2 KB");
        assert_eq!(human_bytes(45_100_000), "45.1 MB");
        assert_eq!(human_bytes(3_200_000_000), "3.2 GB");
    }
}
