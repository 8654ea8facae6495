//! Progress: what a running scan tells its caller. The library never
//! prints; the command draws a bar from these calls (or nothing).

/// The stages of a scan, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading, segmenting, shingling and MinHashing every article.
    Reading,
    /// LSH: candidate paragraph pairs.
    Candidates,
    /// Re-reading candidate paragraphs and checking each pair exactly.
    Verifying,
    /// Blocks and clusters.
    Clustering,
    /// Shared passages between article pairs.
    Passages,
    /// `clean`: reading each source again and writing its cleaned copy
    /// and the removal log.
    Cleaning,
}

impl Stage {
    /// The stage in a few words.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Candidates => "finding candidate pairs",
            Stage::Verifying => "verifying pairs",
            Stage::Clustering => "clustering",
            Stage::Passages => "aligning passages",
            Stage::Cleaning => "writing the cleaned copy",
        }
    }
}

/// Receives a scan's progress; called from worker threads.
pub trait Progress: Sync {
    /// `stage` begins.
    fn stage(&self, stage: Stage) {
        let _ = stage;
    }

    /// `articles` more articles holding `bytes` bytes of text were read
    /// and sketched.
    fn read(&self, articles: u64, bytes: u64) {
        let _ = (articles, bytes);
    }

    /// Something the user should know that is not a problem: an input read
    /// in a format chosen from its content ("/dev/stdin: read as JSON
    /// Lines: …"). Unlike a warning it is not in the report and does not
    /// fail `--strict`.
    fn note(&self, note: &str) {
        let _ = note;
    }
}

/// Progress that goes nowhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {}
