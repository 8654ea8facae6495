//! Verbatim runs: maximal runs of at least `min_words` consecutive words
//! that two texts share (after normalization). A quotation lifted into a
//! long sentence of another shape escapes sentence seeding (its sentence
//! bags differ too much) but is a long common run of words.

use crate::segment::Span;

/// Most places in text b a run may start from: a window of words found
/// more often there is not followed (see [`runs`]).
const MAX_STARTS: usize = 32;

/// The key of a window of words.
fn key(w: &[(Span, u64)]) -> u64 {
    w.iter().fold(0u64, |h, x| h.rotate_left(13) ^ x.1)
}

/// Every window of `min_words` words of a text, as `(key, start)` sorted:
/// built once per text, searched by [`runs`] for each text it is aligned
/// with.
pub(super) fn windows(words: &[(Span, u64)], min_words: usize) -> Vec<(u64, u32)> {
    if min_words == 0 {
        return Vec::new();
    }
    let mut out: Vec<(u64, u32)> =
        words.windows(min_words).enumerate().map(|(j, w)| (key(w), j as u32)).collect();
    out.sort_unstable();
    out
}

/// A text's words (byte span and hash) and its [`windows`].
type Text<'a> = (&'a [(Span, u64)], &'a [(u64, u32)]);

/// Byte spans `(in a, in b)` of the maximal common word runs of at least
/// `min_words` words, in order of their start in `a`; each text comes with
/// its [`windows`]; a run is not reported again from inside a longer
/// one, nor started from a window of words that b repeats more than
/// [`MAX_STARTS`] times (so the work is linear, not quadratic, in the
/// length of a text that repeats itself).
pub(super) fn runs((wa, windows_a): Text, (wb, windows_b): Text, min_words: usize) -> Vec<(Span, Span)> {
    if min_words == 0 || wa.len() < min_words || wb.len() < min_words {
        return Vec::new();
    }
    // Windows of a whose key b has too, each with b's windows of that key:
    // one merge of the two sorted lists. A key repeated more often than
    // MAX_STARTS in b is a refrain, not a quote: skipping it keeps
    // degenerate texts linear.
    let mut shared: Vec<(u32, usize, usize)> = Vec::new();
    let (mut x, mut y) = (0, 0);
    while x < windows_a.len() && y < windows_b.len() {
        let k = windows_a[x].0;
        if k < windows_b[y].0 {
            x += 1;
        } else if k > windows_b[y].0 {
            y += 1;
        } else {
            let to = y + windows_b[y..].partition_point(|w| w.0 == k);
            while x < windows_a.len() && windows_a[x].0 == k {
                if to - y <= MAX_STARTS {
                    shared.push((windows_a[x].1, y, to));
                }
                x += 1;
            }
            y = to;
        }
    }
    shared.sort_unstable();
    let mut out = Vec::new();
    let mut covered_until = 0usize;
    for (i, from, to) in shared {
        let i = i as usize;
        if i < covered_until {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for &(_, j) in &windows_b[from..to] {
            let j = j as usize;
            let len = wa[i..].iter().zip(&wb[j..]).take_while(|(x, y)| x.1 == y.1).count();
            if len >= min_words && best.is_none_or(|(_, l)| len > l) {
                best = Some((j, len));
            }
        }
        if let Some((j, len)) = best {
            let sa = Span { start: wa[i].0.start, end: wa[i + len - 1].0.end };
            let sb = Span { start: wb[j].0.start, end: wb[j + len - 1].0.end };
            out.push((sa, sb));
            covered_until = i + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::word_hashes as words;

    #[test]
    fn finds_a_quote_inside_differently_shaped_sentences() {
        let a = "A person familiar with the U.S. position said Washington was “not trying to force any \
                 territorial concessions upon Ukraine”.";
        let b = "A source told FT that the U.S. is “not trying to force any territorial concessions upon \
                 Ukraine,” adding that guarantees depend on a deal.";
        let (wa, wb) = (words(a), words(b));
        let found = runs((&wa, &windows(&wa, 8)), (&wb, &windows(&wb, 8)), 8);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &a[found[0].0.start..found[0].0.end],
            "not trying to force any territorial concessions upon Ukraine"
        );
        assert_eq!(
            &b[found[0].1.start..found[0].1.end],
            "not trying to force any territorial concessions upon Ukraine"
        );
    }
}
