//! Streams named on the command line: a pipe (`cat a.txt | wiretrace scan
//! /dev/stdin`), a process substitution (`<(zcat a.txt.gz)`), a character
//! device. A scan reads its sources more than once (text is not kept after
//! the first read), and a stream can be read only once, so each is first
//! copied whole into a temporary file, which is read instead and removed
//! when the scan's results are dropped. Reports still name the stream.
//!
//! The copy is bounded: a stream longer than [`MAX_STREAM_BYTES`] is cut
//! there with a warning (an endless device such as `/dev/zero` ends too).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::Source;
use crate::error::Warning;

/// Most bytes of one stream copied (1 GiB).
pub const MAX_STREAM_BYTES: u64 = 1 << 30;

/// The temporary copies of the streams of a scan, removed when dropped.
#[derive(Debug, Default)]
pub struct Streams {
    /// Each copy, with the path of the stream it copies.
    copies: Vec<(tempfile::TempPath, PathBuf)>,
}

impl Streams {
    /// The stream `path` is a copy of, as the user named it (`/dev/stdin`),
    /// or `None` when `path` is not a copy.
    pub fn original(&self, path: &Path) -> Option<&Path> {
        self.copies.iter().find(|(copy, _)| copy.as_os_str() == path.as_os_str()).map(|(_, p)| p.as_path())
    }
}

/// Copies every source of `sources` that is not a regular file into a
/// temporary file and points the source at the copy (its `display` is
/// kept). A stream that cannot be copied is left out, with a warning in
/// `warnings`, as is one cut at [`MAX_STREAM_BYTES`].
pub fn copy_streams(sources: &mut Vec<Source>, warnings: &mut Vec<Warning>) -> Streams {
    let mut streams = Streams::default();
    sources.retain_mut(|source| {
        let is_stream = std::fs::metadata(&source.path).is_ok_and(|m| !m.is_file());
        if !is_stream {
            return true;
        }
        match copy(source) {
            Ok((copy, cut)) => {
                if cut {
                    let message = format!(
                        "a stream (not a regular file) longer than {} GiB; only its first {MAX_STREAM_BYTES} \
                         bytes are read, the rest is skipped",
                        MAX_STREAM_BYTES >> 30
                    );
                    warnings.push(Warning::file(&source.display, message));
                }
                let named = std::mem::replace(&mut source.path, copy.to_path_buf());
                streams.copies.push((copy, named));
                true
            }
            Err(message) => {
                warnings.push(Warning::file(&source.display, message));
                false
            }
        }
    });
    streams
}

/// Copies the stream `source` into a new temporary file: the file, and
/// whether the stream was cut at [`MAX_STREAM_BYTES`].
fn copy(source: &Source) -> Result<(tempfile::TempPath, bool), String> {
    let mut stream = File::open(&source.path).map_err(|e| format!("cannot open: {e}"))?;
    let temp = tempfile::Builder::new().prefix("wiretrace-stream-").tempfile().map_err(|e| {
        format!("a stream (not a regular file) must be copied to be read twice, and no temporary file: {e}; skipped")
    })?;
    let (file, path) = temp.into_parts();
    let mut out = io::BufWriter::new(file);
    let copied = io::copy(&mut Read::by_ref(&mut stream).take(MAX_STREAM_BYTES), &mut out)
        .and_then(|n| out.flush().map(|()| n))
        .map_err(|e| {
            format!("cannot copy this stream (not a regular file) to a temporary file: {e}; skipped")
        })?;
    let cut = copied == MAX_STREAM_BYTES && stream.read(&mut [0u8]).is_ok_and(|n| n > 0);
    Ok((path, cut))
}
