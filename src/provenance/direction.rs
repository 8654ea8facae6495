//! Direction: two articles sharing text -> who took from whom, or from a
//! common source, with the evidence and a confidence.
//!
//! Each signal adds a weight for "a is the source", "b is the source" or
//! "a common source" (`docs/provenance.md` says why these weights):
//!
//! | signal | weight |
//! |---|---|
//! | one side names the other's outlet as its source, in a credit position or next to the shared text | 4 |
//! | both name the same third source (not either's outlet), one of them where it covers the shared text | 3 |
//! | both name the same third source, neither where it covers the shared text (no source named) | 1.5 |
//! | one side credits its text to a third source the other does not name | 3 |
//! | publication times differ (record field or dateline) | 2 |
//! | scrape times differ | 0.5 |
//! | one side quotes much more of the shared text (≥ 0.5 apart) | 1 |
//! | one side is covered much more by the shared text (≥ 0.2 apart) | 0.5 |
//!
//! With `d` the signed sum of the directional weights and `c` the common
//! weight, the verdict is `common_source` when `c >= |d|` and `c > 0`; else
//! the direction `d` points to when `|d| >= 1`; else `undetermined`. The
//! confidence is `1 - exp(-w / 2)` of the winning weight minus the weight
//! against it (a lone publication-time signal gives 0.63, a named source
//! plus times 0.95).

use super::names;
use super::signals::{Named, Place};
use super::time::Instant;

/// Which way the evidence points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Favours {
    /// Side a is the source.
    A,
    /// Side b is the source.
    B,
    /// Both come from a common source.
    Common,
}

/// One piece of evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The signal, as a short name (`attribution`, `named_source`,
    /// `named_elsewhere`, `credit`, `time`, `scrape_time`, `quotes`,
    /// `containment`, `shared_edits`; `same_page` and `digest`, which
    /// replace the others).
    pub signal: &'static str,
    /// Which way it points.
    pub favours: Favours,
    /// Its weight.
    pub weight: f64,
    /// What was seen, in words a reader can check.
    pub detail: String,
}

/// The verdict on a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Side a is the source of side b.
    AToB,
    /// Side b is the source of side a.
    BToA,
    /// Both take from a common source.
    CommonSource,
    /// The evidence does not decide.
    Undetermined,
}

impl Verdict {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::AToB => "a_to_b",
            Verdict::BToA => "b_to_a",
            Verdict::CommonSource => "common_source",
            Verdict::Undetermined => "undetermined",
        }
    }
}

/// Direction of a pair, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Direction {
    /// The verdict.
    pub verdict: Verdict,
    /// The common source named, for `CommonSource`.
    pub source: Option<String>,
    /// Confidence in the verdict, 0 to 1.
    pub confidence: f64,
    /// The evidence, strongest first.
    pub evidence: Vec<Evidence>,
}

/// What is known of one side of a pair.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    /// Article id.
    pub id: &'a str,
    /// Its outlet, if known.
    pub outlet: Option<&'a str>,
    /// The keys its outlet answers to (`names::outlet_keys`).
    pub outlet_keys: &'a [String],
    /// When it was published (or scraped), and whether it is a scrape time.
    pub time: Option<(Instant, bool)>,
    /// Sources its text names.
    pub named: &'a [Named],
    /// Paragraphs holding the text shared with the other side, boilerplate
    /// aside (inclusive index ranges).
    pub shared: Vec<(u32, u32)>,
    /// Share of its words in the text shared with the other side.
    pub covered: f64,
    /// Share of its shared words inside quotation marks.
    pub quoted: f64,
    /// How far its credits reach.
    pub reach: Reach,
}

/// How far a credit reaches on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Every credit covers the whole text: an article.
    Whole,
    /// A label line (`credits::Line::Label`) covers its own piece of the
    /// page only, other credits the whole text: a page labelling pieces
    /// with two or more sources (a gallery with each photo's agency, a
    /// newsletter with each item's outlet).
    Labels,
    /// Every credit covers its own piece only: a page of snippets from
    /// other outlets (a digest).
    Pieces,
}

