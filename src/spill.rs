//! Spill: what a stage writes in chunks to a temporary file and reads back
//! one part at a time ([`Segments`]). LSH band keys go there while articles
//! are sketched, a part per band, so memory holds one band's column (8
//! bytes per paragraph) instead of every band's keys (8 × bands bytes per
//! paragraph: 312 at the default threshold); so do the passage
//! fingerprints (a part per hash range) and the article pairs they make (a
//! part per article range).
//!
//! Sketching runs sources in parallel, so chunks reach the file in any
//! order; each chunk is tagged with its source and its place in that
//! source, and [`Segments::seal`] puts them back in article order. Reading
//! one part is one read per chunk. The file has no name and vanishes with
//! the process.

use std::fs::File;
use std::io::{self, Write};
use std::sync::Mutex;

/// Where one chunk of [`Segments`] sits.
#[derive(Clone, Debug)]
struct SegmentChunk {
    /// Its place in the order chunks are read back.
    order: (u32, u32),
    /// What the writer counts in it (articles, for fingerprints).
    items: u64,
    /// Byte offset of each segment in the file, and one past the last.
    bounds: Vec<u64>,
}

/// Records of `u64` words going to a temporary file in chunks, each chunk
/// cut into `parts` segments; [`SealedSegments::part`] reads back one part
/// of every chunk, so memory holds one part at a time. Chunks may come
/// from any thread in any order, tagged with their place.
#[derive(Debug)]
pub struct Segments {
    parts: usize,
    file: Mutex<(File, u64)>,
    chunks: Mutex<Vec<SegmentChunk>>,
}

impl Segments {
    /// An empty store of `parts` parts, in a fresh unnamed temporary file.
    pub fn new(parts: usize) -> io::Result<Segments> {
        Ok(Segments { parts, file: Mutex::new((tempfile::tempfile()?, 0)), chunks: Mutex::new(Vec::new()) })
    }

    /// Writes one chunk: `segments[j]` goes to part `j` (at most `parts`
    /// segments; missing ones are empty); `items` is the writer's count
    /// for the chunk, handed back on reading.
    pub fn write(&self, order: (u32, u32), items: u64, segments: &[Vec<u64>]) -> io::Result<()> {
        let words: usize = segments.iter().map(Vec::len).sum();
        let mut bytes = Vec::with_capacity(words * 8);
        let mut bounds = Vec::with_capacity(self.parts + 1);
        for j in 0..self.parts {
            bounds.push(bytes.len() as u64);
            for w in segments.get(j).map_or(&[][..], Vec::as_slice) {
                bytes.extend_from_slice(&w.to_le_bytes());
            }
        }
        bounds.push(bytes.len() as u64);
        let offset = {
            let mut file = self.file.lock().map_err(|_| poisoned())?;
            let offset = file.1;
            file.0.write_all(&bytes)?;
            file.1 += bytes.len() as u64;
            offset
        };
        bounds.iter_mut().for_each(|b| *b += offset);
        self.chunks.lock().map_err(|_| poisoned())?.push(SegmentChunk { order, items, bounds });
        Ok(())
    }

    /// The store, ready to be read part by part in chunk order.
    pub fn seal(self) -> io::Result<SealedSegments> {
        let (file, _) = self.file.into_inner().map_err(|_| poisoned())?;
        let mut chunks = self.chunks.into_inner().map_err(|_| poisoned())?;
        chunks.sort_unstable_by_key(|c| c.order);
        Ok(SealedSegments { file, chunks })
    }
}

/// [`Segments`] written, in chunk order.
#[derive(Debug)]
pub struct SealedSegments {
    file: File,
    chunks: Vec<SegmentChunk>,
}

impl SealedSegments {
    /// Calls `each` with every chunk's segment of part `j`, in chunk order,
    /// with the sum of `items` of the chunks before it.
    pub fn part(&self, j: usize, each: &mut dyn FnMut(u64, &[u64])) -> io::Result<()> {
        let (mut before, mut bytes, mut words) = (0u64, Vec::new(), Vec::new());
        for c in &self.chunks {
            let (from, to) = (c.bounds[j], c.bounds[j + 1]);
            bytes.resize((to - from) as usize, 0);
            read_at(&self.file, &mut bytes, from)?;
            words.clear();
            words.extend(bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default())));
            each(before, &words);
            before += c.items;
        }
        Ok(())
    }

    /// All of part `j`, chunk after chunk.
    pub fn read_part(&self, j: usize) -> io::Result<Vec<u64>> {
        let mut out = Vec::new();
        self.part(j, &mut |_, words| out.extend_from_slice(words))?;
        Ok(out)
    }
}

fn poisoned() -> io::Error {
    io::Error::other("a thread writing to a temporary file panicked")
}

/// Fills `buf` from `file` at `offset`, without moving the file's cursor.
#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fills `buf` from `file` at `offset`.
#[cfg(windows)]
pub(crate) fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
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
        let spill = Segments::new(2).expect("temp file");
        // Source 1 written before source 0, batches out of order; each
        // chunk holds its paragraphs' keys band by band.
        spill.write((1, 0), 1, &[vec![50], vec![51]]).expect("write");
        spill.write((0, 1), 2, &[vec![30, 40], vec![31, 41]]).expect("write");
        spill.write((0, 0), 2, &[vec![10, 20], vec![11, 21]]).expect("write");
        let sealed = spill.seal().expect("seal");
        assert_eq!(sealed.chunks.iter().map(|c| c.items).sum::<u64>(), 5);
        assert_eq!(sealed.read_part(0).expect("band 0"), [10, 20, 30, 40, 50]);
        assert_eq!(sealed.read_part(1).expect("band 1"), [11, 21, 31, 41, 51]);
    }

    #[test]
    fn segments_come_back_part_by_part_in_chunk_order() {
        let store = Segments::new(3).expect("temp file");
        store.write((1, 0), 5, &[vec![7], vec![], vec![8, 9]]).expect("write");
        store.write((0, 0), 2, &[vec![1, 2], vec![3]]).expect("write");
        let sealed = store.seal().expect("seal");
        let mut seen = Vec::new();
        sealed.part(2, &mut |before, words| seen.push((before, words.to_vec()))).expect("part 2");
        assert_eq!(seen, [(0, vec![]), (2, vec![8, 9])]);
        assert_eq!(sealed.read_part(0).expect("part 0"), [1, 2, 7]);
        assert_eq!(sealed.read_part(1).expect("part 1"), [3]);
    }
}
