//! Output: where each cleaned file goes, and writing it atomically.
//!
//! Every file is written to a hidden temporary file in its destination
//! directory (`.NAME.XXXXXX.tmp`), compressed as its source was, flushed to
//! disk, then renamed to its final name. A run that fails or is killed
//! leaves no file under a final name that is not complete (at most a hidden
//! temporary file, removed on failure).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::Error;
use crate::input::{Compression, Format, Source};

/// Name of the removal log inside `--out`.
pub const LOG_NAME: &str = "removed.jsonl";

/// A test hook: after `after` files have been written, the next one fails
/// half-way (its temporary file holds part of its data when it fails).
#[derive(Debug)]
pub struct Interrupt {
    after: usize,
    committed: AtomicUsize,
}

impl Interrupt {
    /// A hook failing the file written after `after` others.
    pub fn after(after: usize) -> Self {
        Interrupt { after, committed: AtomicUsize::new(0) }
    }
}

/// A file being written under a temporary name.
pub struct Staged<'a> {
    tmp: tempfile::NamedTempFile,
    encoder: Option<Encoder>,
    dest: PathBuf,
    hook: Option<&'a Interrupt>,
    fail: bool,
}

enum Encoder {
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl<'a> Staged<'a> {
    /// Starts writing `dest` (its directory is created), compressing as
    /// `compression` says; `hook` is the test hook, if any.
    pub fn create(dest: &Path, compression: Compression, hook: Option<&'a Interrupt>) -> io::Result<Self> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
        let file = BufWriter::with_capacity(1 << 16, tmp.as_file().try_clone()?);
        let encoder = match compression {
            Compression::None => Encoder::Plain(file),
            Compression::Gzip => {
                Encoder::Gzip(flate2::write::GzEncoder::new(file, flate2::Compression::default()))
            }
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(file, 0)?),
        };
        let fail = hook.is_some_and(|h| h.committed.load(Ordering::SeqCst) >= h.after);
        Ok(Staged { tmp, encoder: Some(encoder), dest: dest.to_path_buf(), hook, fail })
    }

    /// Finishes the compressed stream, flushes it to disk, gives the file
    /// the permissions of `like` (or ordinary ones) and renames it to its
    /// final name.
    pub fn commit(mut self, like: Option<&Path>) -> io::Result<()> {
        let file = match self.encoder.take() {
            Some(Encoder::Plain(w)) => w.into_inner().map_err(io::IntoInnerError::into_error)?,
            Some(Encoder::Gzip(w)) => w.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?,
            Some(Encoder::Zstd(w)) => w.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?,
            None => return Err(io::Error::other("file already finished")),
        };
        file.sync_all()?;
        let permissions = match like.map(std::fs::metadata) {
            Some(Ok(meta)) => meta.permissions(),
            _ => ordinary_permissions(&file)?,
        };
        file.set_permissions(permissions)?;
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        if let Some(hook) = self.hook {
            hook.committed.fetch_add(1, Ordering::SeqCst);
        }
        Ok(())
    }
}

impl Write for Staged<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.fail {
            // Leave part of the data in the temporary file, as a crash would.
            let half = buf.len() / 2;
            if let Some(Encoder::Plain(w)) = &mut self.encoder {
                w.write_all(&buf[..half])?;
                w.flush()?;
            }
            return Err(io::Error::other("interrupted by the test hook --fail-after-files"));
        }
        match &mut self.encoder {
            Some(Encoder::Plain(w)) => w.write(buf),
            Some(Encoder::Gzip(w)) => w.write(buf),
            Some(Encoder::Zstd(w)) => w.write(buf),
            None => Err(io::Error::other("file already finished")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.encoder {
            Some(Encoder::Plain(w)) => w.flush(),
            Some(Encoder::Gzip(w)) => w.flush(),
            Some(Encoder::Zstd(w)) => w.flush(),
            None => Ok(()),
        }
    }
}

/// Read-write for the owner, readable by others (what a new file usually
/// gets), instead of the temporary file's owner-only mode.
fn ordinary_permissions(file: &File) -> io::Result<std::fs::Permissions> {
    let mut permissions = file.metadata()?.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        permissions.set_mode(0o644);
    }
    #[cfg(not(unix))]
    permissions.set_readonly(false);
    Ok(permissions)
}