/// Longest excerpt of a context in evidence, in characters (so that every
/// name a piece of evidence claims shows with its words around it).
const EXCERPT_CHARS: usize = 80;

/// Names shown with their contexts in `named_source` evidence.
const NAMES_SHOWN: usize = 3;

/// The direction of the pair `a`, `b`.
pub fn direction(a: &Side, b: &Side) -> Direction {
    let mut evidence = Vec::new();
    attribution(a, b, Favours::A, &mut evidence);
    attribution(b, a, Favours::B, &mut evidence);
    let credited = credited(a, b).or_else(|| credited(b, a));
    // A source both name counts as the source of the shared text where, on
    // one side at least, the naming covers it; named only elsewhere ("Trump
    // told CBS News" beside a shared tweet), it says the two report the
    // same events, not where their shared words came from.
    let (common, elsewhere): (Vec<_>, Vec<_>) = common_sources(a, b)
        .into_iter()
        .partition(|(n, m)| covering(n, a).is_some() || covering(m, b).is_some());
    let source = credited.as_ref().map(|(name, _)| name.clone()).or(common.first().map(|c| c.0.name.clone()));
    evidence.extend(credited.map(|(_, e)| e));
    let names = |list: &[(&Named, &Named)]| {
        let all: Vec<&str> = list.iter().map(|c| c.0.name.as_str()).collect();
        let shown: Vec<String> = list
            .iter()
            .take(NAMES_SHOWN)
            .map(|(n, m)| format!("{}: {} / {}", n.name, excerpt(n, a), excerpt(m, b)))
            .collect();
        (all.join(", "), shown.join("; "))
    };
    if !common.is_empty() {
        let (all, shown) = names(&common);
        let detail = format!("both name {all} as a source ({shown})");
        evidence.push(Evidence { signal: "named_source", favours: Favours::Common, weight: 3.0, detail });
    } else if !elsewhere.is_empty() {
        let (all, shown) = names(&elsewhere);
        let detail = format!(
            "both name {all} as a source, neither where the shared text is ({shown}): they report the same events, but the source of the shared words is not named"
        );
        evidence.push(Evidence { signal: "named_elsewhere", favours: Favours::Common, weight: 1.5, detail });
    }
    times(a, b, &mut evidence);
    if (a.quoted - b.quoted).abs() >= 0.5 {
        let (favours, quoting, other) =
            if b.quoted > a.quoted { (Favours::A, b, a) } else { (Favours::B, a, b) };
        evidence.push(Evidence {
            signal: "quotes",
            favours,
            weight: 1.0,
            detail: quotes_detail(quoting, other),
        });
    }
    if (a.covered - b.covered).abs() >= 0.2 {
        let (favours, copy) = if b.covered > a.covered { (Favours::A, b) } else { (Favours::B, a) };
        let detail = format!(
            "{:.0}% of {} is shared text, against {:.0}% of the other",
            copy.covered * 100.0,
            copy.id,
            a.covered.min(b.covered) * 100.0
        );
        evidence.push(Evidence { signal: "containment", favours, weight: 0.5, detail });
    }
    evidence.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    decide(evidence, source)
}

/// What the `quotes` signal saw: `quoting` has much more of the shared
/// text inside quotation marks than `other`, which may quote some of it
/// too (a quotation both reproduce), so "the other does not" only when it
/// quotes none of it.
fn quotes_detail(quoting: &Side, other: &Side) -> String {
    let percent = |x: f64| (x * 100.0).round();
    if percent(other.quoted) == 0.0 {
        format!("{} puts the shared text in quotation marks, the other does not", quoting.id)
    } else {
        format!(
            "{} has {:.0}% of the shared words inside quotation marks, {} only {:.0}%",
            quoting.id,
            percent(quoting.quoted),
            other.id,
            percent(other.quoted)
        )
    }
}

