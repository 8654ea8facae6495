//! Signals: one article's text -> what it says about where it came from,
//! kept after the text is dropped (a few hundred bytes per article).
//!
//! - **Sources named.** A known news organization (`names`) mentioned in an
//!   attribution context — "according to (a report by) the Financial
//!   Times", "the Financial Times said", "told Reuters", "(With inputs from
//!   Reuters)", "was quoted as saying by TASS", "the TASS news agency" — or
//!   any short upper-case credit in parentheses at a dateline: "(AP)",
//!   "LONDON (MNA) —", "(MENAFN) American diplomats…". A bare mention
//!   ("Reuters was unable to verify") is not a credit, but any sentence
//!   starting with the name followed by a reporting verb is. A name in an
//!   account handle or a link ("a @CNN reporter", "(@Reuters)",
//!   "twitter.com/AP/…") is no mention at all. A name in a
//!   credit position (`credits`: dateline, byline, agency credit line such
//!   as "Geoff Mulvihill, Associated Press", copyright line) is named
//!   whatever its words. Each name keeps the paragraphs naming it
//!   (`places`), so direction can tell whether it covers the shared text.
//! - **Dateline.** The first date in the article's first three paragraphs
//!   ("Tuesday, 02 January 2024 12:17 GMT").
//! - **Page junk.** Paragraphs of at most [`JUNK_MAX_WORDS`] words holding a
//!   disclaimer, copyright, navigation or comment-form marker, among the
//!   first [`JUNK_HEAD`] or last [`JUNK_TAIL`] paragraphs of the article
//!   (where pages put them; a story quoting a disclaimer in its body is not
//!   junk).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::places::{self, head, tail};
use super::time::{self, Instant};
use super::{credits, names};
use crate::segment::Span;

pub use super::places::{MAX_PLACES, Named, Place};

/// What one article's text says of its origin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signals {
    /// Sources named, each once, in order of first mention.
    pub named: Vec<Named>,
    /// The date of its dateline, if it has one.
    pub dateline: Option<Instant>,
}

/// Longest paragraph, in words, that can be page junk by its markers.
pub const JUNK_MAX_WORDS: usize = 80;

/// Paragraphs at the top of an article where page junk can sit.
pub const JUNK_HEAD: usize = 2;
/// Paragraphs at the bottom of an article where page junk can sit.
pub const JUNK_TAIL: usize = 4;

/// Clears the junk flag of paragraphs away from the article's edges.
pub fn keep_junk_at_edges(paragraphs: &mut [crate::sketch::ParagraphSketch]) {
    let n = paragraphs.len();
    for (i, p) in paragraphs.iter_mut().enumerate() {
        p.junk &= i < JUNK_HEAD || i + JUNK_TAIL >= n;
    }
}

/// Lower-case markers of page junk.
const JUNK_MARKERS: &[&str] = &[
    "all rights reserved",
    "without warranty",
    "disclaimer",
    "leave a reply",
    "leave a comment",
    "sign up for",
    "subscribe to our",
    "newsletter",
    "click here",
    "privacy policy",
    "terms of use",
    "terms of service",
    "follow us on",
    "share this article",
    "related articles",
    "copyright",
    "\u{a9}",
    "accept any responsibility",
    "may not be published, broadcast",
    "this material may not be",
    "cookie",
];

/// Reporting words expected right after a source's name.
const CUES_AFTER: &[&str] = &[
    "reported",
    "said",
    "says",
    "reports",
    "news agency",
    "wrote",
    "writes",
    "quoted",
    "has learned",
    "cited",
    "citing",
    "added",
    "noted",
    "contributed",
    "first reported",
    "reporter",
];

/// Phrases expected right before a source's name (lower case).
const CUES_BEFORE: &[&str] = &[
    "according to",
    "inputs from",
    "told",
    "reported by",
    "cited by",
    "citing",
    "quoted as saying by",
    "report by",
    "report in",
    "report from",
    "reporting by",
    "interview with",
    "speaking to",
    "spoke to",
    "via",
    "said to",
    "source:",
    "sources:",
    "courtesy of",
    "writing for",
    "wrote in",
    "expressed to",
    "revealed to",
    "disclosed to",
    "confirmed to",
    "confided to",
    "speaking with",
    "spoke with",
];

