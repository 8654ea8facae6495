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
            out.push(Token { start, end, hash: word_hash(word, seed) });
        });
    }

    /// Appends the hashes of the tokens of `text[span]` to `out`: their
    /// `hash` as [`Tokenizer::tokens`] gives it.
    pub fn hashes(&mut self, text: &str, span: Span, seed: u64, out: &mut Vec<u64>) {
        self.each_word(text, span, |_, _, word| out.push(word_hash(word, seed)));
    }

    /// Calls `f(start, end, normalized)` for each word of `text[span]`, in
    /// order, with the word's byte span in `text` and its normalized form.
    pub fn each_word(&mut self, text: &str, span: Span, mut f: impl FnMut(usize, usize, &str)) {
        let s = &text[span.start..span.end];
        let bytes = s.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            self.word.clear();
            let end = if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    at += 1;
                    continue;
                }
                // Most words are a run of ASCII letters and digits ended by
                // a character that cannot join them: their normalized form
                // is their text, lower-cased.
                let (run, upper) = ascii_run(&bytes[at..]);
                let stop = at + run;
                let ends = bytes.get(stop).is_none_or(|&b| never_joins(b));
                if ends && !upper {
                    f(span.start + at, span.start + stop, &s[at..stop]);
                    at = stop;
                    continue;
                }
                // Else the run is taken whole by `extend_word`.
                self.extend_word(s, at, b'.' as char, 0)
            } else {
                let c = char_at(s, at);
                if !c.is_alphanumeric() {
                    at += c.len_utf8();
                    continue;
                }
                push_folded(c, &mut self.word);
                self.extend_word(s, at + c.len_utf8(), c, 1)
            };
            f(span.start + at, span.start + end, &self.word);
            at = end;
        }
    }

    /// Consumes the rest of a word of `s` from byte `at`, after a last
    /// character `prev` ending a piece of `piece_len` characters; returns
    /// where the word ends. A character that does not join the word is left
    /// unconsumed.
    fn extend_word(&mut self, s: &str, mut at: usize, mut prev: char, mut piece_len: usize) -> usize {
        let bytes = s.as_bytes();
        let mut single_letters = true;
        let mut end = at;
        loop {
            // Most words are runs of ASCII letters and digits: taken whole.
            let run = bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            if run > 0 {
                let from = self.word.len();
                self.word.push_str(&s[at..at + run]);
                self.word[from..].make_ascii_lowercase();
                at += run;
                (end, prev, piece_len) = (at, char::from(bytes[at - 1]), piece_len + run);
            }
            let Some(&b) = bytes.get(at) else { return end };
            if never_joins(b) {
                return end;
            }
            let c = char_at(s, at);
            if c.is_alphanumeric() {
                push_folded(c, &mut self.word);
                at += c.len_utf8();
                (end, prev, piece_len) = (at, c, piece_len + 1);
                continue;
            }
            single_letters &= piece_len <= 1;
            let next = s.get(at + c.len_utf8()..).and_then(|r| r.chars().next());
            let after =
                next.and_then(|n| s.get(at + c.len_utf8() + n.len_utf8()..)).and_then(|r| r.chars().next());
            if !joins(c, prev, next, after, single_letters) {
                return end;
            }
            (prev, piece_len) = (c, 0);
            at += c.len_utf8();
        }
    }
}

/// Whether byte `b`, just after a word's letters and digits, ends the word
/// whatever follows: an ASCII character other than `'`, `.` and `,` (the
/// only ones [`joins`] may take into a word; letters and digits were taken
/// already).
fn never_joins(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'\'' | b'.' | b',')
}

/// The hash of a normalized word.
fn word_hash(word: &str, seed: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), seed)
}

/// Length of the run of ASCII letters and digits `bytes` begins with, and
/// whether it holds an upper-case letter.
fn ascii_run(bytes: &[u8]) -> (usize, bool) {
    let mut upper = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => {}
            b'A'..=b'Z' => upper = true,
            _ => return (i, upper),
        }
    }
    (bytes.len(), upper)
}

/// The character of `s` beginning at byte `at` (a character boundary).
fn char_at(s: &str, at: usize) -> char {
    s[at..].chars().next().unwrap_or_default()
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

    /// The tokenizer as first written, one `char` at a time: the reference
    /// the byte-position one is checked against.
    fn reference_words(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices();
        while let Some((start, first)) = chars.by_ref().find(|&(_, c)| c.is_alphanumeric()) {
            let mut word = String::new();
            push_folded(first, &mut word);
            let (mut end, mut prev, mut piece_len, mut single_letters) =
                (start + first.len_utf8(), first, 1, true);
            loop {
                let mut look = chars.clone();
                let Some((at, c)) = look.next() else { break };
                if c.is_alphanumeric() {
                    push_folded(c, &mut word);
                    (end, prev, piece_len) = (at + c.len_utf8(), c, piece_len + 1);
                    chars = look;
                    continue;
                }
                single_letters &= piece_len <= 1;
                let mut ahead = look.clone().map(|(_, c)| c);
                let (next, after) = (ahead.next(), ahead.next());
                if !joins(c, prev, next, after, single_letters) {
                    break;
                }
                (prev, piece_len) = (c, 0);
                chars = look;
            }
            out.push((start, end, word));
        }
        out
    }

    #[test]
    fn byte_tokenizer_matches_the_char_reference() {
        let pieces = [
            "a", "B", "7", "ß", "É", "é", "ς", "İ", "ﬁ", "東", "٣", " ", "  ", "\n", ".", ",", "'", "’", "ʼ",
            "“", "—", "-", "U", "S", "x", "1", "0", "\u{301}", "!", "é", "Straße", "U.S.", "1,000", "3.5",
        ];
        let mut state = 12345u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for k in 0..(state >> 59) + 1 {
                let r = state.rotate_left(7 * k as u32 + 3);
                text.push_str(pieces[(r >> 40) as usize % pieces.len()]);
            }
            let mut got = Vec::new();
            Tokenizer::default().each_word(&text, Span { start: 0, end: text.len() }, |s, e, w| {
                got.push((s, e, w.to_string()))
            });
            assert_eq!(got, reference_words(&text), "{text:?}");
        }
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
