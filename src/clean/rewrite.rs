//! Rewrite: one article's text and the runs of paragraphs to remove -> the
//! new text and the exact byte range of the old text each run took away.
//!
//! A pure function. Each run takes its paragraphs and one of the two
//! separators around it (the white space, blank lines or ` ### ` marker
//! between paragraphs), so the paragraphs before and after it stay apart:
//!
//! - in the middle of the text, the run keeps the stronger separator (a
//!   paragraph break — a blank line or the paragraph marker — over a single
//!   line break; the one before it on a tie) and takes the other;
//! - at the end, it takes the separator before it; at the start, the one
//!   after it; a run of every paragraph takes only the paragraphs, so
//!   leading and trailing white space stay.
//!
//! The new text is then split into paragraphs again by `resegment` (the
//! same rules a scan applies); it must give exactly the kept paragraphs.
//! When it does not — say, a removed line let the next line continue the
//! one before it — the runs take only their paragraphs and both separators
//! stay; if even that splits differently, the article is left unchanged
//! ([`Refused::Resegments`]). The removed ranges are disjoint, sorted, and
//! the new text is the old one with exactly those ranges cut out.

use crate::segment::{Span, is_line_break};

/// A run of paragraphs to remove, by index in the article (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// First paragraph.
    pub first: usize,
    /// Last paragraph.
    pub last: usize,
}

/// An article's new text and what was cut from the old one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewritten {
    /// The text without the removed ranges.
    pub text: String,
    /// The byte range of the old text each run removed (aligned with the
    /// runs; each holds the run's paragraphs and at most one separator).
    pub removed: Vec<Span>,
}

/// Why an article could not be rewritten.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The runs are not sorted, overlap, or name paragraphs that do not
    /// exist, or the paragraph spans do not fit the text.
    BadRuns,
    /// Without the runs, the rest of the text would split into different
    /// paragraphs.
    Resegments,
}

/// Removes `runs` (sorted, disjoint) of `paragraphs` (the spans a scan
/// found in `text`) from `text`. `separator` is the paragraph marker in use,
/// if any; `resegment` splits a text as the scan would (`None`: the text is
/// not acceptable, whatever its paragraphs).
pub fn rewrite(
    text: &str,
    paragraphs: &[Span],
    runs: &[Run],
    separator: Option<&str>,
    resegment: &dyn Fn(&str) -> Option<Vec<Span>>,
) -> Result<Rewritten, Refused> {
    if !valid(text, paragraphs, runs) {
        return Err(Refused::BadRuns);
    }
    let mut removed = vec![false; paragraphs.len()];
    for r in runs {
        removed[r.first..=r.last].iter_mut().for_each(|x| *x = true);
    }
    let expected: Vec<&str> = paragraphs
        .iter()
        .zip(&removed)
        .filter(|(_, gone)| !**gone)
        .map(|(s, _)| &text[s.start..s.end])
        .collect();
    for style in [Style::KeepStronger, Style::KeepBoth] {
        let ranges = ranges(text, paragraphs, runs, separator, style);
        let new = cut(text, &ranges);
        let same = resegment(&new).is_some_and(|spans| {
            spans.len() == expected.len()
                && spans.iter().zip(&expected).all(|(s, want)| new.get(s.start..s.end) == Some(*want))
        });
        if same {
            return Ok(Rewritten { text: new, removed: ranges });
        }
    }
    Err(Refused::Resegments)
}

/// Which separators a run leaves in place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// The stronger of the two around it (see the module rules).
    KeepStronger,
    /// Both.
    KeepBoth,
}

fn valid(text: &str, paragraphs: &[Span], runs: &[Run]) -> bool {
    let spans_ok = paragraphs.iter().all(|s| s.start < s.end && text.get(s.start..s.end).is_some())
        && paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
    let runs_ok = runs.iter().all(|r| r.first <= r.last && r.last < paragraphs.len())
        && runs.windows(2).all(|w| w[0].last < w[1].first);
    spans_ok && runs_ok
}

/// The byte range each run removes.
fn ranges(text: &str, paragraphs: &[Span], runs: &[Run], separator: Option<&str>, style: Style) -> Vec<Span> {
    let mut out = Vec::with_capacity(runs.len());
    let mut k = 0;
    while k < runs.len() {
        // A group of runs covering consecutive paragraphs shares its separators.
        let mut end = k + 1;
        while end < runs.len() && runs[end].first == runs[end - 1].last + 1 {
            end += 1;
        }
        let (i, j) = (runs[k].first, runs[end - 1].last);
        let before = i.checked_sub(1);
        let after = (j + 1 < paragraphs.len()).then_some(j + 1);
        let gap = |a: usize, b: usize| &text[paragraphs[a].end..paragraphs[b].start];
        let take = match (style, before, after) {
            (Style::KeepBoth, _, _) | (_, None, None) => Take::Neither,
            (_, Some(_), None) => Take::Before,
            (_, None, Some(_)) => Take::After,
            (_, Some(b), Some(a)) => {
                if strength(gap(j, a), separator) > strength(gap(b, i), separator) {
                    Take::Before
                } else {
                    Take::After
                }
            }
        };
        for (n, r) in runs[k..end].iter().enumerate() {
            let last_of_group = k + n + 1 == end;
            out.push(match take {
                Take::After => Span { start: paragraphs[r.first].start, end: paragraphs[r.last + 1].start },
                Take::Before => Span { start: paragraphs[r.first - 1].end, end: paragraphs[r.last].end },
                Take::Neither if last_of_group => {
                    Span { start: paragraphs[r.first].start, end: paragraphs[r.last].end }
                }
                Take::Neither => Span { start: paragraphs[r.first].start, end: paragraphs[r.last + 1].start },
            });
        }
        k = end;
    }
    out
}

/// Which separator a group of runs takes with it.
#[derive(Clone, Copy)]
enum Take {
    Before,
    After,
    Neither,
}

/// How strongly a separator parts paragraphs: a paragraph break (a blank
/// line, U+2029, the marker) over line breaks, then more line breaks.
fn strength(gap: &str, separator: Option<&str>) -> (bool, usize) {
    let breaks =
        gap.match_indices(is_line_break).filter(|(i, c)| !(*c == "\n" && gap[..*i].ends_with('\r'))).count();
    let paragraph_break = breaks >= 2
        || gap.contains('\u{2029}')
        || separator.is_some_and(|s| !s.is_empty() && gap.contains(s));
    (paragraph_break, breaks)
}

/// `text` without `ranges` (sorted, disjoint).
fn cut(text: &str, ranges: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests;
