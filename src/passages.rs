//! Passages: articles' word-n-gram fingerprints -> candidate article pairs
//! for passage alignment.
//!
//! Paragraph LSH cannot see a 15-word quote inside a 200-word paragraph.
//! Each article keeps a sample of its word 4-gram hashes — those whose hash
//! is 0 modulo [`SAMPLE_MODULUS`], so the same 4-gram is kept in every
//! article that has it (the "0 mod p" selection of Schleimer, Wilkerson &
//! Aiken 2003, used before their winnowing). An inverted index over the
//! samples proposes the article pairs that share at least
//! [`MIN_SHARED`] of them.
//!
//! **Stock phrases.** A fingerprint held by more than `max_articles`
//! articles ("the White House said", a disclaimer) is dropped before pairs
//! are made: it is evidence of nothing, and keeping it would make the pair
//! count quadratic in its frequency. With the cap, the work is at most
//! `max_articles` pairs per fingerprint occurrence — linear in the corpus.

use rayon::prelude::*;

use crate::normalize::Token;

/// Words per fingerprint n-gram.
pub const GRAM: usize = 4;
/// A 4-gram is kept when its hash is 0 modulo this (one in four on
/// average); a shared passage of `n` words shares about `(n - 3) / 4`.
pub const SAMPLE_MODULUS: u64 = 4;
/// Shared fingerprints an article pair needs to be aligned: two, so a
/// 15-word quote (about three) qualifies and a single coincidental 4-gram
/// does not.
pub const MIN_SHARED: u32 = 2;
/// Default cap on the articles holding one fingerprint.
pub const DEFAULT_MAX_ARTICLES: usize = 64;

/// Appends the sampled fingerprints of paragraph `paragraph`'s tokens to
/// `out`, each with the paragraph (4-grams do not cross paragraphs); sort
/// and deduplicate `out` once the article is done.
pub fn push_fingerprints(tokens: &[Token], paragraph: u32, out: &mut Vec<(u64, u32)>) {
    let mut buf = [0u8; 8 * GRAM];
    for window in tokens.windows(GRAM) {
        for (slot, t) in buf.chunks_exact_mut(8).zip(window) {
            slot.copy_from_slice(&t.hash.to_le_bytes());
        }
        let h = xxhash_rust::xxh3::xxh3_64_with_seed(&buf, 0x7061_7373);
        if h.is_multiple_of(SAMPLE_MODULUS) {
            out.push((h, paragraph));
        }
    }
}

/// Candidate article pairs `(a, b)`, `a < b`, sorted, with the number of
/// fingerprints they share. `prints[i]` are article `i`'s fingerprints, each
/// with whether every occurrence of it in the article lies in text already
/// reported as shared (a clustered paragraph); a fingerprint counts for a
/// pair only when at least one of the two articles has it outside such text.
/// Also returns how many fingerprints were dropped as stock phrases.
pub fn candidate_pairs(prints: &[Vec<(u64, bool)>], max_articles: usize) -> (Vec<(u32, u32, u32)>, usize) {
    let mut postings: Vec<(u64, u32, bool)> = prints
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, p)| p.iter().map(move |&(h, clustered)| (h, i as u32, clustered)))
        .collect();
    postings.par_sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut dropped = 0;
    for list in postings.chunk_by(|x, y| x.0 == y.0) {
        if list.len() > max_articles {
            dropped += 1;
            continue;
        }
        for (k, &(_, a, ca)) in list.iter().enumerate() {
            pairs.extend(list[k + 1..].iter().filter(|x| !(ca && x.2)).map(|&(_, b, _)| (a, b)));
        }
    }
    pairs.par_sort_unstable();
    let counted = pairs
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() as u32 >= MIN_SHARED)
        .map(|run| (run[0].0, run[0].1, run.len() as u32))
        .collect();
    (counted, dropped)
}

