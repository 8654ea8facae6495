//! Trimming: a passage found at sentence granularity often starts or ends
//! mid-sentence in truth. Each side is trimmed, inside its first and last
//! sentence only, to the first and last word that is shared with the other
//! side's passage: a content word found there, or a word that begins (at
//! the start) or ends (at the end) a word pair found there — so a leading
//! "not" or "On" that the other side also has is kept, since dropping a
//! negation would change what a quote says.

use rustc_hash::FxHashSet;

use super::sentences::{Sentence, is_stopword};
use crate::normalize::Tokenizer;
use crate::segment::Span;

/// A word of a passage: its byte span, the hash of its normalized form, and
/// whether it is a content word.
type Word = (usize, usize, u64, bool);

fn passage_words(text: &str, span: Span) -> Vec<Word> {
    let mut words = Vec::new();
    Tokenizer::default().each_word(text, span, |start, end, w| {
        words.push((start, end, xxhash_rust::xxh3::xxh3_64(w.as_bytes()), !is_stopword(w)));
    });
    words
}

/// What trimming compares against: the other side's content words and
/// word pairs, as hashes of their normalized forms.
pub(super) struct Vocabulary {
    content: FxHashSet<u64>,
    pairs: FxHashSet<(u64, u64)>,
}

fn vocabulary(words: &[Word]) -> Vocabulary {
    Vocabulary {
        content: words.iter().filter(|w| w.3).map(|w| w.2).collect(),
        pairs: words.windows(2).map(|p| (p[0].2, p[1].2)).collect(),
    }
}

/// `span` of `text` trimmed to words shared with `other`, moving the start
/// no further than the end of the sentence it is in, and the end no further
/// back than the start of its sentence.
fn trim(words: &[Word], span: Span, sentences: &[Sentence], other: &Vocabulary) -> Span {
    // Sentences are in text order: binary searches keep trimming linear.
    let at_start = sentences.partition_point(|s| s.span.start < span.start);
    let first =
        sentences.get(at_start).filter(|s| s.span.start == span.start).map_or(span.end, |s| s.span.end);
    let at_end = sentences.partition_point(|s| s.span.end < span.end);
    let last = sentences.get(at_end).filter(|s| s.span.end == span.end).map_or(span.start, |s| s.span.start);
    let content = |i: usize| words[i].3 && other.content.contains(&words[i].2);
    let pair = |i: usize, j: usize| other.pairs.contains(&(words[i].2, words[j].2));
    let n = words.len();
    let start = (0..n)
        .find(|&i| content(i) || (i + 1 < n && pair(i, i + 1)) || words[i].0 >= first)
        .map_or(span.start, |i| words[i].0);
    let end = (0..n)
        .rev()
        .find(|&i| content(i) || (i > 0 && pair(i - 1, i)) || words[i].1 <= last)
        .map_or(span.end, |i| words[i].1);
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
    let (wa, wb) = (passage_words(a, pa), passage_words(b, pb));
    let (va, vb) = (vocabulary(&wa), vocabulary(&wb));
    (trim(&wa, pa, sa, &vb), trim(&wb, pb, sb, &va))
}
