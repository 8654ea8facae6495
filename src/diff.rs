//! Diff: two passages -> which words of each the other keeps, in order
//! (a longest common subsequence of normalized words), so a reader sees
//! exactly what was changed.

use crate::normalize::Tokenizer;
use crate::segment::Span;

/// Longest passage, in words per side, that gets a word diff (the table is
/// quadratic); longer ones are reported without one.
pub const MAX_WORDS: usize = 2000;

/// The words of both sides, each with whether it is kept in the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordDiff {
    /// Byte spans of side a's words and whether each is kept in side b.
    pub a: Vec<(Span, bool)>,
    /// The same for side b.
    pub b: Vec<(Span, bool)>,
    /// Number of words kept (the common subsequence's length).
    pub kept: usize,
}

fn words(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    Tokenizer::default().each_word(text, Span { start: 0, end: text.len() }, |start, end, w| {
        out.push((Span { start, end }, w.to_string()));
    });
    out
}

/// The word diff of `a` and `b`, or `None` when a side is longer than
/// [`MAX_WORDS`].
pub fn diff(a: &str, b: &str) -> Option<WordDiff> {
    let (wa, wb) = (words(a), words(b));
    if wa.len() > MAX_WORDS || wb.len() > MAX_WORDS {
        return None;
    }
    let (n, m) = (wa.len(), wb.len());
    // lcs[i][j]: common subsequence length of wa[i..] and wb[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if wa[i].1 == wb[j].1 {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut keep_a, mut keep_b) = (vec![false; n], vec![false; m]);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if wa[i].1 == wb[j].1 {
            (keep_a[i], keep_b[j]) = (true, true);
            (i, j) = (i + 1, j + 1);
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let kept = lcs[at(0, 0)] as usize;
    let zip = |w: Vec<(Span, String)>, k: Vec<bool>| w.into_iter().map(|x| x.0).zip(k).collect();
    Some(WordDiff { a: zip(wa, keep_a), b: zip(wb, keep_b), kept })
}

/// Length of a longest common subsequence of two word-hash sequences, in
/// linear memory; sides over [`MAX_WORDS`] are compared as bags (the count
/// of words they share, order ignored), an upper bound.
pub fn kept_words(a: &[u64], b: &[u64]) -> usize {
    if a.len() > MAX_WORDS || b.len() > MAX_WORDS {
        let mut x = a.to_vec();
        let mut y = b.to_vec();
        x.sort_unstable();
        y.sort_unstable();
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
            }
        }
        return n;
    }
    let mut row = vec![0u32; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()] as usize
}

/// Marks around words not kept in the other side: `⟦` `⟧`, which news text
/// does not use (square brackets it does: `Zelenskyy [sic]`).
pub const MARK: (char, char) = ('\u{27e6}', '\u{27e7}');

/// Number of words in `text`.
pub fn word_count(text: &str) -> usize {
    let mut n = 0;
    Tokenizer::default().each_word(text, Span { start: 0, end: text.len() }, |_, _, _| n += 1);
    n
}

/// `text` with white space collapsed and each run of words not kept in
/// the other side wrapped in [`MARK`].
pub fn marked(text: &str, words: &[(Span, bool)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    let mut open = false;
    for &(span, kept) in words {
        let gap = &text[pos..span.start];
        if open && kept {
            out.push(MARK.1);
            open = false;
        }
        out.push_str(&collapse(gap));
        if !kept && !open {
            out.push(MARK.0);
            open = true;
        }
        out.push_str(&text[span.start..span.end]);
        pos = span.end;
    }
    if open {
        out.push(MARK.1);
    }
    out.push_str(&collapse(&text[pos..]));
    out.trim().to_string()
}

fn collapse(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    if s.starts_with(char::is_whitespace) {
        out.insert(0, ' ');
    }
    if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words_on_both_sides() {
        let a = "the U.S.’s only role is to bring both sides together";
        let b = "the US's only job is to bring the two sides together";
        let d = diff(a, b).expect("short");
        assert_eq!(d.kept, 8);
        assert_eq!(marked(a, &d.a), "the U.S.’s only ⟦role⟧ is to bring ⟦both⟧ sides together");
        assert_eq!(marked(b, &d.b), "the US's only ⟦job⟧ is to bring ⟦the two⟧ sides together");
    }

    #[test]
    fn kept_words_is_the_common_subsequence() {
        assert_eq!(kept_words(&[1, 2, 3, 4, 5], &[1, 3, 9, 4, 5, 2]), 4);
        assert_eq!(kept_words(&[], &[1]), 0);
        let long: Vec<u64> = (0..3000).collect();
        let reversed: Vec<u64> = (0..3000).rev().collect();
        assert_eq!(kept_words(&long, &reversed), 3000, "bag fallback over MAX_WORDS");
    }
}
