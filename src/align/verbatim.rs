//! Verbatim runs: maximal runs of at least `min_words` consecutive words
//! that two texts share (after normalization). A quotation lifted into a
//! long sentence of another shape escapes sentence seeding (its sentence
//! bags differ too much) but is a long common run of words.

use rustc_hash::FxHashMap as HashMap;

use crate::segment::Span;

/// Most places in text b a run may start from: a window of words found
/// more often there is not followed (see [`runs`]).
const MAX_STARTS: usize = 32;

/// Byte spans `(in a, in b)` of the maximal common word runs of at least
/// `min_words` words, in order of their start in `a`; a run is not reported
/// again from inside a longer one, nor started from a window of words that b
/// repeats more than [`MAX_STARTS`] times (so the work is linear, not
/// quadratic, in the length of a text that repeats itself).
pub(super) fn runs(wa: &[(Span, u64)], wb: &[(Span, u64)], min_words: usize) -> Vec<(Span, Span)> {
    if min_words == 0 || wa.len() < min_words || wb.len() < min_words {
        return Vec::new();
    }
    let key = |w: &[(Span, u64)]| w.iter().fold(0u64, |h, x| h.rotate_left(13) ^ x.1);
    let mut index: HashMap<u64, Vec<usize>> = HashMap::default();
    for (j, window) in wb.windows(min_words).enumerate() {
        index.entry(key(window)).or_default().push(j);
    }
    let mut out = Vec::new();
    let mut covered_until = 0usize;
    for (i, window) in wa.windows(min_words).enumerate() {
        if i < covered_until {
            continue;
        }
        // A window repeated more often than this in b is a refrain, not a
        // quote: skipping it keeps degenerate texts linear.
        let Some(starts) = index.get(&key(window)).filter(|s| s.len() <= MAX_STARTS) else { continue };
        let mut best: Option<(usize, usize)> = None;
        for &j in starts {
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
        let found = runs(&words(a), &words(b), 8);
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
