//! Credits: where in a text a mention of a news organization credits the
//! whole text to it, rather than one fact or quote.
//!
//! A mention is in a *credit position* when it is
//!
//! - a **dateline credit**: a name in parentheses opening a paragraph or
//!   followed by a dash ("(AP) —", "HELSINKI (Reuters) -", "(MENAFN) …");
//! - in a **byline**: a short paragraph whose first word is "By", or its
//!   second after a byline label ("By ROBERT BURNS Associated Press",
//!   "Analysis by Jane Doe, CNN"), or "By" after a dash or bar ("The
//!   Associated Press — By JILL COLVIN"), or ", by" after a time stamp
//!   ("Posted 3:57 pm, July 15, 2018, by Associated Press");
//! - in an **agency credit line**: a short paragraph of names ending with
//!   the organization, optionally followed by a time stamp or a bullet
//!   ("Geoff Mulvihill, Associated Press", "Jonathan Lemire and Jill
//!   Colvin, Associated Press Published 6:23 a.m. ET", "Jill Colvin, The
//!   Associated Press •"), or the organization alone, beside a dash or
//!   bullet at most ("The Associated Press", "AP", "— AP", Yahoo's
//!   provider line "CBS News•"; the second half of a byline split over
//!   two paragraphs), or followed by the story's date ("Associated Press
//!   Monday, July 16, 2018", "The Associated Press | Sunday, July 15, 2018,
//!   8:27 a.m."); not a tweet's signature ("— CNN (@CNN) July 16, 2018");
//! - in a **copyright line**: a short paragraph with "Copyright" or "©"
//!   before the name ("Copyright 2018 The Associated Press", "© Reuters");
//! - in a **parenthesized credit line**: a short paragraph in parentheses
//!   with a credit phrase ("(With inputs from Reuters)", "(Reporting by …
//!   for Reuters)"), not a picture credit ("(Pablo Martinez Monsivais /
//!   AP)");
//! - in a **contribution line**: a short paragraph with the name followed
//!   by "contributed" ("The Associated Press contributed to this report").
//!
//! "Short" is at most [`CREDIT_LINE_MAX_BYTES`], runs of white space
//! counting as one byte. A sentence that merely
//! mentions an agency ("In Washington, Reuters reported that …") is none of
//! these: a credit line holds nothing after the name but a time stamp.

use super::time::{self, is_time_line};
use crate::segment::Span;

/// Longest paragraph, in bytes, that can be a byline or credit line.
pub const CREDIT_LINE_MAX_BYTES: usize = 200;

/// Longest list of names before the organization in an agency credit line,
/// in words.
const CREDIT_NAMES_MAX_WORDS: usize = 16;

/// What may follow the organization on an agency credit line.
const STAMPS: &[&str] =
    &["Published", "Updated", "Posted", "Last updated", "|", "/", "-", "\u{2013}", "\u{2014}", "\u{2022}"];

/// Dashes and the bullet, which may stand alone beside an organization on
/// its line ("\u{2014} AP", "AP \u{2014}", "CBS News\u{2022}").
const MARKS: &[char] = &['-', '\u{2013}', '\u{2014}', '\u{2022}'];

/// The words of [`STAMPS`]: what may follow an organization standing alone.
const TIME_STAMPS: &[&str] = &["Published", "Updated", "Posted", "Last updated"];

/// Words a parenthesized credit line holds ("(With inputs from Reuters)",
/// "(Reporting by Jane Doe; editing by …)"), lower case.
const CUES: &[&str] = &[
    "inputs from",
    "reporting by",
    "writing by",
    "editing by",
    "compiled by",
    "contributed",
    "source:",
    "via ",
];

/// Words of a picture credit ("(AP Photo/Evan Vucci)"), which credits a
/// picture, not the text.
const PICTURE_WORDS: &[&str] = &["photo", "image", "video", "graphic"];

/// The paragraph holding byte `at`, found by binary search (paragraphs are
/// in text order and do not overlap).
pub fn paragraph_of(paragraphs: &[Span], at: usize) -> Option<(usize, Span)> {
    let i = paragraphs.partition_point(|p| p.start <= at).checked_sub(1)?;
    paragraphs.get(i).copied().filter(|p| at < p.end).map(|p| (i, p))
}