/// The signals of `text`, whose paragraphs are `paragraphs`.
pub fn signals(text: &str, paragraphs: &[Span]) -> Signals {
    let mut named: Vec<Named> = Vec::new();
    // Index of each name in `named` by its key: linear in the mentions.
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    // `credit`: a dateline credit; `whole`: in a credit position, and
    // whether that is a label line (`credits::Line::Label`).
    let mut push = |name: String, credit: bool, whole: (bool, bool), at: usize| {
        let place = places::place(text, paragraphs, at, whole);
        match index.get(&names::key(&name)) {
            Some(&i) => {
                let Some(n) = named.get_mut(i) else { return };
                n.credit |= credit;
                n.mentions += 1;
                n.at = n.at.min(at);
                places::keep_place(n, place);
            }
            None => {
                index.insert(names::key(&name), named.len());
                named.push(Named { name, credit, at, mentions: 1, places: vec![place], more: false });
            }
        }
    };
    // Mentions taken so far, by start (they never overlap).
    let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
    let is_taken = |taken: &std::collections::BTreeMap<usize, usize>, span: Span| {
        taken.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start)
    };
    for (name, span) in mentions(text) {
        if is_taken(&taken, span) {
            continue;
        }
        taken.insert(span.start, span.end);
        let credit = credits::is_dateline_credit(text, span, paragraphs);
        let line = if credit { None } else { credits::credit_line(text, span, paragraphs) };
        let whole = credit || line.is_some();
        if whole || attributed(text, span) {
            push(name.to_string(), credit, (whole, line == Some(credits::Line::Label)), span.start);
        }
    }
    for span in dateline_credits(text, paragraphs) {
        if !is_taken(&taken, span) {
            push(names::reported_name(&text[span.start..span.end]), true, (true, false), span.start);
        }
    }
    named.sort_by_key(|n| n.at);
    let dateline = paragraphs
        .iter()
        .take(DATELINE_PARAGRAPHS)
        .filter_map(|p| text.get(p.start..p.end))
        .filter(|p| time::is_time_line(p))
        .find_map(time::parse);
    Signals { named, dateline }
}

/// Paragraphs at the top of an article where its date line may be.
const DATELINE_PARAGRAPHS: usize = 3;

/// Whether a reporting cue stands right before or after `text[span]`.
fn attributed(text: &str, span: Span) -> bool {
    let before = tail(&text[..span.start], 40).to_lowercase();
    let before = before.trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    let before = before.strip_suffix(" a").unwrap_or(before);
    let after = head(&text[span.end..], 30).to_lowercase();
    let after = after.trim_start_matches([' ', ',', '\u{2019}', '\'', 's']).trim_start();
    let after =
        after.strip_prefix("(ft)").or_else(|| after.strip_prefix("(ap)")).unwrap_or(after).trim_start();
    let cue_before = CUES_BEFORE.iter().find(|c| before.ends_with(*c));
    // "(Martti Kainulainen/Lehtikuva via AP)", "Pool Photo via AP": a
    // picture's credit, not the text's.
    let picture = |b: &str| {
        let credit = b.rsplit_once('(').map_or(b, |(_, inside)| inside);
        credit.contains('/') || credit.contains("photo") || credit.contains("image")
    };
    let cue_before = cue_before.filter(|c| **c != "via" || !picture(before));
    cue_before.is_some() || CUES_AFTER.iter().any(|c| after.starts_with(c))
}

