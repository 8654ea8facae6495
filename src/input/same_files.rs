//! One file reached through several paths of the command line
//! (`scan corpus corpus/reuters/x.txt`, `scan corpus corpus`) is read once,
//! always the same way, whatever the order of the paths.
//!
//! Which copy is kept decides the article's id and outlet, so the choice
//! depends on the copies alone, never on their order:
//! 1. a copy found by walking a directory beats the file named directly
//!    (its id is its path below that directory, its outlet the directory
//!    above it, exactly as when the directory is scanned alone);
//! 2. among directories, the outermost one (the longest path below it);
//! 3. then the smallest display path, relative path and named path.
//!
//! Each path of the command line that lost copies to another gets one
//! warning (a symbolic link in a directory to a file of the same directory
//! is read once too, without one).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Source;
use crate::error::Warning;

/// A file found under one path of the command line.
pub(super) struct Found {
    /// The file.
    pub source: Source,
    /// The path of the command line it was found through, as displayed.
    pub root: String,
    /// The index of that path among those of the command line.
    pub arg: usize,
    /// Whether that path is the file itself (not a directory above it).
    pub direct: bool,
}

impl Found {
    /// Orders copies of one file: the one kept comes first (never by `arg`,
    /// so that the order of the command line does not matter).
    fn preference(&self) -> (bool, std::cmp::Reverse<usize>, &str, &str, &str) {
        let depth = self.source.relative.split('/').count();
        (self.direct, std::cmp::Reverse(depth), &self.source.display, &self.source.relative, &self.root)
    }
}

/// The sources of `found`, each file once (in no particular order), with a
/// warning in `warnings` for each path of the command line whose files were
/// also reached through another.
pub(super) fn read_once(found: Vec<Found>, warnings: &mut Vec<Warning>) -> Vec<Source> {
    let mut by_file: BTreeMap<PathBuf, Vec<Found>> = BTreeMap::new();
    for f in found {
        let key = std::fs::canonicalize(&f.source.path).unwrap_or_else(|_| f.source.path.clone());
        by_file.entry(key).or_default().push(f);
    }
    // (path that lost copies, path that kept them) -> (count, first file, direct ones).
    let mut lost: BTreeMap<(String, String), (usize, String, bool, bool)> = BTreeMap::new();
    let mut sources = Vec::with_capacity(by_file.len());
    for (_, mut copies) in by_file {
        copies.sort_by(|a, b| a.preference().cmp(&b.preference()));
        let mut copies = copies.into_iter();
        let Some(kept) = copies.next() else { continue };
        // Links inside one directory to a file of it are read once, quietly.
        for dropped in copies.filter(|d| d.arg != kept.arg) {
            let entry = lost
                .entry((dropped.root.clone(), kept.root.clone()))
                .or_insert_with(|| (0, dropped.source.display.clone(), dropped.direct, kept.direct));
            entry.0 += 1;
            entry.1 = entry.1.clone().min(dropped.source.display);
        }
        sources.push(kept.source);
    }
    for ((dropped, kept), (count, example, dropped_direct, kept_direct)) in lost {
        let message = match (dropped_direct, kept_direct) {
            (true, true) => format!("named more than once on the command line (also as {kept}); read once"),
            (true, false) => format!(
                "named on the command line and also found in the directory {kept}; read once, as a file \
                 of {kept} (its id and outlet come from its path below {kept})"
            ),
            _ if dropped == kept => {
                "named more than once on the command line; each of its files is read once".to_string()
            }
            _ => format!(
                "{count} file(s) in it also found through {kept} on the command line (e.g. {example}); each \
                 is read once, as a file of {kept}"
            ),
        };
        warnings.push(Warning::file(dropped, message));
    }
    sources
}
