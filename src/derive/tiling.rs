//! Greedy String Tiling (Wise 1993), as Clough et al. (2002) used it on
//! METER: the story's words are covered by non-overlapping *tiles*, each a
//! run of words found verbatim in a source, longest runs first, each word of
//! either side used at most once.
//!
//! Takes the story's word hashes and one or more sources' word hashes; gives
//! the tiles. Invariants: tiles never overlap on either side, never cross
//! from one source into the next, and are at least `min_match` words long.

use rustc_hash::FxHashMap;

/// A run of words shared verbatim by the story and a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tile {
    /// First word of the run in the story.
    pub story: usize,
    /// First word of the run in the sources, counted over all sources in order.
    pub source: usize,
    /// Words in the run.
    pub len: usize,
}

/// The tiles of `story` against `sources`, longest first, none shorter than
/// `min_match` words (at least 1).
pub fn tiles(story: &[u64], sources: &[&[u64]], min_match: usize) -> Vec<Tile> {
    let min_match = min_match.max(1);
    let mut source = Vec::new();
    // A source boundary is a position already "marked", so no run crosses it.
    let mut source_marked = Vec::new();
    for s in sources {
        source.extend_from_slice(s);
        source_marked.extend(std::iter::repeat_n(false, s.len()));
        source.push(0);
        source_marked.push(true);
    }
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, &h) in source.iter().enumerate() {
        if !source_marked[j] {
            index.entry(h).or_default().push(j);
        }
    }
    let mut story_marked = vec![false; story.len()];
    let mut out = Vec::new();
    loop {
        let found = longest_runs(story, &source, &story_marked, &source_marked, &index, min_match);
        if found.is_empty() {
            return out;
        }
        for t in found {
            let free = |marked: &[bool], at: usize| marked[at..at + t.len].iter().all(|m| !m);
            if free(&story_marked, t.story) && free(&source_marked, t.source) {
                story_marked[t.story..t.story + t.len].fill(true);
                source_marked[t.source..t.source + t.len].fill(true);
                out.push(t);
            }
        }
    }
}

/// All maximal runs of unmarked words of the greatest length (if at least
/// `min_match`), in story order.
fn longest_runs(
    story: &[u64],
    source: &[u64],
    story_marked: &[bool],
    source_marked: &[bool],
    index: &FxHashMap<u64, Vec<usize>>,
    min_match: usize,
) -> Vec<Tile> {
    let mut best = min_match;
    let mut found = Vec::new();
    for (i, h) in story.iter().enumerate() {
        if story_marked[i] {
            continue;
        }
        for &j in index.get(h).map(Vec::as_slice).unwrap_or_default() {
            let mut k = 0;
            while i + k < story.len()
                && j + k < source.len()
                && !story_marked[i + k]
                && !source_marked[j + k]
                && story[i + k] == source[j + k]
            {
                k += 1;
            }
            if k > best {
                best = k;
                found.clear();
            }
            if k == best {
                found.push(Tile { story: i, source: j, len: k });
            }
        }
    }
    found
}

/// Words of the story the tiles cover.
pub fn covered(tiles: &[Tile]) -> usize {
    tiles.iter().map(|t| t.len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<u64> {
        text.bytes().map(u64::from).collect()
    }

    #[test]
    fn longest_run_first_then_shorter_ones() {
        // story "abcdexyz" against source "xyzabcde": tiles abcde (5) then xyz (3).
        let (story, source) = (ids("abcdexyz"), ids("xyzabcde"));
        let t = tiles(&story, &[&source], 3);
        assert_eq!(t, [Tile { story: 0, source: 3, len: 5 }, Tile { story: 5, source: 0, len: 3 }]);
        assert_eq!(covered(&t), 8);
    }

    #[test]
    fn runs_shorter_than_the_minimum_are_not_tiles() {
        let (story, source) = (ids("abqcdr"), ids("abcd"));
        assert!(tiles(&story, &[&source], 3).is_empty());
        assert_eq!(covered(&tiles(&story, &[&source], 2)), 4);
    }

    #[test]
    fn a_source_word_is_used_once() {
        // "abc" appears twice in the story but once in the source.
        let (story, source) = (ids("abcabc"), ids("abc"));
        assert_eq!(covered(&tiles(&story, &[&source], 2)), 3);
    }

    #[test]
    fn runs_do_not_cross_sources() {
        let (story, a, b) = (ids("abcdef"), ids("abc"), ids("def"));
        let t = tiles(&story, &[&a, &b], 4);
        assert!(t.is_empty(), "{t:?}");
        assert_eq!(tiles(&story, &[&a, &b], 3).len(), 2);
    }
}
