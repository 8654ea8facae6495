//! Sentences of a text as bags of stemmed content words.

use crate::normalize::Tokenizer;
use crate::segment::Span;

/// One sentence: its byte span and its terms.
#[derive(Clone, Debug)]
pub(super) struct Sentence {
    /// Byte span in the text, from its first to its last word.
    pub span: Span,
    /// Distinct content terms (hash of the stemmed word) with their counts,
    /// sorted by term.
    pub terms: Vec<(u64, u32)>,
}

/// Sentences shorter than this many content words are joined to the next
/// one (as Sanchez-Perez et al. 2014 do), so that fragments such as "Mr."
/// or a lone heading do not become seeds of their own.
const MIN_TERMS: usize = 3;

/// Function words that carry no evidence of reuse (a fixed English list).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Splits `text` into sentences and their term bags.
///
/// A sentence ends after `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets) followed by white space; line breaks are white space, since
/// scraped and PAN texts wrap lines anywhere.
pub(super) fn sentences(
    text: &str,
    blocks: &[Span],
    stemmer: &rust_stemmers::Stemmer,
    keep_stopwords: bool,
) -> Vec<Sentence> {
    let mut tokenizer = Tokenizer::default();
    let mut out: Vec<Sentence> = Vec::new();
    for &block in blocks {
        let first = out.len();
        let mut pending: Option<(Span, Vec<u64>)> = None;
        for span in raw_sentences(text, block) {
            let mut terms = Vec::new();
            let mut first_last: Option<(usize, usize)> = None;
            tokenizer.each_word(text, span, |start, end, word| {
                first_last = Some(first_last.map_or((start, end), |(s, _)| (s, end)));
                if keep_stopwords || !is_stopword(word) {
                    terms.push(xxhash_rust::xxh3::xxh3_64(stemmer.stem(word).as_bytes()));
                }
            });
            let Some((start, end)) = first_last else { continue };
            let (span, terms) = match pending.take() {
                Some((prev, mut prev_terms)) => {
                    prev_terms.extend(terms);
                    (Span { start: prev.start, end }, prev_terms)
                }
                None => (Span { start, end }, terms),
            };
            if terms.len() < MIN_TERMS {
                pending = Some((span, terms));
            } else {
                out.push(Sentence { span, terms: bag(terms) });
            }
        }
        // A short tail joins the block's last sentence, never another block's.
        if let Some((span, terms)) = pending {
            let in_block = out.len() > first;
            match out.last_mut().filter(|_| in_block) {
                Some(last) => {
                    last.span.end = span.end;
                    let mut all: Vec<u64> =
                        last.terms.iter().flat_map(|&(t, n)| std::iter::repeat_n(t, n as usize)).collect();
                    all.extend(terms);
                    last.terms = bag(all);
                }
                None => out.push(Sentence { span, terms: bag(terms) }),
            }
        }
    }
    out
}

/// Whether `word` (normalized) is a function word.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

fn bag(mut terms: Vec<u64>) -> Vec<(u64, u32)> {
    terms.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for t in terms {
        match out.last_mut() {
            Some((last, n)) if *last == t => *n += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// Byte spans of the sentences of `text[block]`, before trimming to words.
fn raw_sentences(text: &str, block: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = block.start;
    let mut chars = text[block.start..block.end].char_indices().map(|(i, c)| (i + block.start, c)).peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if matches!(d, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '.' | '!' | '?') {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if chars.peek().is_none_or(|&(_, d)| d.is_whitespace()) {
            spans.push(Span { start, end });
            start = end;
        }
    }
    if start < block.end {
        spans.push(Span { start, end: block.end });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_never_join_across_blocks() {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let text = "Weather was mild across the region today. Reporters said.\n\nThe harbour authority \
                    confirmed the northern pier will close.";
        let cut = text.find("\n\n").unwrap_or(0);
        let blocks = [Span { start: 0, end: cut }, Span { start: cut + 2, end: text.len() }];
        let s = sentences(text, &blocks, &stemmer, false);
        assert!(s.iter().all(|x| x.span.end <= cut || x.span.start >= cut), "{s:?}");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn stopword_list_is_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn splits_at_sentence_ends_and_joins_short_ones() {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let text = "Ukraine wants guarantees first.\nThe U.S. disagrees strongly with Kyiv today. Yes. \
                    Talks resumed on Sunday in Abu Dhabi";
        let s = sentences(text, &[Span { start: 0, end: text.len() }], &stemmer, false);
        let spans: Vec<&str> = s.iter().map(|x| &text[x.span.start..x.span.end]).collect();
        assert_eq!(
            spans,
            [
                "Ukraine wants guarantees first",
                "The U.S. disagrees strongly with Kyiv today",
                "Yes. Talks resumed on Sunday in Abu Dhabi"
            ]
        );
    }
}