/// Whether `text[span]` is a dateline credit: wrapped in parentheses that
/// open a paragraph or are followed by a dash.
pub fn is_dateline_credit(text: &str, span: Span, paragraphs: &[Span]) -> bool {
    text[..span.start].ends_with('(')
        && text[span.end..].starts_with(')')
        && at_dateline(text, span.start - 1, span.end + 1, paragraphs)
}

/// Whether parentheses from `open` to just before `after` open a
/// paragraph or are followed by a dash.
pub fn at_dateline(text: &str, open: usize, after: usize, paragraphs: &[Span]) -> bool {
    let rest = text[after..].trim_start_matches([' ', '\t']);
    rest.starts_with(['-', '\u{2013}', '\u{2014}'])
        || paragraph_of(paragraphs, open).is_some_and(|(_, p)| text[p.start..open].trim_start().is_empty())
}

/// Whether `text[span]` stands in a byline, agency credit line, copyright
/// line or parenthesized credit line (not a dateline credit: see
/// [`is_dateline_credit`]).
pub fn in_credit_line(text: &str, span: Span, paragraphs: &[Span]) -> bool {
    credit_line(text, span, paragraphs).is_some()
}

/// The kind of a credit line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// A byline, copyright, parenthesized or contribution line: it speaks
    /// of the text ("By", "©", "with inputs from", "contributed").
    Text,
    /// An agency credit line, names and the organization or the
    /// organization alone: the form of a byline, but also of a label, such
    /// as an outlet's name over its snippet on a page of snippets, or a
    /// picture's credit under its caption in a gallery ("KIMMO BRANDT,
    /// EPA-EFE").
    Label,
}

/// The kind of credit line `text[span]` stands in, if it stands in one
/// (see [`in_credit_line`]).
pub fn credit_line(text: &str, span: Span, paragraphs: &[Span]) -> Option<Line> {
    let (_, p) = paragraph_of(paragraphs, span.start).filter(|(_, p)| span.end <= p.end)?;
    let para = text[p.start..p.end].trim();
    let lower = para.to_lowercase();
    if spoken_len(para) > CREDIT_LINE_MAX_BYTES || PICTURE_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let before = &text[p.start..span.start];
    let after = text[span.end..p.end].trim();
    let text_line = is_byline(para)
        || (para.starts_with('(') && para.ends_with(')') && CUES.iter().any(|c| lower.contains(c)))
        || after.starts_with("contributed")
        || before.to_lowercase().contains("copyright")
        || before.contains('\u{a9}');
    if text_line { Some(Line::Text) } else { agency_line(before, after).then_some(Line::Label) }
}

/// Bytes of `para` (trimmed) with each run of white space inside it counted
/// as one byte: a page's
/// layout may pad a byline with hundreds of spaces ("By" and the names in
/// two cells of a table), which makes it no longer.
fn spoken_len(para: &str) -> usize {
    let words = para.split_whitespace();
    words.clone().map(str::len).sum::<usize>() + words.count().saturating_sub(1)
}

/// Labels that may stand before "by" in a byline ("Analysis by Jane Doe").
const BYLINE_LABELS: &[&str] =
    &["analysis", "written", "reporting", "story", "opinion", "commentary", "words", "text", "posted"];

/// Whether a paragraph's first word is "By" ("By Jane Doe"), or its second
/// after a byline label ("Analysis by Jane Doe"); or "By" follows a dash or
/// bar ("The Associated Press \u{2014} By JILL COLVIN"), or ", by" a time
/// stamp ("Posted 3:57 pm, July 15, 2018, by Associated Press"); not a
/// sentence such as "Hit by a car, the man told CNN he was fine".
fn is_byline(para: &str) -> bool {
    let mut words = para.split_whitespace();
    let by = |w: Option<&str>| w.is_some_and(|w| w.eq_ignore_ascii_case("by"));
    let first = match words.next() {
        Some(first) if first.eq_ignore_ascii_case("by") => return true,
        Some(first) => first,
        None => return false,
    };
    let stamped = TIME_STAMPS.iter().any(|s| para.starts_with(s)) && para.to_lowercase().contains(", by ");
    let after_mark = para
        .split_whitespace()
        .zip(para.split_whitespace().skip(1))
        .any(|(mark, w)| (mark.trim_matches(MARKS).is_empty() || mark == "|") && matches!(w, "By" | "BY"));
    (BYLINE_LABELS.contains(&first.to_lowercase().as_str()) && by(words.next())) || stamped || after_mark
}