/// Dateline credits not in the lexicon: `(XYZ)` of 2 to 8 upper-case
/// letters or digits, followed by a dash (`LONDON (MNA) —`) or opening a
/// paragraph (`(MENAFN) American…`).
fn dateline_credits(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut words: Option<std::collections::HashSet<&str>> = None;
    for (open, _) in text.match_indices('(') {
        // A credit is at most 8 bytes: look no further for its `)`.
        let window = text.as_bytes().get(open..text.len().min(open + 10)).unwrap_or_default();
        let Some(close) = window.iter().position(|&b| b == b')').map(|c| open + c) else { continue };
        let inner = &text[open + 1..close];
        let shape = (2..=8).contains(&inner.len())
            && inner.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            && inner.bytes().any(|b| b.is_ascii_uppercase());
        if !shape || !credits::at_dateline(text, open, close + 1, paragraphs) {
            continue;
        }
        // The text's words, gathered once, on the first candidate.
        let words = words.get_or_insert_with(|| {
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect()
        });
        if !written_as_a_word(words, inner) {
            out.push(Span { start: open + 1, end: close });
        }
    }
    out
}

/// Whether the text also writes `caps` (an all-capitals token) as an
/// ordinary capitalized word (`words`: the text's words): "(HELSINKI) —"
/// opens a story that speaks of Helsinki, a place, while an agency's
/// initials ("MNA", "MENAFN") stay in capitals.
fn written_as_a_word(words: &std::collections::HashSet<&str>, caps: &str) -> bool {
    let mut word = caps[..1].to_string();
    word.push_str(&caps[1..].to_lowercase());
    words.contains(word.as_str())
}

/// Every known alias ([`names::aliases`], longest first) and one automaton
/// finding them all in one pass over a text.
static ALIASES: LazyLock<(Vec<Alias>, Option<AhoCorasick>)> = LazyLock::new(|| {
    let aliases = names::aliases();
    let automaton = AhoCorasick::new(aliases.iter().map(|a| a.1)).ok();
    (aliases, automaton)
});

/// An organization's name and one alias of it.
type Alias = (&'static str, &'static str);

/// Whole-word mentions of known aliases (no letter or digit on either
/// side, not in a handle or link: [`names::in_handle_or_link`]) with the
/// organization each names: longest alias first, then in
/// text order, so a longer name claims its words before a shorter one
/// inside it ("Reuters" in "Thomson Reuters").
fn mentions(text: &str) -> Vec<(&'static str, Span)> {
    let (aliases, Some(automaton)) = &*ALIASES else { return Vec::new() };
    let whole = |span: Span| {
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !names::in_handle_or_link(text, span.start, span.end)
    };
    let mut found: Vec<(usize, Span)> = automaton
        .find_overlapping_iter(text)
        .map(|m| (m.pattern().as_usize(), Span { start: m.start(), end: m.end() }))
        .filter(|&(_, span)| whole(span))
        .collect();
    found.sort_unstable_by_key(|&(pattern, span)| (pattern, span.start));
    found.into_iter().map(|(pattern, span)| (aliases[pattern].0, span)).collect()
}