/// Refuses an `out` that is an input or inside one, or that is not an empty
/// (or missing) directory.
pub fn check_out(inputs: &[PathBuf], out: &Path) -> Result<(), Error> {
    let refuse = |m: String| Err(Error::Config(m));
    let shown = out.display();
    let out_abs = absolute(out).map_err(|source| Error::Path { path: out.to_path_buf(), source })?;
    for input in inputs {
        // A stream (`/dev/stdin`, `<(…)`) has no path to resolve (its link
        // names `pipe:[…]`) and no directory to be inside of.
        if std::fs::metadata(input).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            continue;
        }
        let input_abs =
            std::fs::canonicalize(input).map_err(|source| Error::Path { path: input.clone(), source })?;
        if out_abs.starts_with(&input_abs) {
            return refuse(format!(
                "--out {shown} is inside the input {}; inputs are never written to, give a directory \
                 outside every input",
                input.display()
            ));
        }
    }
    match std::fs::read_dir(out) {
        Ok(mut entries) => match entries.next() {
            Some(_) => refuse(format!("--out {shown} is not empty; give a new or empty directory")),
            None => Ok(()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => refuse(format!("--out {shown}: {e}")),
    }
}

/// `path` made absolute: its longest existing part resolved (symbolic
/// links, `..`), the rest appended with `.` and `..` applied.
fn absolute(path: &Path) -> io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    let parts: Vec<Component> = path.components().collect();
    for k in (1..=parts.len()).rev() {
        let Ok(mut out) = std::fs::canonicalize(parts[..k].iter().collect::<PathBuf>()) else { continue };
        for part in &parts[k..] {
            match part {
                Component::ParentDir => {
                    out.pop();
                }
                Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        return Ok(out);
    }
    Ok(path)
}

/// Where each source is written: under `out`, the name of the input path
/// it was found through, then its path below that input (so `clean corpus
/// dump.jsonl --out o` writes `o/corpus/...` and `o/dump.jsonl`), with the
/// extensions of what was read when its name gives no format
/// ([`with_extensions`]). Two sources written to one place, or a source
/// written over the log, are refused.
pub fn targets(sources: &[Source], inputs: &[PathBuf], out: &Path) -> Result<Vec<PathBuf>, Error> {
    let targets: Vec<PathBuf> =
        sources.iter().map(|s| with_extensions(out.join(below_out(&s.path, inputs)), s)).collect();
    let mut sorted: Vec<(&PathBuf, usize)> = targets.iter().zip(0..).collect();
    sorted.sort();
    for w in sorted.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(Error::Config(format!(
                "{} and {} would both be written to {}; clean them in separate runs",
                sources[w[0].1].display,
                sources[w[1].1].display,
                w[0].0.display()
            )));
        }
    }
    let log = out.join(LOG_NAME);
    if let Some(i) = targets.iter().position(|t| *t == log) {
        return Err(Error::Config(format!(
            "{} would be written over the removal log {}; rename it or clean its directory",
            sources[i].display,
            log.display()
        )));
    }
    Ok(targets)
}

/// `path`, where `source` is written, with the extensions of the format and
/// compression it was read in when its name gives no format (a stream, or a
/// file named without a known extension, sniffed or read as
/// `--input-format` said): `stdin` read as gzip-compressed JSON Lines is
/// written as `stdin.jsonl.gz`, so that it reads back the same way. Plain
/// text gets no format extension (`stdin` stays `stdin`), and a compression
/// extension the name has and the content matches is kept (`x.zstd`).
pub fn with_extensions(path: PathBuf, source: &Source) -> PathBuf {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { return path };
    if crate::input::detect(&name).is_some() {
        return path;
    }
    let named = crate::input::compression_of(&name);
    let (stem, own) = match name.rsplit_once('.') {
        Some((stem, ext)) if named != Compression::None => (stem, Some(ext)),
        _ => (name.as_str(), None),
    };
    let format = match source.format {
        Format::Text => "",
        Format::Jsonl => ".jsonl",
        Format::Csv { delimiter: b'\t' } => ".tsv",
        Format::Csv { .. } => ".csv",
    };
    let compression = match (source.compression, own) {
        (c, Some(ext)) if c == named => format!(".{ext}"),
        (Compression::None, _) => String::new(),
        (Compression::Gzip, _) => ".gz".into(),
        (Compression::Zstd, _) => ".zst".into(),
    };
    path.with_file_name(format!("{stem}{format}{compression}"))
}