/// Whether `before` the organization is a list of names ending in a comma
/// or dash, and `after` it nothing but a time stamp: "Geoff Mulvihill," /
/// "Associated Press" / "Published 6:23 a.m.".
fn agency_line(before: &str, after: &str) -> bool {
    let before = before.trim_end();
    let before =
        before.strip_suffix("The").or_else(|| before.strip_suffix("the")).unwrap_or(before).trim_end();
    let stamp_or_nothing = after.is_empty() || STAMPS.iter().any(|s| after.starts_with(s));
    if before.trim_matches(MARKS).trim().is_empty() {
        // The organization alone: a byline split over two paragraphs
        // ("Seung-Min Kim" / "The Washington Post"), a bare credit ("AP",
        // "\u{2014} AP", Yahoo's "CBS News\u{2022}"), or with the story's
        // date; not a section heading ("Reuters | World News").
        return after.trim_matches(MARKS).trim().is_empty()
            || TIME_STAMPS.iter().any(|s| after.starts_with(s))
            || dated(after);
    }
    let Some(names) = before.strip_suffix([',', '-', '\u{2013}', '\u{2014}']) else { return false };
    let words: Vec<&str> =
        names.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let is_name = |w: &&str| {
        matches!(*w, "and" | "&" | "\u{2026}" | "...") || w.chars().next().is_some_and(char::is_uppercase)
    };
    (2..=CREDIT_NAMES_MAX_WORDS).contains(&words.len()) && words.iter().all(is_name) && stamp_or_nothing
}

