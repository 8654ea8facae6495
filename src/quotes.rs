//! Quotes: whether a passage is inside quotation marks.
//!
//! Marks are tracked from the start of the passage's paragraph (news
//! reopens a quotation in each paragraph of a long quote without closing
//! it). An opening mark is closed by its own partner: `“…”` (English),
//! `„…“` and `»…«` (German), `«…»` (French), `"…"`. A straight `"` right
//! after a digit is an inch mark, not a quote; single quotes are ignored,
//! since they double as apostrophes.

use crate::segment::Span;

/// The closing mark expected for an opening mark, if `c` opens a quote.
fn partner(c: char) -> Option<char> {
    match c {
        '\u{201c}' => Some('\u{201d}'),
        '\u{201e}' => Some('\u{201c}'),
        '\u{ab}' => Some('\u{bb}'),
        '\u{bb}' => Some('\u{ab}'),
        '"' => Some('"'),
        _ => None,
    }
}

/// The quote state after `c`: `Some(closer)` while inside a quotation.
fn step(state: Option<char>, c: char, prev: Option<char>) -> Option<char> {
    if c == '"' && prev.is_some_and(|p| p.is_ascii_digit()) {
        return state;
    }
    match state {
        Some(closer) if c == closer => None,
        // A closing mark of the other convention, outside its pair, closes too.
        Some(_) if matches!(c, '\u{201d}') => None,
        Some(closer) => Some(closer),
        None => partner(c),
    }
}

/// Whether at least half of the words of `text[span]` are inside quotation
/// marks, following marks from byte `from` (the paragraph's start).
pub fn quoted(text: &str, from: usize, span: Span) -> bool {
    let (words, quoted_words) = quoted_words(text, from, span);
    words > 0 && quoted_words * 2 >= words
}

/// The words of `text[span]` and how many of them are inside quotation
/// marks, following marks from byte `from` (the paragraph's start).
pub fn quoted_words(text: &str, from: usize, span: Span) -> (usize, usize) {
    let mut state = None;
    let mut prev = None;
    for c in text[from.min(span.start)..span.start].chars() {
        state = step(state, c, prev);
        prev = Some(c);
    }
    let (mut words, mut quoted_words, mut in_word) = (0usize, 0usize, false);
    for c in text[span.start..span.end].chars() {
        state = step(state, c, prev);
        prev = Some(c);
        let alnum = c.is_alphanumeric();
        if alnum && !in_word {
            words += 1;
            quoted_words += usize::from(state.is_some());
        }
        in_word = alnum;
    }
    (words, quoted_words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, part: &str) -> Span {
        let start = text.find(part).expect("part of text");
        Span { start, end: start + part.len() }
    }

    #[test]
    fn english_and_straight_quotes() {
        let t =
            "He said the U.S. is \u{201c}not trying to force any territorial concessions\u{201d} on anyone.";
        assert!(quoted(t, 0, span_of(t, "not trying to force any territorial concessions")));
        assert!(!quoted(t, 0, span_of(t, "He said the U.S. is")));
        let s = "Officials said \"this is totally false and misleading\" on Tuesday.";
        assert!(quoted(s, 0, span_of(s, "this is totally false and misleading")));
    }

    #[test]
    fn quotation_reopened_in_the_next_paragraph() {
        let m = "\"We will talk about trade. ### \"Right now, there's no trust at all,\" he said.";
        let from = m.find(" ### ").unwrap_or(0) + 5;
        assert!(quoted(m, from, span_of(m, "Right now, there's no trust at all")));
    }

    #[test]
    fn german_and_french_marks_close_on_their_partner() {
        let g = "\u{201e}Wir verhandeln nicht\u{201c}, sagte der Minister vor den Abgeordneten heute.";
        assert!(quoted(g, 0, span_of(g, "Wir verhandeln nicht")));
        assert!(!quoted(g, 0, span_of(g, "sagte der Minister vor den Abgeordneten")));
        let d = "\u{bb}Nein\u{ab}, sagte er deutlich vor allen Leuten im Saal.";
        assert!(!quoted(d, 0, span_of(d, "sagte er deutlich vor allen Leuten")));
        let f = "\u{ab}Non\u{bb}, a-t-il dit devant tous les gens dans la salle.";
        assert!(!quoted(f, 0, span_of(f, "a-t-il dit devant tous les gens")));
    }

    #[test]
    fn inch_marks_are_not_quotes() {
        let t = "The 12\" screen, he said, \"is the best we ever made for reporters\".";
        assert!(quoted(t, 0, span_of(t, "is the best we ever made for reporters")));
    }
}