/// `d` with one more piece of evidence, decided again.
pub fn with_evidence(d: &Direction, extra: Evidence) -> Direction {
    let mut evidence = d.evidence.clone();
    evidence.push(extra);
    evidence.sort_by(|x, y| y.weight.total_cmp(&x.weight));
    decide(evidence, d.source.clone())
}

/// The verdict the weights of `evidence` give.
fn decide(evidence: Vec<Evidence>, source: Option<String>) -> Direction {
    let sum = |f: Favours| evidence.iter().filter(|e| e.favours == f).map(|e| e.weight).sum::<f64>();
    let (d, c) = (sum(Favours::A) - sum(Favours::B), sum(Favours::Common));
    let confidence = |w: f64| ((1.0 - (-w / 2.0).exp()) * 100.0).round() / 100.0;
    let (verdict, weight) = if c > 0.0 && c >= d.abs() {
        (Verdict::CommonSource, c - d.abs())
    } else if d >= 1.0 {
        (Verdict::AToB, d - c)
    } else if d <= -1.0 {
        (Verdict::BToA, -d - c)
    } else {
        (Verdict::Undetermined, 0.0)
    };
    let source = source.filter(|_| verdict == Verdict::CommonSource);
    let confidence =
        if verdict == Verdict::CommonSource { confidence(weight.max(c / 2.0)) } else { confidence(weight) };
    Direction { verdict, source, confidence, evidence }
}

/// Evidence that `copy` names `source`'s outlet as its source (`favours`
/// is `A` when `source` is side a), where the mention covers the shared
/// text: in a credit position, or in or next to a paragraph holding shared
/// text. A name that is also `copy`'s own outlet says nothing.
fn attribution(source: &Side, copy: &Side, favours: Favours, out: &mut Vec<Evidence>) {
    let Some(outlet) = source.outlet else { return };
    let names_source = |n: &&Named| {
        names::names_outlet(&n.name, source.outlet_keys) && !names::names_outlet(&n.name, copy.outlet_keys)
    };
    let found = copy.named.iter().filter(names_source).find_map(|n| Some((n, covering(n, copy)?)));
    if let Some((n, place)) = found {
        let (name, excerpt) = (&n.name, quoted(&place.excerpt(EXCERPT_CHARS)));
        let detail = if place.whole {
            format!("{} credits its text to {name} ({outlet}): {excerpt}", copy.id)
        } else {
            format!("{} names {name} ({outlet}) as its source in the shared text: {excerpt}", copy.id)
        };
        out.push(Evidence { signal: "attribution", favours, weight: 4.0, detail });
    }
}

/// The place where `n` is named so as to cover the shared text of `side`:
/// a credit position, else a paragraph holding shared text, else a
/// paragraph ending with a colon right before one ("According to the
/// Financial Times:"). (A mention in the paragraph before is otherwise as
/// often about something else: "… an official told the Washington Post"
/// beside a quote both sides credit to CBS.) On a page of pieces credited
/// each on its own ([`Reach`]), a credit covers its own piece only: its
/// paragraph and the one on either side ("Reuters" over Reuters' snippet
/// on a Google News page, not over Trump's tweets further down; "KIMMO
/// BRANDT, EPA-EFE" under its photo's caption).
fn covering<'n>(n: &'n Named, side: &Side) -> Option<&'n Place> {
    let holds = |paragraph: u32| side.shared.iter().any(|&(first, last)| (first..=last).contains(&paragraph));
    let next_holds = |p: &Place| p.paragraph.checked_add(1).is_some_and(holds);
    let leads = |p: &&Place| p.leads && next_holds(p);
    let beside =
        |p: &Place| holds(p.paragraph) || next_holds(p) || p.paragraph.checked_sub(1).is_some_and(holds);
    let local = |p: &Place| match side.reach {
        Reach::Whole => false,
        Reach::Labels => p.label,
        Reach::Pieces => true,
    };
    n.places
        .iter()
        .find(|p| p.whole && (!local(p) || beside(p)))
        .or_else(|| n.places.iter().find(|p| holds(p.paragraph)))
        .or_else(|| n.places.iter().find(leads))
}