/// Whether `after` (what follows an organization alone on its line) is a
/// date line, after a separator at most: "Monday, July 16, 2018", "|
/// Monday, July 16, 2018, 7:24 a.m."; not "July 15 reported that …", nor
/// "Newsroom (@CNNnewsroom) July 16, 2018" (a tweet's signature).
fn dated(after: &str) -> bool {
    let rest = after.trim_start_matches(|c: char| MARKS.contains(&c) || c == '|' || c == ',').trim_start();
    is_time_line(rest) && time::opens_with_date(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the first `name` in `text` (one paragraph per blank line) is
    /// in a credit line.
    fn credited(text: &str, name: &str) -> bool {
        let paragraphs = crate::segment::paragraphs(text, None);
        let start = text.find(name).unwrap_or(0);
        in_credit_line(text, Span { start, end: start + name.len() }, &paragraphs)
    }

    #[test]
    fn agency_credit_lines_in_their_common_forms() {
        let ap = "Associated Press";
        assert!(credited("Title\n\nGeoff Mulvihill, Associated Press\n\nBody.", ap));
        assert!(credited(
            "Jonathan Lemire, Jill Colvin and Vladimir Isachenkov, Associated Press Published 6:23 a.m. ET July 16, 2018",
            ap
        ));
        assert!(credited("Story.\n\nCopyright 2018 The Associated Press. All rights reserved.", ap));
        assert!(credited("Story.\n\n\u{a9} Reuters 2018", "Reuters"));
        assert!(credited("Story.\n\n(With inputs from Reuters)", "Reuters"));
        assert!(credited("Analysis by Stephen Collinson , CNN\n\nStory.", "CNN"));
        assert!(credited("By ROBERT BURNS Associated Press\n\nStory.", ap));
        assert!(credited("Story.\n\nThe Associated Press contributed to this report.", ap));
        assert!(credited("The Latest\n\nThe Associated Press\n\nStory.", ap));
        assert!(credited("Title\n\nSeung-Min Kim\n\nThe Washington Post\n\nStory.", "Washington Post"));
    }

    #[test]
    fn an_agency_alone_on_its_line_is_a_credit() {
        let ap = "Associated Press";
        for t in [
            "Title\n\nAP\n\nBody.",
            "Title\n\nBy AP\n\nBody.",
            "Title\n\n\u{2014} AP\n\nBody.",
            "Story.\n\n- AP",
        ] {
            assert!(credited(t, "AP"), "{t}");
        }
        assert!(credited("Title\n\nAP \u{2014}\n\nBody.", "AP"));
        // Yahoo's line naming the provider of the story.
        assert!(credited("Title\n\nCBS News\u{2022}\n\nBody.", "CBS News"));
        assert!(credited("Title\n\nJill Colvin, The Associated Press \u{2022}\n\nJuly 15, 2018", ap));
        // The organization and the date of the story.
        assert!(credited("Title\n\nAssociated Press Monday, July 16, 2018\n\nBody.", ap));
        assert!(credited(
            "Title\n\nThe Associated Press | Monday, July 16, 2018, 7:24\u{a0}a.m.\n\nBody.",
            ap
        ));
        assert!(credited("Title\n\nCBS News July 15, 2018, 2:09 PM\n\nBody.", "CBS News"));
        // A byline after a time stamp or after the organization.
        assert!(credited("Title\n\nPosted 3:57 pm, July 15, 2018, by Associated Press\n\nBody.", ap));
        let both = "Title\n\nThe Associated Press \u{2014} By JILL COLVIN - Associated Press\n\nBody.";
        assert!(credited(both, ap));
        assert!(credited(&both.replacen("The Associated Press", "", 1), ap), "the second mention");
    }

    #[test]
    fn an_agency_with_words_or_a_handle_on_its_line_is_no_credit() {
        assert!(!credited("Story.\n\n\u{2014} CNN (@CNN) July 16, 2018", "CNN"), "a tweet's signature");
        let newsroom = "Story.\n\n\u{2014} CNN Newsroom (@CNNnewsroom) July 16, 2018";
        assert!(!credited(newsroom, "CNN"), "a tweet's signature");
        assert!(!credited("Story.\n\nCBS 2 Los Angeles\u{2022}", "CBS"), "a station, not CBS News");
        assert!(!credited("Story.\n\nReuters - World News", "Reuters"));
        assert!(!credited("Story.\n\nReuters July 15 reported the talks had failed.", "Reuters"));
        assert!(!credited("Story.\n\nUpdated figures released by Reuters show a drop.", "Reuters"));
        assert!(!credited("Story.\n\nHe ran \u{2014} by the AP office, as it happens.", "AP"));
    }

    #[test]
    fn a_byline_padded_with_white_space_is_still_short() {
        let pad = " ".repeat(300);
        let byline = format!(
            "Title\n\nBy{pad}JONATHAN LEMIRE , JILL COLVIN and VLADIMIR ISACHENKOV Associated Press\n\nBody."
        );
        assert!(credited(&byline, "Associated Press"));
        let long =
            format!("Title\n\nBy the river{}, Associated Press\n\nBody.", " stood the crowd and".repeat(12));
        assert!(!credited(&long, "Associated Press"), "words, not white space, make a line long");
    }

    #[test]
    fn sentences_mentioning_an_agency_are_not_credit_lines() {
        assert!(!credited("In Washington, Reuters reported that the talks failed.", "Reuters"));
        assert!(!credited("Meanwhile, Associated Press reporters were turned away.", "Associated Press"));
        assert!(!credited(
            "Officials told the Associated Press that the meeting went well.",
            "Associated Press"
        ));
        let long = format!("By the way, {} Reuters was not there.", "word ".repeat(50));
        assert!(!credited(&long, "Reuters"));
        assert!(!credited("Story.\n\n(AP Photo/Evan Vucci)", "AP"));
        assert!(!credited("Associated Press reporters were turned away.", "Associated Press"));
        assert!(!credited("Story.\n\nAP Photo", "AP"));
        assert!(!credited("Hit by a car, the man later told CNN he was fine.", "CNN"));
        assert!(!credited("Story.\n\nReuters | World News", "Reuters"));
        assert!(credited("Story.\n\nReuters Updated 10:02", "Reuters"));
        assert!(!credited("Story.\n\n(Pablo Martinez Monsivais / AP)", "AP"));
    }
}
