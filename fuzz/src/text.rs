//! Properties of the text stages: segmenter, normalizer, aligner.

use wiretrace::align::{AlignParams, Passage, Prepared, align_prepared};
use wiretrace::normalize::{Tokenizer, word_hashes};
use wiretrace::segment::{self, Span};

/// Asserts that `span` is a non-empty range of `text` on char boundaries.
fn assert_on_chars(text: &str, span: Span, what: &str) {
    assert!(span.start < span.end && span.end <= text.len(), "{what} {span:?} out of 0..{}", text.len());
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} cuts a character"
    );
}

/// The segmenter's invariants on `text` split with `separator`: spans in
/// text order, disjoint, on char boundaries, trimmed; every non-space
/// character outside the separators in some span; no span across a
/// paragraph break (a blank line, U+2029, or the separator).
pub fn check_segment(text: &str, separator: Option<&str>) {
    let spans = segment::paragraphs(text, separator);
    let mut covered = vec![false; text.len()];
    for pair in spans.windows(2) {
        if let [x, y] = pair {
            assert!(x.end < y.start, "paragraphs {x:?} and {y:?} overlap or touch");
        }
    }
    for &span in &spans {
        assert_on_chars(text, span, "paragraph");
        let body = text.get(span.start..span.end).unwrap_or_default();
        assert_eq!(body.trim(), body, "paragraph {span:?} is not trimmed");
        covered.get_mut(span.start..span.end).unwrap_or_default().fill(true);
        match separator.filter(|s| !s.is_empty()) {
            Some(sep) => assert!(!body.contains(sep), "paragraph {span:?} holds the separator"),
            None => assert!(!has_blank_line(body), "paragraph {span:?} runs over a blank line"),
        }
    }
    let mut in_separator = vec![false; text.len()];
    if let Some(sep) = separator.filter(|s| !s.is_empty()) {
        for (at, m) in text.match_indices(sep) {
            in_separator.get_mut(at..at + m.len()).unwrap_or_default().fill(true);
        }
    }
    for (at, c) in text.char_indices() {
        let lost = !c.is_whitespace() && !covered.get(at).copied().unwrap_or(false);
        assert!(!lost || in_separator.get(at).copied().unwrap_or(false), "{c:?} at {at} is in no paragraph");
    }
}

/// Whether `body` holds a paragraph break of the default rules: U+2029 or
/// a line of white space alone between two line breaks.
fn has_blank_line(body: &str) -> bool {
    if body.contains('\u{2029}') {
        return true;
    }
    let body = body.replace("\r\n", "\n");
    let mut lines = body.split(segment::is_line_break);
    lines.next();
    let mut inner: Vec<&str> = lines.collect();
    inner.pop();
    inner.iter().any(|l| l.trim().is_empty())
}

/// The normalizer's invariants on `text[span]`: tokens inside the span, on
/// char boundaries, in order and disjoint; each starts and ends with a
/// letter or digit, holds nothing but those and the joiners it may drop,
/// and its normalized form is exactly the case-folded letters and digits
/// of its slice; no letter or digit of the span is left out.
pub fn check_normalize(text: &str, span: Span, seed: u64) {
    let mut words: Vec<(usize, usize, String)> = Vec::new();
    Tokenizer::default().each_word(text, span, |s, e, w| words.push((s, e, w.to_string())));
    let mut tokens = Vec::new();
    Tokenizer::default().tokens(text, span, seed, &mut tokens);
    assert_eq!(tokens.len(), words.len(), "tokens and words are the same walk");
    let mut covered_until = span.start;
    for (token, (start, end, word)) in tokens.iter().zip(&words) {
        assert_eq!((token.start, token.end), (*start, *end));
        assert_eq!(token.hash, xxhash_of(word, seed), "the hash is of the normalized word");
        let t = Span { start: *start, end: *end };
        assert_on_chars(text, t, "token");
        assert!(covered_until <= t.start && t.end <= span.end, "token {t:?} out of order or span");
        let gap = text.get(covered_until..t.start).unwrap_or_default();
        assert!(!gap.chars().any(char::is_alphanumeric), "{gap:?} before {t:?} holds a word");
        covered_until = t.end;
        let slice = text.get(t.start..t.end).unwrap_or_default();
        let first_last = [slice.chars().next(), slice.chars().next_back()];
        assert!(first_last.iter().all(|c| c.is_some_and(char::is_alphanumeric)), "token {slice:?}");
        let joiner = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{02bc}' | '.' | ',');
        assert!(slice.chars().all(|c| c.is_alphanumeric() || joiner(c)), "token {slice:?}");
        assert_eq!(*word, fold(slice), "token {slice:?} is not derived from its slice");
    }
    let tail = text.get(covered_until..span.end).unwrap_or_default();
    assert!(!tail.chars().any(char::is_alphanumeric), "{tail:?} at the end holds a word");
    let whole = Span { start: 0, end: text.len() };
    if span == whole {
        let expect: Vec<(usize, usize)> = words.iter().map(|(s, e, _)| (*s, *e)).collect();
        let got: Vec<(usize, usize)> = word_hashes(text).iter().map(|(s, _)| (s.start, s.end)).collect();
        assert_eq!(got, expect, "word_hashes walks the same words");
    }
}

/// The oracle of the folding rules: letters and digits only, lower-cased,
/// with the full case folds of `ß` and final sigma.
fn fold(slice: &str) -> String {
    let mut out = String::new();
    for c in slice.chars().filter(|c| c.is_alphanumeric()) {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn xxhash_of(word: &str, seed: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(word.as_bytes(), seed)
}

/// The aligner's invariants on texts `a` and `b`: every passage's spans
/// lie in their texts on char boundaries, are at least `min_bytes` long,
/// passages are ordered by their start in `a` and disjoint there, cosines
/// are finite in `[0, 1]`; a verbatim passage (no seeds) holds the same
/// words on both sides; aligning again gives the same passages.
pub fn check_align(a: &str, b: &str, params: &AlignParams) {
    let prepare = |t| Prepared::with_blocks(t, &segment::paragraphs(t, None), params);
    let (pa, pb) = (prepare(a), prepare(b));
    let passages = align_prepared(&pa, &pb, params);
    for p in &passages {
        assert_on_chars(a, p.a, "passage side a");
        assert_on_chars(b, p.b, "passage side b");
        let short = p.a.end - p.a.start < params.min_bytes || p.b.end - p.b.start < params.min_bytes;
        assert!(!short, "passage {p:?} shorter than {} bytes", params.min_bytes);
        assert!(p.cosine.is_finite() && (0.0..=1.0 + 1e-9).contains(&p.cosine), "cosine of {p:?}");
        if p.seeds == 0 {
            assert_eq!(words_in(a, p.a), words_in(b, p.b), "verbatim passage {p:?} differs");
        }
    }
    for pair in passages.windows(2) {
        if let [x, y] = pair {
            assert!((x.a.start, x.b.start) <= (y.a.start, y.b.start), "passages out of order");
            assert!(!x.a.overlaps(&y.a), "passages {x:?} and {y:?} overlap in a");
        }
    }
    let again: Vec<Passage> = align_prepared(&pa, &pb, params);
    assert_eq!(passages, again, "aligning twice gives the same passages");
}

/// Hashes of the words of `text` (as the whole text tokenizes) inside `span`.
fn words_in(text: &str, span: Span) -> Vec<u64> {
    word_hashes(text)
        .into_iter()
        .filter(|(w, _)| span.start <= w.start && w.end <= span.end)
        .map(|(_, h)| h)
        .collect()
}
