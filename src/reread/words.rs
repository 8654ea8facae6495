//! [`Words`]: the candidate paragraphs' normalized words, kept once per
//! distinct word sequence, and set aside in a temporary file while a stage
//! that does not read them runs.

use std::collections::HashMap;

/// Normalized word hashes of paragraphs (in text order), kept once per
/// distinct word sequence and found by its
/// [`ParagraphSketch::digest`](crate::sketch::ParagraphSketch::digest):
/// boilerplate carried by thousands of articles costs one copy. Each word
/// is a 4-byte number in a vocabulary of the distinct word hashes, so
/// memory is 4 bytes per word of each distinct sequence, about 40 per
/// sequence and 24 per distinct word.
#[derive(Debug, Default)]
pub struct Words {
    /// Entry of each digest.
    index: HashMap<u64, u32>,
    /// Digest of each entry, in insertion order.
    digests: Vec<u64>,
    /// Entry `i` is `ids[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    /// Words as positions in `vocabulary`.
    ids: Vec<u32>,
    /// The distinct word hashes.
    vocabulary: Vec<u64>,
    /// Position of each word hash in `vocabulary`.
    word_ids: HashMap<u64, u32>,
}

/// One word sequence held in [`Words`].
#[derive(Clone, Copy, Debug)]
pub struct Sequence<'a> {
    ids: &'a [u32],
    vocabulary: &'a [u64],
}

impl<'a> Sequence<'a> {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it has no word.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The hash of word `i` (`i < len()`).
    pub fn hash(&self, i: usize) -> u64 {
        self.vocabulary[self.ids[i] as usize]
    }

    /// The word hashes, in text order.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len()).map(|i| self.hash(i)).collect()
    }
}

impl Words {
    /// The words of the sequence with `digest`, if they were read.
    pub fn get(&self, digest: u64) -> Option<Sequence<'_>> {
        self.entry(*self.index.get(&digest)? as usize)
    }

    /// Number of distinct sequences held.
    pub fn len(&self) -> usize {
        self.digests.len()
    }

    /// Whether no sequence is held.
    pub fn is_empty(&self) -> bool {
        self.digests.is_empty()
    }

    /// Whether the sequence with `digest` is held.
    pub(super) fn contains(&self, digest: u64) -> bool {
        self.index.contains_key(&digest)
    }

    /// Adds `words` under `digest` unless that digest is held already (or
    /// the vocabulary could overflow its 2³² ids, beyond any corpus one
    /// machine reads; such a sequence is left out and its pairs unverified).
    pub(super) fn insert(&mut self, digest: u64, words: impl ExactSizeIterator<Item = u64>) {
        if self.contains(digest) || self.vocabulary.len() + words.len() >= u32::MAX as usize {
            return;
        }
        self.ids.reserve(words.len());
        for hash in words {
            let next = self.vocabulary.len() as u32;
            let id = *self.word_ids.entry(hash).or_insert(next);
            if id == next {
                self.vocabulary.push(hash);
            }
            self.ids.push(id);
        }
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        // Entries are at most the run's paragraphs, which are fewer than 2³².
        self.index.insert(digest, self.digests.len() as u32);
        self.digests.push(digest);
        self.starts.push(self.ids.len());
    }

    /// Adds the sequences of `other` that are not held yet.
    pub(super) fn absorb(&mut self, other: Words) {
        if self.is_empty() {
            *self = other;
            return;
        }
        for (i, &digest) in other.digests.iter().enumerate() {
            if let Some(seq) = other.entry(i) {
                self.insert(digest, (0..seq.len()).map(|k| seq.hash(k)));
            }
        }
    }

    /// Entry `i`, in insertion order.
    pub(super) fn entry(&self, i: usize) -> Option<Sequence<'_>> {
        let range = *self.starts.get(i)?..*self.starts.get(i + 1)?;
        Some(Sequence { ids: self.ids.get(range)?, vocabulary: &self.vocabulary })
    }

    /// Gives back spare capacity once the store is complete.
    pub(super) fn shrink(&mut self) {
        self.index.shrink_to_fit();
        self.digests.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.ids.shrink_to_fit();
        self.vocabulary.shrink_to_fit();
        self.word_ids = HashMap::new();
    }

    /// Moves the words (4-byte ids, most of the store: 0.65 GB at a
    /// million articles) to a temporary file, for a stage that does not
    /// read them: the passage stage, whose own working set would otherwise
    /// come on top of them. [`Words::take_back`] restores them; until then
    /// the store holds no sequence's words.
    pub fn set_aside(&mut self) -> std::io::Result<Aside> {
        use std::io::Write;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, tempfile::tempfile()?);
        for id in &self.ids {
            out.write_all(&id.to_le_bytes())?;
        }
        let file = out.into_inner().map_err(|e| e.into_error())?;
        let len = self.ids.len();
        self.ids = Vec::new();
        Ok(Aside { file, len })
    }

    /// Reads back the words [`Words::set_aside`] moved out.
    pub fn take_back(&mut self, aside: Aside) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let Aside { mut file, len } = aside;
        file.seek(std::io::SeekFrom::Start(0))?;
        let mut ids = Vec::with_capacity(len);
        let mut bytes = vec![0u8; 4 << 16];
        while ids.len() < len {
            let n = (len - ids.len()).min(1 << 16);
            file.read_exact(&mut bytes[..4 * n])?;
            ids.extend(bytes[..4 * n].chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
        }
        self.ids = ids;
        Ok(())
    }
}

/// The words of a [`Words`] store, in a temporary file.
#[derive(Debug)]
pub struct Aside {
    file: std::fs::File,
    len: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(w: &Words, digest: u64) -> Option<Vec<u64>> {
        w.get(digest).map(|s| s.to_vec())
    }

    #[test]
    fn words_are_kept_once_per_digest_and_found_by_it() {
        let mut a = Words::default();
        assert!(a.is_empty() && a.get(1).is_none());
        a.insert(1, [10, 11, 10].into_iter());
        a.insert(2, [].into_iter());
        a.insert(1, [99].into_iter());
        assert_eq!((a.len(), held(&a, 1), held(&a, 2)), (2, Some(vec![10, 11, 10]), Some(vec![])));
        assert_eq!(a.vocabulary.len(), 2, "a word is one number however often it occurs");
        let mut b = Words::default();
        b.insert(3, [30, 11].into_iter());
        b.insert(2, [77].into_iter());
        a.absorb(b);
        assert_eq!(a.len(), 3);
        assert_eq!((held(&a, 2), held(&a, 3)), (Some(vec![]), Some(vec![30, 11])), "the first copy stays");
        a.shrink();
        let mut empty = Words::default();
        empty.absorb(a);
        assert_eq!(held(&empty, 1), Some(vec![10, 11, 10]));
    }

    #[test]
    fn words_set_aside_come_back_the_same() {
        let mut w = Words::default();
        // More words than one chunk of the file, so chunks join up.
        let long: Vec<u64> = (0..200_000u64).map(|i| (i * 7919) % 100_003).collect();
        w.insert(1, long.clone().into_iter());
        w.insert(2, [5, 6].into_iter());
        w.insert(3, [].into_iter());
        let before: Vec<_> = (1..=3).map(|d| held(&w, d)).collect();
        let aside = w.set_aside().expect("set aside");
        assert!(w.ids.is_empty() && held(&w, 1).is_none(), "the words are out of memory, and not found");
        w.take_back(aside).expect("take back");
        assert_eq!((1..=3).map(|d| held(&w, d)).collect::<Vec<_>>(), before);
        assert_eq!(held(&w, 1), Some(long));
    }
}
