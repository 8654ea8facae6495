//! Fault injection for tests: a run made to fail at a chosen point, so that
//! tests can check that one failure loses nothing else. Inert unless set,
//! and set only by [`Faults::from_env`] from variables no user has a reason
//! to set:
//!
//! - `WIRETRACE_TEST_PANIC=STAGE:MARKER` panics while processing any
//!   article whose text holds `MARKER`, in `STAGE`: `read` (as its file is
//!   read), `sketch`, `reread` (rebuilding its candidate paragraphs) or
//!   `align` (aligning it with another article).
//! - `WIRETRACE_TEST_PAUSE=DIR` makes a scan, once every file has been read
//!   the first time, create `DIR/paused` and wait until `DIR/resume` exists
//!   (two minutes at most), so that a test can remove or lock files between
//!   the two reads.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where an injected panic happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// While the article's file is read.
    Read,
    /// While the article is sketched.
    Sketch,
    /// While its candidate paragraphs are rebuilt from a second read.
    Reread,
    /// While it is aligned with another article.
    Align,
}

/// Faults to inject; the default injects none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    /// Panic in this stage on any article whose text holds this marker.
    pub panic: Option<(Stage, String)>,
    /// Directory of the pause between the two reads.
    pub pause: Option<PathBuf>,
}

/// Longest pause between the two reads.
const MAX_PAUSE: Duration = Duration::from_secs(120);

impl Faults {
    /// The faults the `WIRETRACE_TEST_*` environment variables ask for.
    pub fn from_env() -> Faults {
        let panic = std::env::var("WIRETRACE_TEST_PANIC").ok().and_then(|v| {
            let (stage, marker) = v.split_once(':')?;
            let stage = match stage {
                "read" => Stage::Read,
                "sketch" => Stage::Sketch,
                "reread" => Stage::Reread,
                "align" => Stage::Align,
                _ => return None,
            };
            (!marker.is_empty()).then(|| (stage, marker.to_string()))
        });
        let pause = std::env::var_os("WIRETRACE_TEST_PAUSE").map(PathBuf::from);
        Faults { panic, pause }
    }

    /// Panics if asked to for `text` in `stage`.
    pub fn check(&self, stage: Stage, text: &str) {
        if let Some((at, marker)) = &self.panic
            && *at == stage
            && text.contains(marker.as_str())
        {
            panic!("injected test panic in stage {stage:?}");
        }
    }

    /// The pause between the two reads, if one was asked for.
    pub fn pause_after_first_read(&self) {
        let Some(dir) = &self.pause else { return };
        if std::fs::write(dir.join("paused"), b"").is_err() {
            return;
        }
        let start = Instant::now();
        while !dir.join("resume").exists() && start.elapsed() < MAX_PAUSE {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
