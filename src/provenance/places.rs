//! Places: where a text names a source — the paragraph, whether the
//! mention is in a credit position (`credits`), and the words around it —
//! so that direction can tell a source credited for the shared text from
//! one named for something else.
//!
//! A name keeps at most [`MAX_PLACES`] places (one per paragraph, credit
//! positions first), each with a context of about 100 bytes taken inside
//! its paragraph: a few hundred bytes per name however often it is named.

use super::credits;
use crate::segment::Span;

/// A source the text names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The name reported (a known organization's full name, else as found).
    pub name: String,
    /// Whether it is a dateline credit in parentheses.
    pub credit: bool,
    /// Byte offset of its first mention.
    pub at: usize,
    /// Mentions as a source (a rough measure of how much the text leans
    /// on it).
    pub mentions: u32,
    /// The paragraphs naming it, in text order, one place per paragraph;
    /// at most [`MAX_PLACES`], places in a credit position kept first.
    pub places: Vec<Place>,
    /// Whether it is named in more paragraphs than `places` keeps.
    pub more: bool,
}

impl Named {
    /// The words around its first kept mention, for a reader to check.
    pub fn context(&self) -> &str {
        self.places.first().map_or("", |p| &p.context)
    }

    /// Its first mention in a credit position (`credits`), which credits
    /// the whole text to it.
    pub fn credits_all(&self) -> Option<&Place> {
        self.places.iter().find(|p| p.whole)
    }
}

/// Paragraphs of one name kept per article (the memory per name stays
/// below about a kilobyte however often the text names it).
pub const MAX_PLACES: usize = 6;

/// One paragraph where a source is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Index of the paragraph in its article.
    pub paragraph: u32,
    /// Whether the mention is in a credit position (dateline credit,
    /// byline, credit or copyright line: see `credits`).
    pub whole: bool,
    /// Whether that credit position is a label line (`credits::Line::
    /// Label`): names and the organization alone on their line, which may
    /// label one piece of a page (a snippet, a photo) rather than its text.
    pub label: bool,
    /// About 100 bytes of its paragraph around the mention, white space
    /// collapsed.
    pub context: Box<str>,
    /// Byte offset of the mention in `context`.
    pub mark: u16,
    /// Whether its paragraph ends with a colon, introducing the next
    /// ("According to the Financial Times:" above the quoted report).
    pub leads: bool,
}

impl Place {
    /// The context cut to at most about `max` characters around the
    /// mention, on word boundaries, with `…` where words were left out.
    pub fn excerpt(&self, max: usize) -> String {
        let (before, after) = self.context.split_at(usize::from(self.mark).min(self.context.len()));
        let n = before.chars().count();
        let mut start = before.char_indices().nth(n.saturating_sub(max / 3)).map_or(before.len(), |c| c.0);
        if start > 0 {
            start = before[start..].find(' ').map_or(before.len(), |i| start + i + 1);
            // Not a dangling "/ " or "- " after the cut.
            let opening = |c: char| c.is_alphanumeric() || "(\"'\u{201c}\u{2018}".contains(c);
            start = before[start..].find(opening).map_or(before.len(), |i| start + i);
        }
        let budget = max.saturating_sub(before[start..].chars().count());
        let mut end = after.char_indices().nth(budget).map_or(after.len(), |c| c.0);
        if end < after.len() {
            end = after[..end].rfind(' ').unwrap_or(end);
        }
        let open = if start > 0 { "…" } else { "" };
        let close = if end < after.len() { "…" } else { "" };
        format!("{open}{}{}{close}", &before[start..], after[..end].trim_end())
    }
}

/// Adds `place` to the places of `n`: one per paragraph (a credit position
/// preferred), in paragraph order, at most [`MAX_PLACES`], dropping the
/// last place not in a credit position when full.
pub(super) fn keep_place(n: &mut Named, place: Place) {
    let i = n.places.partition_point(|p| p.paragraph < place.paragraph);
    match n.places.get_mut(i) {
        Some(p) if p.paragraph == place.paragraph => {
            if place.whole && !p.whole {
                *p = place;
            }
            return;
        }
        _ => n.places.insert(i, place),
    }
    if n.places.len() > MAX_PLACES {
        let drop = n.places.iter().rposition(|p| !p.whole).unwrap_or(MAX_PLACES);
        n.places.remove(drop);
        n.more = true;
    }
}

/// The place of a mention at byte `at`: its paragraph and the words
/// around it there; `whole` and `label` as in [`Place`].
pub(super) fn place(text: &str, paragraphs: &[Span], at: usize, (whole, label): (bool, bool)) -> Place {
    let (i, span) = credits::paragraph_of(paragraphs, at).unwrap_or((0, Span { start: at, end: at }));
    let paragraph = &text[span.start..span.end.max(at)];
    let (context, mark) = context(paragraph, at - span.start);
    let leads = paragraph.trim_end().ends_with(':');
    let index = u32::try_from(i).unwrap_or(u32::MAX);
    Place { paragraph: index, whole, label, context: context.into(), mark, leads }
}

/// About 100 bytes of `paragraph` around byte `at`, on word boundaries,
/// with white space collapsed, and the byte offset of `at` in it.
fn context(paragraph: &str, at: usize) -> (String, u16) {
    let before = tail(&paragraph[..at], 50);
    let before = if before.len() < at {
        before.split_once(char::is_whitespace).map_or(before, |(_, rest)| rest)
    } else {
        before
    };
    let after = head(&paragraph[at..], 60);
    let after = if after.len() < paragraph.len() - at {
        after.rsplit_once(char::is_whitespace).map_or(after, |(kept, _)| kept)
    } else {
        after
    };
    let mut before = before.split_whitespace().collect::<Vec<_>>().join(" ");
    if !before.is_empty() && paragraph[..at].ends_with(char::is_whitespace) {
        before.push(' ');
    }
    let mark = u16::try_from(before.len()).unwrap_or(u16::MAX);
    (before + &after.split_whitespace().collect::<Vec<_>>().join(" "), mark)
}

/// The last `n` bytes of `s` (fewer, to stay on a character boundary).
pub(super) fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The first `n` bytes of `s` (fewer, to stay on a character boundary).
pub(super) fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
