//! Spill: LSH band keys go to a temporary file while articles are
//! sketched, and come back one band at a time, so memory holds one band's
//! column (8 bytes per paragraph) instead of every band's keys
//! (8 × bands bytes per paragraph: 312 at the default threshold).
//!
//! Sketching runs sources in parallel, so chunks reach the file in any
//! order; each chunk is tagged with its source and its place in that
//! source, and [`Spill::seal`] puts them back in article order. A chunk
//! holds its paragraphs' keys band by band, so reading one band is one read
//! per chunk. The file has no name and vanishes with the process.

use std::fs::File;
use std::io::{self, Write};
use std::sync::Mutex;

/// Where one chunk sits.
#[derive(Clone, Copy, Debug)]
struct Chunk {
    /// Source index and batch number inside it: the article order.
    order: (u32, u32),
    /// Byte offset in the file.
    offset: u64,
    /// Paragraphs it holds.
    paragraphs: u64,
}

/// Band keys being written, from any thread.
#[derive(Debug)]
pub struct Spill {
    bands: usize,
    file: Mutex<(File, u64)>,
    chunks: Mutex<Vec<Chunk>>,
}

impl Spill {
    /// An empty spill for `bands` keys per paragraph, in a fresh unnamed
    /// temporary file (in `TMPDIR`, else the system's temporary directory).
    pub fn new(bands: usize) -> io::Result<Spill> {
        Ok(Spill { bands, file: Mutex::new((tempfile::tempfile()?, 0)), chunks: Mutex::new(Vec::new()) })
    }

    /// Writes the band keys of batch `seq` of source `source`:
    /// `keys[k]` holds one article's keys, paragraph by paragraph
    /// (`bands` per paragraph).
    pub fn write(&self, order: (u32, u32), keys: &[&[u64]]) -> io::Result<()> {
        let paragraphs: usize = keys.iter().map(|k| k.len() / self.bands.max(1)).sum();
        let mut bytes = Vec::with_capacity(paragraphs * self.bands * 8);
        for band in 0..self.bands {
            for article in keys {
                for row in article.chunks_exact(self.bands) {
                    bytes.extend_from_slice(&row[band].to_le_bytes());
                }
            }
        }
        let offset = {
            let mut file = self.file.lock().map_err(|_| poisoned())?;
            let offset = file.1;
            file.0.write_all(&bytes)?;
            file.1 += bytes.len() as u64;
            offset
        };
        let chunk = Chunk { order, offset, paragraphs: paragraphs as u64 };
        self.chunks.lock().map_err(|_| poisoned())?.push(chunk);
        Ok(())
    }

    /// The spill, ready to be read band by band in article order.
    pub fn seal(self) -> io::Result<Sealed> {
        let (file, _) = self.file.into_inner().map_err(|_| poisoned())?;
        let mut chunks = self.chunks.into_inner().map_err(|_| poisoned())?;
        chunks.sort_unstable_by_key(|c| c.order);
        Ok(Sealed { bands: self.bands, file, chunks })
    }
}

/// Band keys written, in article order.
#[derive(Debug)]
pub struct Sealed {
    bands: usize,
    file: File,
    chunks: Vec<Chunk>,
}

impl Sealed {
    /// Number of paragraphs held.
    pub fn paragraphs(&self) -> u64 {
        self.chunks.iter().map(|c| c.paragraphs).sum()
    }

    /// Every paragraph's key in `band`, in paragraph order.
    pub fn column(&self, band: usize) -> io::Result<Vec<u64>> {
        let mut out = Vec::with_capacity(self.paragraphs() as usize);
        let mut buf = Vec::new();
        for c in &self.chunks {
            buf.resize(c.paragraphs as usize * 8, 0);
            read_at(&self.file, &mut buf, c.offset + band as u64 * c.paragraphs * 8)?;
            out.extend(buf.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())));
        }
        Ok(out)
    }

    /// Bands per paragraph.
    pub fn bands(&self) -> usize {
        self.bands
    }
}

fn poisoned() -> io::Error {
    io::Error::other("a thread writing band keys panicked")
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_back_in_article_order_whatever_the_write_order() {
        let spill = Spill::new(2).expect("temp file");
        // Source 1 written before source 0, batches out of order.
        spill.write((1, 0), &[&[50, 51]]).expect("write");
        spill.write((0, 1), &[&[30, 31, 40, 41]]).expect("write");
        spill.write((0, 0), &[&[10, 11], &[20, 21]]).expect("write");
        let sealed = spill.seal().expect("seal");
        assert_eq!(sealed.paragraphs(), 5);
        assert_eq!(sealed.column(0).expect("band 0"), [10, 20, 30, 40, 50]);
        assert_eq!(sealed.column(1).expect("band 1"), [11, 21, 31, 41, 51]);
    }
}