/// Whether `text[span]` is page junk: at most [`JUNK_MAX_WORDS`] words and
/// a junk marker, or a navigation bar (three or more ` | `).
pub fn is_junk(text: &str, span: Span, words: usize) -> bool {
    if words > JUNK_MAX_WORDS {
        return false;
    }
    let lower = text[span.start..span.end].to_lowercase();
    JUNK_MARKERS.iter().any(|m| lower.contains(m)) || lower.matches(" | ").count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Vec<Span> {
        crate::segment::paragraphs(text, None)
    }

    fn names_in(text: &str) -> Vec<(String, bool)> {
        signals(text, &whole(text)).named.into_iter().map(|n| (n.name, n.credit)).collect()
    }

    #[test]
    fn attribution_phrases_name_their_source() {
        let t = "Kyiv must cede land, according to a report by the Financial Times (FT).\n\n\
                 Reuters was unable to verify this.\n\n(With inputs from Reuters)";
        assert_eq!(names_in(t), vec![("Financial Times".to_string(), false), ("Reuters".to_string(), false)]);
        let s = "\"No deal,\" Dmitri Brennan was quoted as saying by TASS. The Kremlin told CNN nothing.";
        assert_eq!(names_in(s), vec![("TASS".to_string(), false), ("CNN".to_string(), false)]);
    }

    #[test]
    fn bylines_name_their_agency() {
        let t = "Title\n\nBy ROBERT BURNS Associated Press\n\nWASHINGTON \u{2014} The AP story.";
        assert_eq!(names_in(t), vec![("Associated Press".to_string(), false)]);
        let long = format!("By the way, {} Reuters was not there.", "word ".repeat(50));
        assert!(names_in(&long).is_empty());
        let ap = vec![("Associated Press".to_string(), false)];
        assert_eq!(names_in("Title\n\nGeoff Mulvihill, Associated Press\n\nBody."), ap);
        assert_eq!(names_in("Story.\n\nCopyright 2018 The Associated Press. All rights reserved."), ap);
        let s = signals(
            "Title\n\nAnalysis by Stephen Collinson , CNN\n\nBody.",
            &whole("Title\n\nAnalysis by Stephen Collinson , CNN\n\nBody."),
        );
        assert!(s.named[0].credits_all().is_some(), "{s:?}");
    }

    #[test]
    fn contexts_stay_inside_their_paragraph() {
        let t = "He spoke of a couple of things ### amp ### HELSINKI (Reuters) - Hours before the summit, aides met.";
        let s = signals(t, &crate::segment::paragraphs(t, Some(" ### ")));
        let reuters = s.named.iter().find(|n| n.name == "Reuters").expect("a dateline credit");
        assert_eq!(reuters.context(), "HELSINKI (Reuters) - Hours before the summit, aides met.");
        let place = &reuters.places[0];
        assert_eq!(place.excerpt(200), reuters.context());
        assert!(place.excerpt(20).starts_with("\u{2026}(Reuters)"), "{}", place.excerpt(20));
        assert_eq!(&place.context[usize::from(place.mark)..][..7], "Reuters");
    }

    #[test]
    fn mentions_far_apart_keep_their_paragraphs() {
        let t = "Told Reuters one thing.\n\nFiller.\n\nFiller.\n\nHe told Reuters more.";
        let s = signals(t, &whole(t));
        let paragraphs: Vec<u32> = s.named[0].places.iter().map(|p| p.paragraph).collect();
        assert_eq!(paragraphs, [0, 3]);
    }

    #[test]
    fn bare_mentions_are_not_attribution() {
        assert!(names_in("Reuters was unable to verify this. He watched CNN at home.").is_empty());
    }

    #[test]
    fn dateline_credits_outside_the_lexicon() {
        let t = "LONDON (MNA) \u{2014} The vote was delayed.\n\n(MENAFN) American diplomats met. (US) (ok)";
        assert_eq!(names_in(t), vec![("MNA".to_string(), true), ("MENAFN".to_string(), true)]);
        assert_eq!(names_in("HELSINKI (AP) - Leaders met."), vec![("Associated Press".to_string(), true)]);
        let place = "(HELSINKI) \u{2014} Leaders met in Helsinki on Monday.";
        assert_eq!(names_in(place), vec![], "a place in capitals is no agency");
    }

    #[test]
    fn dateline_date_comes_from_the_top_of_the_article() {
        let t = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\nBody on 5 March 2023.";
        assert_eq!(signals(t, &whole(t)).dateline.map(Instant::display).as_deref(), Some("2024-01-02 12:17"));
        let u = "One.\n\nTwo.\n\nThree.\n\nWritten 02 January 2024.";
        assert_eq!(signals(u, &whole(u)).dateline, None);
    }

    #[test]
    fn a_picture_credit_names_no_source_of_the_text() {
        for t in [
            "Leaders met. (Martti Kainulainen/Lehtikuva via AP)",
            "Leaders met. (Jorge Silva/Pool Photo via AP, File)",
            "Heikki Saukkomaa/Lehtikuva via AP",
        ] {
            assert_eq!(names_in(t), vec![], "{t}");
        }
        assert_eq!(
            names_in("The statement came via Reuters on Monday."),
            vec![("Reuters".to_string(), false)]
        );
    }

    #[test]
    fn a_handle_or_a_link_names_no_source() {
        // The White House press secretary's tweet, quoted in Helsinki
        // articles: "@CNN reporter" is an account, not "a CNN reporter".
        for t in [
            "Actually a @CNN reporter disrespected @POTUS & PM May during their press conf.",
            "Watch it live via @Reuters https://t.co/58LaJH6WaD",
            "\u{2014} CNN (@CNN) July 16, 2018",
            "The summit https://twitter.com/Reuters/status/1018 said by twitter.com/AP",
        ] {
            assert_eq!(names_in(t), vec![], "{t}");
        }
        let t = "Watch it via @Reuters, according to Reuters.";
        let reuters = &signals(t, &whole(t)).named;
        assert_eq!(
            reuters.iter().map(|n| (n.name.as_str(), n.mentions)).collect::<Vec<_>>(),
            [("Reuters", 1)]
        );
    }

    #[test]
    fn a_photo_caption_is_no_date_line() {
        let dated = |t: &str| signals(t, &whole(t)).dateline.map(Instant::display);
        let caption = "Title\n\nSaul Loeb | AFP\n\nTrump and Putin meet at the G20 Summit in Hamburg, Germany, on July 7, 2017.";
        assert_eq!(dated(caption), None);
        let file = "FILE - In this Nov. 11, 2017 file photo, Trump and Putin talk at the APEC Summit in Danang, Vietnam, during the family photo session, as officials look on";
        assert_eq!(dated(&format!("Title\n\n{file}")), None, "too long for a date line");
        let updated = "It will be the most surreal summit\n\nAnalysis by Stephen Collinson, CNN\n\nUpdated 7:04 PM ET, Sun July 15, 2018";
        assert_eq!(dated(updated).as_deref(), Some("2018-07-15 23:04"));
        let byline = "Title\n\nBy Jane Roe | July 15, 2018 3:21 PM EDT\n\nBody.";
        assert_eq!(dated(byline).as_deref(), Some("2018-07-15 19:21"));
        let am = "Title\n\nJuly 15, 2018 6:23 a.m.\n\nBody.";
        assert_eq!(dated(am).as_deref(), Some("2018-07-15 06:23"));
    }

    #[test]
    fn many_mentions_and_credits_cost_linear_time() {
        // 5,000 paragraphs, each a dateline credit and an attributed
        // mention: the old overlap and paragraph scans were quadratic here.
        let text = "LONDON (MNA) — The port was closed, according to Reuters.\n\n".repeat(5_000);
        let paragraphs = crate::segment::paragraphs(&text, None);
        assert_eq!(paragraphs.len(), 5_000);
        let s = signals(&text, &paragraphs);
        let mentions: Vec<(&str, u32)> = s.named.iter().map(|n| (n.name.as_str(), n.mentions)).collect();
        assert_eq!(mentions, [("MNA", 5_000), ("Reuters", 5_000)]);
        let unclosed = "(".repeat(200_000);
        assert!(signals(&unclosed, &whole(&unclosed)).named.is_empty());
    }

    #[test]
    fn junk_needs_a_marker_in_a_short_paragraph() {
        let d = "MENAFN provides the information \u{201c}as is\u{201d} without warranty of any kind.";
        assert!(is_junk(d, Span { start: 0, end: d.len() }, 12));
        let nav = "Home | News | World | Sport";
        assert!(is_junk(nav, Span { start: 0, end: nav.len() }, 4));
        let long = "copyright ".repeat(100);
        assert!(!is_junk(&long, Span { start: 0, end: long.len() }, 100));
        let news = "The minister spoke for an hour about the budget.";
        assert!(!is_junk(news, Span { start: 0, end: news.len() }, 9));
    }
}
