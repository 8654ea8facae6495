//! Finding the files to read under the paths the user named.

use std::path::{Path, PathBuf};

use crate::error::{Error, Warning};

use super::same_files::{self, Found};

/// How a file's content is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One article per file.
    Text,
    /// JSON Lines: one article object per line.
    Jsonl,
    /// CSV (or TSV) with a header row: one article per record.
    Csv {
        /// Field delimiter: `,` for `.csv`, tab for `.tsv`.
        delimiter: u8,
    },
}

/// How a file is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`), possibly several members.
    Gzip,
    /// Zstandard (`.zst`, `.zstd`).
    Zstd,
}

impl Compression {
    /// Its name in messages ("gzip"), or `None` when not compressed.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Compression::None => None,
            Compression::Gzip => Some("gzip"),
            Compression::Zstd => Some("zstd"),
        }
    }
}

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Where to open it.
    pub path: PathBuf,
    /// How reports name it: the path as given, joined with the path below it.
    pub display: String,
    /// Its path relative to the scanned root (its file name when the user
    /// named the file itself): the article id of a text file.
    pub relative: String,
    /// The directory just above the file, when it is below the scanned root:
    /// the outlet of last resort.
    pub parent: Option<String>,
    /// Layout of the content.
    pub format: Format,
    /// Compression of the file.
    pub compression: Compression,
}

/// Finds every file to read under `paths`, sorted by display path.
///
/// A directory is walked recursively (hidden entries skipped; a symbolic
/// link to a file is read, one to a directory is not followed, so link loops
/// cannot trap the walk); files in it whose extension is not a known format are
/// skipped with one warning. A file named directly is always read, as plain
/// text if its extension is unknown until [`settle_formats`](super::settle_formats)
/// sniffs its content. A file reached through several paths is
/// read once, the same way whatever the order of `paths` (the copy found
/// through the outermost directory wins). A path that does not exist is an error.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Warning>), Error> {
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    for (arg, root) in paths.iter().enumerate() {
        let meta = std::fs::metadata(root).map_err(|source| Error::Path { path: root.clone(), source })?;
        if meta.is_dir() {
            let mut sources = Vec::new();
            walk(root, &mut sources, &mut warnings);
            found.extend(sources.into_iter().map(|source| Found {
                source,
                root: display(root),
                arg,
                direct: false,
            }));
        } else {
            let name = file_name(root);
            let (format, compression) = detect(&name).unwrap_or((Format::Text, compression_of(&name)));
            let source = Source {
                path: root.clone(),
                display: display(root),
                relative: name,
                parent: None,
                format,
                compression,
            };
            found.push(Found { source, root: display(root), arg, direct: true });
        }
    }
    let mut sources = same_files::read_once(found, &mut warnings);
    sources.sort_by(|a, b| a.display.cmp(&b.display).then_with(|| a.path.cmp(&b.path)));
    disambiguate_relative(&mut sources);
    Ok((sources, warnings))
}

fn walk(root: &Path, sources: &mut Vec<Source>, warnings: &mut Vec<Warning>) {
    let mut unknown: Vec<String> = Vec::new();
    let before = sources.len();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !file_name(e.path()).starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(display).unwrap_or_else(|| display(root));
                warnings.push(Warning::file(path, format!("cannot read directory entry: {err}")));
                continue;
            }
        };
        // The root is a directory (a link to one named on the command line
        // is followed: the user named it); only what is below it is read.
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_symlink() {
            if let Some(message) = unreadable_link(path) {
                warnings.push(Warning::file(display(path), message));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let relative = relative_path(root, path);
        let Some((format, compression)) = detect(&file_name(path)) else {
            unknown.push(relative);
            continue;
        };
        let parent = Path::new(&relative)
            .parent()
            .and_then(|p| p.file_name())
            .map(|p| p.to_string_lossy().into_owned());
        sources.push(Source {
            path: path.to_path_buf(),
            display: display(path),
            relative,
            parent,
            format,
            compression,
        });
    }
    if sources.len() == before {
        let message = "no file to read in this directory (nothing ending in .txt, .text, .jsonl, \
                       .ndjson, .csv or .tsv, optionally .gz or .zst)";
        warnings.push(Warning::file(display(root), message));
    }
    if let Some(first) = unknown.first() {
        warnings.push(Warning::file(
            display(root),
            format!(
                "skipped {} file(s) whose extension is not .txt, .text, .jsonl, .ndjson, .csv or .tsv \
                 (optionally .gz or .zst), e.g. {first}",
                unknown.len()
            ),
        ));
    }
}

/// Why the symbolic link `path` met in a directory is not read, or `None`
/// when it leads to a file. Links to directories are not followed, so a
/// link loop cannot trap the walk; each such link is named.
fn unreadable_link(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(target) if target.is_file() => None,
        Ok(target) if target.is_dir() => Some("symbolic link to a directory, not followed".into()),
        Ok(_) => Some("symbolic link to something that is not a file, skipped".into()),
        Err(err) if err.raw_os_error() == Some(ELOOP) => Some(format!("symbolic link loop, skipped: {err}")),
        Err(err) => Some(format!("broken symbolic link, skipped: {err}")),
    }
}

/// The OS error of a path whose links lead back to themselves (the
/// standard library's name for it is not stable yet).
const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };

/// Format and compression from a file name, or `None` if the extension is
/// not one we read.
pub(crate) fn detect(name: &str) -> Option<(Format, Compression)> {
    let lower = name.to_ascii_lowercase();
    let compression = compression_of(&lower);
    let inner = match compression {
        Compression::None => lower.as_str(),
        _ => lower.rsplit_once('.').map_or(lower.as_str(), |(stem, _)| stem),
    };
    let ext = inner.rsplit_once('.').map(|(_, ext)| ext)?;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "jsonl" | "ndjson" => Format::Jsonl,
        "csv" => Format::Csv { delimiter: b',' },
        "tsv" => Format::Csv { delimiter: b'\t' },
        _ => return None,
    };
    Some((format, compression))
}

/// The compression a file name's last extension gives.
pub(crate) fn compression_of(name: &str) -> Compression {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".gz") {
        Compression::Gzip
    } else if lower.ends_with(".zst") || lower.ends_with(".zstd") {
        Compression::Zstd
    } else {
        Compression::None
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn relative_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Two roots may hold files with the same relative path; those files are
/// then named by their display path so that article ids stay unique.
fn disambiguate_relative(sources: &mut [Source]) {
    let mut counts = std::collections::BTreeMap::new();
    for s in sources.iter() {
        *counts.entry(s.relative.clone()).or_insert(0usize) += 1;
    }
    for s in sources.iter_mut() {
        if counts[&s.relative] > 1 {
            s.relative = s.display.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_and_compression() {
        assert_eq!(detect("a.txt"), Some((Format::Text, Compression::None)));
        assert_eq!(detect("A.JSONL.GZ"), Some((Format::Jsonl, Compression::Gzip)));
        assert_eq!(detect("x.tsv.zst"), Some((Format::Csv { delimiter: b'\t' }, Compression::Zstd)));
        assert_eq!(detect("x.csv"), Some((Format::Csv { delimiter: b',' }, Compression::None)));
        assert_eq!(detect("x.pdf"), None);
        assert_eq!(detect("README"), None);
        assert_eq!(detect("x.gz"), None);
    }
}
