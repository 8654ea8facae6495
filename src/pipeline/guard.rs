//! Guard: a panic while processing one article (or one pair of articles) is
//! a bug, but it must not lose the other articles' results. Each article's
//! (or pair's) work runs under [`catch`]; a panic becomes a warning naming
//! the article, and the run goes on without that article's part.
//!
//! The process must unwind on panic (the default; `panic = "abort"` in a
//! profile would defeat this).

use crate::error::Warning;
use crate::faults::{Faults, Stage};
use crate::input::{Article, Source};
use crate::sketch::{ArticleSketch, Sketcher};

/// Runs `f`, turning a panic into its message.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".into())
    })
}

/// The message of a warning about a caught panic: what was being done, what
/// is left out, and the panic's own message.
pub(crate) fn bug(doing: &str, left_out: &str, panic: &str) -> String {
    format!("internal error while {doing} (a bug in wiretrace; please report it): {panic}; {left_out}")
}

/// Sketches `article` of `source`, catching a panic: the sketch, and a
/// warning when the article was left out or had paragraphs split.
pub(super) fn sketch(
    sketcher: &Sketcher,
    article: Article,
    source: &Source,
    faults: &Faults,
) -> (Option<ArticleSketch>, Option<Warning>) {
    let line = article.key.line;
    let warn = |message: String| Some(Warning::at(&source.display, line, message));
    let sketched = catch(|| {
        faults.check(Stage::Sketch, &article.text);
        sketcher.sketch(article)
    });
    match sketched {
        Ok(s) if s.long_paragraphs > 0 => {
            let message = format!(
                "{} paragraph(s) longer than {} KiB, each split into pieces at white space",
                s.long_paragraphs,
                crate::segment::MAX_PARAGRAPH_BYTES >> 10
            );
            (Some(s), warn(message))
        }
        Ok(s) => (Some(s), None),
        Err(panic) => (None, warn(bug("sketching this article", "the article is left out", &panic))),
    }
}
