//! Measures of one story against its sources, over [`Word`]s: the plain
//! functions behind the learned METER classifier (see `docs/meter.md`).
//!
//! Each takes the story's words and the sources' words (or a set built from
//! them) and gives a share in `[0, 1]` (0 for an empty story), except
//! [`tiles_per_100`].

use std::collections::HashSet;

use super::tiling::{Tile, covered, tiles};
use super::words::Word;

/// Words in a story sentence below which the sentence is not counted.
const MIN_SENTENCE_WORDS: usize = 3;

/// Share of a sentence's distinct words that a source sentence must hold for
/// the story sentence to count as matched.
const SENTENCE_MATCH: f64 = 0.5;

/// Shortest tile of Greedy String Tiling, in words (Clough et al. 2002
/// tried 1 to 10 on METER; 3 ignores chance pairs like "the court").
pub const MIN_TILE: usize = 3;

fn share(x: usize, y: usize) -> f64 {
    if y == 0 { 0.0 } else { x as f64 / y as f64 }
}

/// Hashes of the word `n`-grams of `hashes`.
pub fn grams(hashes: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    hashes.windows(n).map(|w| w.iter().fold(0u64, |h, x| h.rotate_left(21) ^ x))
}

/// Share of the `n`-grams of `story` found in `set`.
pub fn gram_containment(story: &[u64], set: &HashSet<u64>, n: usize) -> f64 {
    let all: Vec<u64> = grams(story, n).collect();
    share(all.iter().filter(|g| set.contains(g)).count(), all.len())
}

/// Share of the story's distinct content words (not function words) found
/// anywhere in the sources.
pub fn content_containment(story: &[Word], sources: &[Vec<Word>]) -> f64 {
    let in_sources: HashSet<u64> = sources.iter().flatten().map(|w| w.hash).collect();
    let mut mine: Vec<u64> = story.iter().filter(|w| !w.stopword).map(|w| w.hash).collect();
    mine.sort_unstable();
    mine.dedup();
    share(mine.iter().filter(|h| in_sources.contains(h)).count(), mine.len())
}

/// Share of the story's distinct content-word stems found among the
/// sources' stems: containment that forgives a change of tense or number.
pub fn stem_containment(story: &[Word], sources: &[Vec<Word>]) -> f64 {
    let in_sources: HashSet<u64> = sources.iter().flatten().map(|w| w.stem).collect();
    let mut mine: Vec<u64> = story.iter().filter(|w| !w.stopword).map(|w| w.stem).collect();
    mine.sort_unstable();
    mine.dedup();
    share(mine.iter().filter(|h| in_sources.contains(h)).count(), mine.len())
}

/// Share of the story's distinct content words that are missing from the
/// sources but found in another paper's story on the same event (`others`):
/// words that came from somewhere else than PA, such as the reporters in
/// court or another agency, and so evidence against derivation.
pub fn other_papers(story: &[Word], sources: &[Vec<Word>], others: &[Vec<Word>]) -> f64 {
    let in_sources: HashSet<u64> = sources.iter().flatten().map(|w| w.hash).collect();
    let in_others: HashSet<u64> = others.iter().flatten().map(|w| w.hash).collect();
    let mut mine: Vec<u64> = story.iter().filter(|w| !w.stopword).map(|w| w.hash).collect();
    mine.sort_unstable();
    mine.dedup();
    let elsewhere = mine.iter().filter(|h| !in_sources.contains(h) && in_others.contains(h)).count();
    share(elsewhere, mine.len())
}

/// Trigram containment of the story's words outside quotation marks in the
/// sources' words outside quotation marks: quotes are heard by every
/// reporter in court, so shared quotes are weak evidence of copying.
pub fn unquoted_trigrams(story: &[Word], sources: &[Vec<Word>]) -> f64 {
    let plain = |ws: &[Word]| -> Vec<u64> { ws.iter().filter(|w| !w.quoted).map(|w| w.hash).collect() };
    let set: HashSet<u64> = sources.iter().flat_map(|s| grams(&plain(s), 3).collect::<Vec<_>>()).collect();
    gram_containment(&plain(story), &set, 3)
}