/// An article's fingerprints with whether each lies only in `clustered`
/// paragraphs; `prints` is sorted by hash.
pub fn flag_clustered(prints: &[(u64, u32)], clustered: impl Fn(u32) -> bool) -> Vec<(u64, bool)> {
    let mut out: Vec<(u64, bool)> = Vec::with_capacity(prints.len());
    for &(h, p) in prints {
        let c = clustered(p);
        match out.last_mut() {
            Some((last, all)) if *last == h => *all &= c,
            _ => out.push((h, c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_need_two_shared_fingerprints() {
        let flat = |v: &[u64]| v.iter().map(|&h| (h, false)).collect::<Vec<_>>();
        let prints = vec![flat(&[1, 2, 3]), flat(&[2, 3, 9]), flat(&[3, 7]), vec![]];
        let (pairs, dropped) = candidate_pairs(&prints, 10);
        assert_eq!(pairs, vec![(0, 1, 2)]);
        assert_eq!(dropped, 0);
        // Shared only inside text both have in clusters: no candidate.
        let both = vec![vec![(2, true), (3, true)], vec![(2, true), (3, true)]];
        assert!(candidate_pairs(&both, 10).0.is_empty());
        let one = vec![vec![(2, true), (3, true)], vec![(2, false), (3, true)], vec![(2, false), (3, false)]];
        assert_eq!(candidate_pairs(&one, 10).0, vec![(0, 2, 2), (1, 2, 2)]);
    }

    #[test]
    fn stock_phrases_are_capped() {
        // Fingerprint 5 is in 100 articles: dropped, so no pair at all.
        let prints: Vec<Vec<(u64, bool)>> = (0..100).map(|i| vec![(5, false), (1000 + i, false)]).collect();
        let (pairs, dropped) = candidate_pairs(&prints, 64);
        assert!(pairs.is_empty());
        assert_eq!(dropped, 1);
    }
}

/// A passage of one article found again in another.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageMatch {
    /// The earlier article (`a_article < b_article`).
    pub a_article: u32,
    /// The later article.
    pub b_article: u32,
    /// Byte span in article a.
    pub a: crate::segment::Span,
    /// Byte span in article b.
    pub b: crate::segment::Span,
    /// The text of each side.
    pub text: [String; 2],
    /// Whether most of each side's words are inside quotation marks.
    pub quoted: [bool; 2],
    /// Cosine of the two sides' tf-idf bags (from the aligner).
    pub cosine: f64,
}

/// Whether at least half of the words of `text[span]` are inside quotation
/// marks. Quotes are tracked from `from`, the start of the paragraph holding
/// the span (news reopens a quote in each paragraph of a long quotation
/// without closing it): `“ « „` open, `” »` close, a straight `"` toggles;
/// single quotes are ignored, since they double as apostrophes.
pub fn quoted(text: &str, from: usize, span: crate::segment::Span) -> bool {
    let line_start = from.min(span.start);
    let mut inside = false;
    for c in text[line_start..span.start].chars() {
        inside = quote_state(c, inside);
    }
    let (mut words, mut quoted_words, mut in_word) = (0usize, 0usize, false);
    for c in text[span.start..span.end].chars() {
        inside = quote_state(c, inside);
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            words += 1;
            quoted_words += usize::from(inside);
        }
        in_word = alnum;
    }
    words > 0 && quoted_words * 2 >= words
}

fn quote_state(c: char, inside: bool) -> bool {
    match c {
        '\u{201c}' | '\u{ab}' | '\u{201e}' => true,
        '\u{201d}' | '\u{bb}' => false,
        '"' => !inside,
        _ => inside,
    }
}

#[cfg(test)]
mod quote_tests {
    use super::*;
    use crate::segment::Span;

    fn span_of(text: &str, part: &str) -> Span {
        let start = text.find(part).expect("part of text");
        Span { start, end: start + part.len() }
    }

    #[test]
    fn quoted_passages_are_recognized() {
        let t =
            "He said the U.S. is \u{201c}not trying to force any territorial concessions\u{201d} on anyone.";
        assert!(quoted(t, 0, span_of(t, "not trying to force any territorial concessions")));
        assert!(!quoted(t, 0, span_of(t, "He said the U.S. is")));
        let s = "Officials said \"this is totally false and misleading\" on Tuesday.";
        assert!(quoted(s, 0, span_of(s, "this is totally false and misleading")));
        // A quotation reopened in the next paragraph, never closed before it.
        let m = "\"We will talk about trade. ### \"Right now, there's no trust at all,\" he said.";
        let from = m.find(" ### ").unwrap_or(0) + 5;
        assert!(quoted(m, from, span_of(m, "Right now, there's no trust at all")));
    }
}