/// The context of `n` on `side` for a reader: where it covers the shared
/// text if it does, else its first mention; cut around the name, quoted.
fn excerpt(n: &Named, side: &Side) -> String {
    covering(n, side).or(n.places.first()).map_or_else(String::new, |p| quoted(&p.excerpt(EXCERPT_CHARS)))
}

/// `s` in quotation marks, as a reader expects a quote.
fn quoted(s: &str) -> String {
    format!("\u{201c}{s}\u{201d}")
}

/// The third source `x` credits its whole text to (a byline, dateline or
/// credit line naming neither side's outlet), with the evidence, when that
/// text is largely the text shared with `y` (a page of snippets credits
/// each snippet, not the page), neither side's shared text is mostly
/// quotes, and `y` names no source for its own text nor that one: then
/// both carry that source's text.
fn credited(x: &Side, y: &Side) -> Option<(String, Evidence)> {
    if x.covered < super::kinds::SYNDICATED_SHARE
        || x.shared.is_empty()
        || y.shared.is_empty()
        || x.quoted >= 0.5
        || y.quoted >= 0.5
    {
        return None;
    }
    if y.named.iter().any(|m| m.credits_all().is_some()) {
        return None;
    }
    let (n, place) = x.named.iter().find_map(|n| {
        let third =
            !names::names_outlet(&n.name, x.outlet_keys) && !names::names_outlet(&n.name, y.outlet_keys);
        let unnamed = !y.named.iter().any(|m| names::key(&m.name) == names::key(&n.name));
        Some((n, n.credits_all().filter(|_| third && unnamed)?))
    })?;
    let detail = format!(
        "{} credits its text to {}: {}; {} carries that text without a credit",
        x.id,
        n.name,
        quoted(&place.excerpt(EXCERPT_CHARS)),
        y.id
    );
    Some((n.name.clone(), Evidence { signal: "credit", favours: Favours::Common, weight: 3.0, detail }))
}

/// Sources both sides name that are neither side's outlet, as named by a
/// and by b; the most leaned on first (credited with the whole text on
/// both sides, then the most mentions on either side, then order of
/// mention in a).
fn common_sources<'s>(a: &Side<'s>, b: &Side<'s>) -> Vec<(&'s Named, &'s Named)> {
    let mut found: Vec<(bool, u32, usize, &Named, &Named)> = a
        .named
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let m = b.named.iter().find(|m| names::key(&m.name) == names::key(&n.name))?;
            let own =
                names::names_outlet(&n.name, a.outlet_keys) || names::names_outlet(&n.name, b.outlet_keys);
            let credit = n.credits_all().is_some() && m.credits_all().is_some();
            (!own).then_some((credit, n.mentions.min(m.mentions), i, n, m))
        })
        .collect();
    found.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    found.into_iter().map(|f| (f.3, f.4)).collect()
}

/// Evidence from publication or scrape times.
fn times(a: &Side, b: &Side, out: &mut Vec<Evidence>) {
    let (Some((ta, scrape_a)), Some((tb, scrape_b))) = (a.time, b.time) else { return };
    if ta == tb {
        return;
    }
    let scrape = scrape_a || scrape_b;
    let (favours, first, later) =
        if ta < tb { (Favours::A, (a, ta), (b, tb)) } else { (Favours::B, (b, tb), (a, ta)) };
    let what = if scrape { "scraped" } else { "published" };
    let detail =
        format!("{} {what} {} UTC, {} {} UTC", first.0.id, first.1.display(), later.0.id, later.1.display());
    let (signal, weight) = if scrape { ("scrape_time", 0.5) } else { ("time", 2.0) };
    out.push(Evidence { signal, favours, weight, detail });
}

#[cfg(test)]
mod tests;