/// A source's path below `--out`: the name of the input it was found
/// through and its path below that input (only plain names kept).
fn below_out(path: &Path, inputs: &[PathBuf]) -> PathBuf {
    let plain = |p: &Path| -> PathBuf {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part),
                _ => None,
            })
            .collect()
    };
    for input in inputs {
        let Ok(rest) = path.strip_prefix(input) else { continue };
        let name = match input.file_name() {
            Some(name) => PathBuf::from(name),
            None => std::fs::canonicalize(input)
                .ok()
                .and_then(|p| p.file_name().map(PathBuf::from))
                .unwrap_or_default(),
        };
        let rest = plain(rest);
        return if rest.as_os_str().is_empty() { name } else { name.join(rest) };
    }
    plain(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_under_the_final_name_before_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a/b.txt.gz");
        let mut staged = Staged::create(&dest, Compression::Gzip, None).unwrap();
        staged.write_all(b"half of it").unwrap();
        staged.flush().unwrap();
        assert!(!dest.exists(), "not visible while being written");
        // A killed process runs no destructor: the temporary file stays,
        // hidden, and the final name never appears.
        std::mem::forget(staged);
        assert!(!dest.exists());
        let names: Vec<String> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.len() == 1 && names[0].starts_with(".b.txt.gz.") && names[0].ends_with(".tmp"),
            "{names:?}"
        );
    }

    #[test]
    fn commit_writes_compressed_data_and_a_failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("x.jsonl.zst");
        let mut staged = Staged::create(&dest, Compression::Zstd, None).unwrap();
        staged.write_all(b"{\"text\": \"hi\"}\n").unwrap();
        staged.commit(None).unwrap();
        let back = zstd::stream::decode_all(File::open(&dest).unwrap()).unwrap();
        assert_eq!(back, b"{\"text\": \"hi\"}\n");

        let hook = Interrupt::after(0);
        let failing = dir.path().join("y.txt");
        let mut staged = Staged::create(&failing, Compression::None, Some(&hook)).unwrap();
        assert!(staged.write_all(b"some text").is_err());
        drop(staged);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("x.jsonl.zst")], "the failed file left nothing");
    }

    #[test]
    fn a_name_without_a_format_gets_the_extensions_of_what_was_read() {
        let source = |format, compression| Source {
            path: PathBuf::from("x"),
            display: "x".into(),
            relative: "x".into(),
            parent: None,
            format,
            compression,
        };
        let named = |name: &str, format, compression| {
            let path = with_extensions(PathBuf::from("o").join(name), &source(format, compression));
            path.file_name().unwrap().to_string_lossy().into_owned()
        };
        let (csv, tsv) = (Format::Csv { delimiter: b',' }, Format::Csv { delimiter: b'\t' });
        assert_eq!(named("stdin", Format::Jsonl, Compression::Gzip), "stdin.jsonl.gz");
        assert_eq!(named("63", tsv, Compression::Zstd), "63.tsv.zst");
        assert_eq!(named("stdin", Format::Text, Compression::None), "stdin");
        assert_eq!(named("stdin", Format::Text, Compression::Gzip), "stdin.gz");
        assert_eq!(named("dump.zstd", csv, Compression::Zstd), "dump.csv.zstd");
        assert_eq!(named("dump.gz", Format::Jsonl, Compression::Zstd), "dump.jsonl.zst");
        assert_eq!(named("notes.md", Format::Text, Compression::None), "notes.md");
        assert_eq!(
            named("x.jsonl", Format::Text, Compression::None),
            "x.jsonl",
            "a name that gives a format"
        );
    }

    #[test]
    fn out_inside_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir_all(input.join("sub")).unwrap();
        let inputs = [input.clone()];
        assert!(check_out(&inputs, &input.join("clean")).is_err());
        assert!(check_out(&inputs, &input.join("sub/../x")).is_err());
        assert!(check_out(&inputs, &input).is_err(), "equal to the input (and not empty)");
        assert!(check_out(&inputs, &dir.path().join("in/../out")).is_ok());
        assert!(check_out(&inputs, &dir.path().join("out")).is_ok());
    }
}
