//! Trimming: a passage found at sentence granularity often starts or ends
//! mid-sentence in truth. Each side is trimmed, inside its first and last
//! sentence only, to the first and last content word that also occurs in
//! the other side's passage.

use std::collections::HashSet;

use super::sentences::{Sentence, is_stopword};
use crate::normalize::Tokenizer;
use crate::segment::Span;

/// Content words of `text[span]`, as normalized strings.
fn content_words(text: &str, span: Span) -> HashSet<String> {
    let mut words = HashSet::new();
    Tokenizer::default().each_word(text, span, |_, _, w| {
        if !is_stopword(w) {
            words.insert(w.to_string());
        }
    });
    words
}

/// `span` of `text` trimmed to words found in `other`, moving the start no
/// further than the end of the sentence it is in, and the end no further
/// back than the start of its sentence.
pub(super) fn trim(text: &str, span: Span, sentences: &[Sentence], other: &HashSet<String>) -> Span {
    let first = sentences.iter().find(|s| s.span.start == span.start).map_or(span.end, |s| s.span.end);
    let last = sentences.iter().rev().find(|s| s.span.end == span.end).map_or(span.start, |s| s.span.start);
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    Tokenizer::default().each_word(text, span, |start, end, w| {
        words.push((start, end, !is_stopword(w) && other.contains(w)));
    });
    let start = words.iter().find(|w| w.2 || w.0 >= first).map_or(span.start, |w| w.0);
    let end = words.iter().rev().find(|w| w.2 || w.1 <= last).map_or(span.end, |w| w.1);
    if start < end { Span { start, end } } else { span }
}

/// Both sides of a passage trimmed against each other.
pub(super) fn trim_both(
    a: &str,
    b: &str,
    pa: Span,
    pb: Span,
    sa: &[Sentence],
    sb: &[Sentence],
) -> (Span, Span) {
    let (wa, wb) = (content_words(a, pa), content_words(b, pb));
    (trim(a, pa, sa, &wb), trim(b, pb, sb, &wa))
}