/// Trigram containment of the last third of the story's words: copy is
/// trimmed from the bottom, so a story whose end is still PA's is more
/// likely PA's throughout.
pub fn last_third_trigrams(story: &[u64], set: &HashSet<u64>) -> f64 {
    gram_containment(&story[story.len() - story.len() / 3..], set, 3)
}

/// Distinct word hashes of each sentence of `words` with at least
/// [`MIN_SENTENCE_WORDS`] words.
fn sentence_sets(words: &[Word]) -> Vec<HashSet<u64>> {
    let mut out = Vec::new();
    for sentence in words.chunk_by(|a, b| a.sentence == b.sentence) {
        if sentence.len() >= MIN_SENTENCE_WORDS {
            out.push(sentence.iter().map(|w| w.hash).collect());
        }
    }
    out
}

/// Share of the story's sentences that have a source sentence holding at
/// least half of their distinct words.
pub fn matched_sentences(story: &[Word], sources: &[Vec<Word>]) -> f64 {
    let theirs: Vec<HashSet<u64>> = sources.iter().flat_map(|s| sentence_sets(s)).collect();
    let mine = sentence_sets(story);
    let matched = mine
        .iter()
        .filter(|s| theirs.iter().any(|t| share(s.intersection(t).count(), s.len()) >= SENTENCE_MATCH))
        .count();
    share(matched, mine.len())
}

/// Greedy String Tiling of the story against all sources at once.
pub fn story_tiles(story: &[u64], sources: &[Vec<u64>]) -> Vec<Tile> {
    let slices: Vec<&[u64]> = sources.iter().map(Vec::as_slice).collect();
    tiles(story, &slices, MIN_TILE)
}

/// Share of the story's words inside tiles.
pub fn tile_coverage(tiles: &[Tile], story_words: usize) -> f64 {
    share(covered(tiles), story_words)
}

/// Tiles per 100 story words: how fragmented the shared text is (Sánchez-Vega
/// et al. 2013 measure reuse by its fragmentation as well as its amount).
pub fn tiles_per_100(tiles: &[Tile], story_words: usize) -> f64 {
    100.0 * share(tiles.len(), story_words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::words::words;

    #[test]
    fn quoted_words_do_not_count_as_copied() {
        let pa = vec![words(
            "Jailing him for life, the judge told the court that he was a danger. \
             He said \"you will never be free\".",
        )];
        let quoting =
            words("His mother wept as the sentence was read. \"You will never be free,\" the judge said.");
        let copying = words("Jailing him for life, the judge told the court that he was a danger.");
        assert!(unquoted_trigrams(&quoting, &pa) < 0.1);
        assert!(unquoted_trigrams(&copying, &pa) > 0.5);
    }

    #[test]
    fn sentences_match_on_half_their_words() {
        let pa = vec![words("A man was jailed for six years. The court heard he used a gun.")];
        let story = words("A man was jailed for six years yesterday. Neighbours were shocked by it all.");
        assert!((matched_sentences(&story, &pa) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn content_words_ignore_function_words() {
        let pa = vec![words("the judge")];
        assert!((content_containment(&words("the judge and the jury"), &pa) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn stems_forgive_inflection() {
        let pa = vec![words("jailed robbers")];
        let story = words("jailing robber");
        assert!((stem_containment(&story, &pa) - 1.0).abs() < 1e-9);
        assert!(content_containment(&story, &pa) < 1e-9);
    }

    #[test]
    fn words_from_other_papers_but_not_pa_are_counted() {
        let pa = vec![words("judge jailed robber")];
        let others = vec![words("robber wept outside court")];
        // judge: PA; court: another paper only; mother: neither.
        let story = words("judge court mother");
        assert!((other_papers(&story, &pa, &others) - 1.0 / 3.0).abs() < 1e-9);
        assert!(other_papers(&story, &pa, &[]) < 1e-9);
    }

    #[test]
    fn last_third_is_measured_alone() {
        let h = |t: &str| words(t).iter().map(|w| w.hash).collect::<Vec<u64>>();
        let set: HashSet<u64> = grams(&h("one two three four five six"), 3).collect();
        let story = h("alpha beta gamma delta epsilon zeta one two three four five six");
        assert!((last_third_trigrams(&story, &set) - 1.0).abs() < 1e-9);
        assert!(gram_containment(&story, &set, 3) < 0.5);
    }
}
