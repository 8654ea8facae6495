//! Normalize: a paragraph's text -> word tokens, each with a hash of its
//! normalized form and the byte span of the original text it came from.
//!
//! Normalization never rewrites the text; it only decides what a word is and
//! which words are equal. Invariants:
//! - every token's `[start, end)` lies inside the paragraph span and on
//!   UTF-8 character boundaries of the original text;
//! - tokens are in text order and do not overlap.
//!
//! What is folded (see `docs/pipeline.md`):
//! - case: Unicode lower-case mapping, plus the full case folds that differ
//!   from it for letters of European news text (`ß` -> `ss`, `ς` -> `σ`);
//! - punctuation, quotes, dashes and white space are not part of words, so
//!   `“quoted”`, `"quoted"` and `— quoted —` give the same token;
//! - apostrophes inside a word are dropped (`Russia’s` = `Russia's` =
//!   `Russias`), as are dots inside abbreviations of single letters
//!   (`U.S.` = `US`, `U.S.’s` = `US's`) and separators inside numbers
//!   (`1,000` = `1000`).

use crate::segment::Span;

/// One word of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte of the word in the original text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Seeded xxh3 hash of the normalized word.
    pub hash: u64,
}

/// A reusable buffer for the normalized word, so tokenizing allocates
/// nothing once warm. Memory is the longest word, not the paragraph.
#[derive(Default)]
pub struct Tokenizer {
    word: String,
}

impl Tokenizer {
    /// Appends the tokens of `text[span]` to `out`, hashing each normalized
    /// word with `seed`.
    pub fn tokens(&mut self, text: &str, span: Span, seed: u64, out: &mut Vec<Token>) {
        self.each_word(text, span, |start, end, word| {
            let hash = xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), seed);
            out.push(Token { start, end, hash });
        });
    }

    /// Calls `f(start, end, normalized)` for each word of `text[span]`, in
    /// order, with the word's byte span in `text` and its normalized form.
    pub fn each_word(&mut self, text: &str, span: Span, mut f: impl FnMut(usize, usize, &str)) {
        let mut chars = text[span.start..span.end].char_indices();
        while let Some((start, first)) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric()) {
            self.word.clear();
            push_folded(first, &mut self.word);
            let end = self.extend_word(&mut chars, start + first.len_utf8(), first);
            f(span.start + start, span.start + end, &self.word);
        }
    }

    /// Consumes the rest of a word whose first character `first` ends at
    /// `end` (relative offset); returns where the word ends. A character
    /// that does not join the word is left unconsumed.
    fn extend_word(&mut self, chars: &mut std::str::CharIndices<'_>, mut end: usize, first: char) -> usize {
        let (mut prev, mut piece_len, mut single_letters) = (first, 1usize, true);
        loop {
            // Most words are runs of ASCII letters and digits: taken whole.
            let rest = chars.as_str();
            let run = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if run > 0 {
                let from = self.word.len();
                self.word.push_str(&rest[..run]);
                self.word[from..].make_ascii_lowercase();
                end = chars.offset() + run;
                (prev, piece_len) = (char::from(rest.as_bytes()[run - 1]), piece_len + run);
                chars.nth(run - 1);
            }
            let mut look = chars.clone();
            let Some((at, c)) = look.next() else { return end };
            if c.is_alphanumeric() {
                push_folded(c, &mut self.word);
                end = at + c.len_utf8();
                (prev, piece_len) = (c, piece_len + 1);
                *chars = look;
                continue;
            }
            single_letters &= piece_len <= 1;
            let mut ahead = look.clone().map(|(_, c)| c);
            let (next, after) = (ahead.next(), ahead.next());
            if !joins(c, prev, next, after, single_letters) {
                return end;
            }
            (prev, piece_len) = (c, 0);
            *chars = look;
        }
    }
}

/// The words of `text` with their byte spans and the xxh3 hash of their
/// normalized form.
pub fn word_hashes(text: &str) -> Vec<(Span, u64)> {
    let mut out = Vec::new();
    Tokenizer::default().each_word(text, Span { start: 0, end: text.len() }, |start, end, w| {
        out.push((Span { start, end }, xxhash_rust::xxh3::xxh3_64(w.as_bytes())));
    });
    out
}

/// Whether the non-word character `c`, between `prev` and `next`, is part of
/// the word (and dropped from its normalized form).
fn joins(c: char, prev: char, next: Option<char>, after: Option<char>, single_letters: bool) -> bool {
    let Some(next) = next else { return false };
    let apostrophe = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{02bc}');
    match c {
        // "Russia's"; also the possessive of an abbreviation, "U.S.'s".
        c if apostrophe(c) => (prev.is_alphanumeric() || prev == '.') && next.is_alphabetic(),
        '.' | ',' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
        '.' => {
            let next_is_single = !after.is_some_and(char::is_alphanumeric);
            let abbreviation = single_letters && prev.is_alphabetic();
            let possessive = apostrophe(next) && after.is_some_and(char::is_alphabetic);
            abbreviation && ((next.is_alphabetic() && next_is_single) || possessive)
        }
        _ => false,
    }
}

fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Tokenizer::default().tokens(text, Span { start: 0, end: text.len() }, 0, &mut out);
        out.iter().map(|t| &text[t.start..t.end]).collect()
    }

    fn hashes(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        Tokenizer::default().tokens(text, Span { start: 0, end: text.len() }, 7, &mut out);
        out.iter().map(|t| t.hash).collect()
    }

    #[test]
    fn words_keep_original_spans() {
        assert_eq!(
            words("“This is — totally false,” she said."),
            ["This", "is", "totally", "false", "she", "said"]
        );
        assert_eq!(words("U.S. officials' Kyiv’s 1,000 3.5"), ["U.S", "officials", "Kyiv’s", "1,000", "3.5"]);
    }

    #[test]
    fn quotes_dashes_case_and_apostrophes_fold() {
        assert_eq!(
            hashes("“As is” — the U.S. Russia’s STRASSE"),
            hashes("\"as is\" - the US russia's straße")
        );
        assert_ne!(hashes("us"), hashes("use"));
    }

    #[test]
    fn abbreviation_rule_does_not_glue_sentences() {
        assert_eq!(words("in the U.S. The end. A b"), ["in", "the", "U.S", "The", "end", "A", "b"]);
        assert_eq!(words("Plan B.Then"), ["Plan", "B", "Then"]);
    }
}
