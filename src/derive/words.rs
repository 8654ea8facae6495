//! Words of a METER text: each word's hash and its stem's hash, whether it
//! is a function word, whether it sits inside quotation marks, and which
//! sentence it belongs to.
//!
//! Words are those of [`crate::normalize`] (the same folding as the rest of
//! wiretrace). Quotation and sentence state is read from the characters
//! between words, so the text is scanned once:
//! - a quotation opens at `“`, ` `` ` or a straight `"` and closes at `”`,
//!   `''` or the next straight `"` (PA copy writes ` ``…'' `, newspapers
//!   `"…"`); single quotes are ignored, since they double as apostrophes;
//! - a paragraph break (a blank line, or PA's `<` at a line end) closes any
//!   open quotation, as news reopens a long quote in each paragraph;
//! - a sentence ends at `.`, `!` or `?` followed by white space, and at a
//!   paragraph break.

use crate::align::is_stopword;
use crate::normalize::Tokenizer;
use crate::segment::Span;

/// One word of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// xxh3 hash of the normalized word.
    pub hash: u64,
    /// Whether the word is a function word (the aligner's stopword list).
    pub stopword: bool,
    /// Whether the word is inside quotation marks.
    pub quoted: bool,
    /// Index of the word's sentence, counted from 0 in text order.
    pub sentence: usize,
    /// xxh3 hash of the word's [`stem`].
    pub stem: u64,
}

/// Suffixes [`stem`] strips, tried in this order.
const SUFFIXES: [&str; 5] = ["ing", "ed", "es", "s", "ly"];

/// The word with one common inflectional suffix removed, if at least four
/// letters remain: a crude stemmer, so that "jailed" and "jailing" count as
/// the same word when a rewrite changes the tense or number.
pub fn stem(word: &str) -> &str {
    SUFFIXES.iter().find_map(|s| word.strip_suffix(s).filter(|rest| rest.chars().count() > 3)).unwrap_or(word)
}

/// What the characters between two words change.
#[derive(Default)]
struct Gap {
    sentence_end: bool,
    paragraph_end: bool,
    toggles: Vec<Mark>,
}

#[derive(Clone, Copy)]
enum Mark {
    Open,
    Close,
    Straight,
}

/// Reads the non-word characters `gap` (between two words, or before the first).
fn read_gap(gap: &str) -> Gap {
    let mut out = Gap::default();
    let chars: Vec<char> = gap.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '.' | '!' | '?' if chars[i + 1..].iter().any(|c| c.is_whitespace()) => out.sentence_end = true,
            '<' if chars[i + 1..].iter().take_while(|c| c.is_whitespace()).any(|&c| c == '\n') => {
                out.paragraph_end = true;
            }
            '\n' if chars[i + 1..].iter().take_while(|c| c.is_whitespace()).any(|&c| c == '\n') => {
                out.paragraph_end = true;
            }
            '\u{201c}' => out.toggles.push(Mark::Open),
            '\u{201d}' => out.toggles.push(Mark::Close),
            '"' => out.toggles.push(Mark::Straight),
            '`' | '\'' if next == Some(c) => {
                out.toggles.push(if c == '`' { Mark::Open } else { Mark::Close });
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let (mut quoted, mut sentence, mut last_end) = (false, 0usize, 0usize);
    Tokenizer::default().each_word(text, Span { start: 0, end: text.len() }, |start, end, w| {
        let gap = read_gap(&text[last_end..start]);
        if !out.is_empty() && (gap.sentence_end || gap.paragraph_end) {
            sentence += 1;
        }
        if gap.paragraph_end {
            quoted = false;
        }
        for mark in gap.toggles {
            quoted = match mark {
                Mark::Open => true,
                Mark::Close => false,
                Mark::Straight => !quoted,
            };
        }
        let hash = xxhash_rust::xxh3::xxh3_64(w.as_bytes());
        let stem = xxhash_rust::xxh3::xxh3_64(stem(w).as_bytes());
        out.push(Word { hash, stopword: is_stopword(w), quoted, sentence, stem });
        last_end = end;
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(text: &str) -> Vec<(bool, usize)> {
        words(text).iter().map(|w| (w.quoted, w.sentence)).collect()
    }

    #[test]
    fn newspaper_quotes_and_sentences() {
        let f = flags("He said: \"We are happy.\" Then he left.");
        let quoted: Vec<bool> = f.iter().map(|x| x.0).collect();
        assert_eq!(quoted, [false, false, true, true, true, false, false, false]);
        let sentences: Vec<usize> = f.iter().map(|x| x.1).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn pa_quotes_close_at_paragraph_end() {
        let f = flags("He said ``we will appeal<\nThe judge ``agreed'' today.");
        let quoted: Vec<bool> = f.iter().map(|x| x.0).collect();
        assert_eq!(quoted, [false, false, true, true, true, false, false, true, false]);
        assert_eq!(f[5].1, 1, "a paragraph break ends the sentence");
    }

    #[test]
    fn stems_drop_one_suffix_from_long_enough_words() {
        assert_eq!(stem("jailed"), "jail");
        assert_eq!(stem("jailing"), "jail");
        assert_eq!(stem("courts"), "court");
        assert_eq!(stem("was"), "was");
        assert_eq!(stem("bed"), "bed");
        let w = words("jailed jailing");
        assert_eq!(w[0].stem, w[1].stem);
        assert_ne!(w[0].hash, w[1].hash);
    }

    #[test]
    fn function_words_are_flagged() {
        let w = words("the judge");
        assert!(w[0].stopword && !w[1].stopword);
    }
}
