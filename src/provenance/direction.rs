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
mod tests {
    use super::*;

    /// `name` named in paragraph `paragraph`, in a credit position when
    /// `whole`.
    fn named_in(name: &str, paragraph: u32, whole: bool) -> Named {
        let place = Place {
            paragraph,
            whole,
            label: false,
            context: format!("according to {name}").into(),
            mark: 13,
            leads: false,
        };
        Named { name: name.into(), credit: false, at: 0, mentions: 1, places: vec![place], more: false }
    }

    /// `name` on a label line of its own in paragraph `paragraph`.
    fn label_in(name: &str, paragraph: u32) -> Named {
        let mut n = named_in(name, paragraph, true);
        n.places[0].label = true;
        n
    }

    fn named(name: &str) -> Named {
        named_in(name, 0, false)
    }

    fn side<'a>(id: &'a str, keys: &'a [String], named: &'a [Named], time: Option<i64>) -> Side<'a> {
        Side {
            id,
            outlet: keys.first().map(String::as_str),
            outlet_keys: keys,
            time: time.map(|t| (Instant(t), false)),
            named,
            shared: vec![(0, 0)],
            covered: 0.5,
            quoted: 0.0,
            reach: Reach::Whole,
        }
    }

    #[test]
    fn a_shared_third_source_beats_publication_order() {
        let (ka, kb) = (names::outlet_keys("example.com"), names::outlet_keys("other.org"));
        let ft = [named("Financial Times")];
        let d = direction(&side("x", &ka, &ft, Some(10)), &side("y", &kb, &ft, Some(20)));
        assert_eq!((d.verdict, d.source.as_deref()), (Verdict::CommonSource, Some("Financial Times")));
    }

    #[test]
    fn naming_the_other_outlet_decides() {
        let (ka, kb) = (names::outlet_keys("Reuters"), names::outlet_keys("other.org"));
        let credit = [named("Reuters")];
        let d = direction(&side("x", &ka, &[], Some(30)), &side("y", &kb, &credit, Some(20)));
        assert_eq!(d.verdict, Verdict::AToB);
        assert!(d.confidence > 0.6);
        let none = direction(&side("x", &ka, &[], None), &side("y", &kb, &[], None));
        assert_eq!(none.verdict, Verdict::Undetermined);
        let later = direction(&side("x", &ka, &[], Some(5)), &side("y", &kb, &[], Some(2)));
        assert_eq!(later.verdict, Verdict::BToA);
    }

    #[test]
    fn an_attribution_counts_only_where_it_covers_the_shared_text() {
        let (ka, kb) = (names::outlet_keys("CNN"), names::outlet_keys("nytimes.com"));
        // The shared text is in paragraphs 4 to 6 of the copy.
        let verdict = |named: Named| {
            let named = [named];
            let mut copy = side("y", &kb, &named, None);
            copy.shared = vec![(4, 6)];
            let d = direction(&side("x", &ka, &[], None), &copy);
            (d.verdict, d.evidence.iter().find(|e| e.signal == "attribution").map(|e| e.detail.clone()))
        };
        assert_eq!(verdict(named_in("CNN", 12, false)), (Verdict::Undetermined, None), "far from it");
        assert_eq!(verdict(named_in("CNN", 1, false)).1, None, "far before it");
        assert_eq!(verdict(named_in("CNN", 3, false)).1, None, "in the paragraph before it");
        for inside in [4, 5, 6] {
            assert_eq!(verdict(named_in("CNN", inside, false)).0, Verdict::AToB, "in it ({inside})");
        }
        let (credit, detail) = verdict(named_in("CNN", 12, true));
        assert_eq!(credit, Verdict::AToB, "a credit line covers the whole text");
        assert!(detail.is_some_and(|d| d.contains("credits its text to CNN")));
    }

    #[test]
    fn a_source_both_name_is_the_shared_text_s_only_where_one_names_it_there() {
        let (ka, kb) = (names::outlet_keys("nytimes.com"), names::outlet_keys("foxnews.com"));
        // The shared text is paragraph 4 on both sides.
        let decide = |x: Named, y: Named| {
            let (x, y) = ([x], [y]);
            let (mut a, mut b) = (side("x", &ka, &x, None), side("y", &kb, &y, None));
            (a.shared, b.shared) = (vec![(4, 4)], vec![(4, 4)]);
            let d = direction(&a, &b);
            let signals: Vec<&str> = d.evidence.iter().map(|e| e.signal).collect();
            (d.verdict, d.source, signals.join(" "))
        };
        let elsewhere = decide(named_in("CBS News", 9, false), named_in("CBS News", 1, false));
        assert_eq!(
            elsewhere,
            (Verdict::CommonSource, None, "named_elsewhere".into()),
            "the same events, no name"
        );
        let one_side = decide(named_in("CBS News", 4, false), named_in("CBS News", 1, false));
        assert_eq!(one_side, (Verdict::CommonSource, Some("CBS News".into()), "named_source".into()));
        let mut lead = named_in("Financial Times", 3, false);
        lead.places[0].leads = true;
        let led = decide(lead, named_in("Financial Times", 9, false));
        assert_eq!(led.1.as_deref(), Some("Financial Times"), "\"According to the FT:\" introduces it");
        let mut far = named_in("Financial Times", 2, false);
        far.places[0].leads = true;
        assert_eq!(decide(far, named_in("Financial Times", 9, false)).1, None, "it leads into paragraph 3");
    }

    #[test]
    fn a_credit_on_a_page_of_pieces_covers_its_own_piece_only() {
        // A Google News page credits Reuters on a line of its own above
        // one snippet (paragraph 131); the other side names Reuters
        // elsewhere (paragraph 17), and the two share paragraph `at` of
        // the page (Trump's tweets, at 19, on Helsinki's page).
        let (kp, ko) = (names::outlet_keys("news.google.com"), names::outlet_keys("zerohedge.com"));
        let other = [named_in("Reuters", 17, false)];
        let decide = |page: &Named, reach: Reach, at: u32| {
            let page = [page.clone()];
            let (mut a, mut b) = (side("x", &kp, &page, None), side("y", &ko, &other, None));
            (a.reach, a.shared, b.shared) = (reach, vec![(at, at)], vec![(14, 14)]);
            let d = direction(&a, &b);
            (d.verdict, d.source)
        };
        let label = label_in("Reuters", 131);
        let unnamed = (Verdict::CommonSource, None);
        assert_eq!(decide(&label, Reach::Pieces, 19), unnamed, "both name it, neither where it counts");
        for (at, what) in [(132, "the snippet under it"), (131, "its paragraph"), (130, "a caption over it")]
        {
            assert_eq!(decide(&label, Reach::Pieces, at).1.as_deref(), Some("Reuters"), "{what}");
        }
        assert_eq!(decide(&label, Reach::Whole, 19).1.as_deref(), Some("Reuters"), "an article's credit");
        assert_eq!(decide(&label, Reach::Labels, 19), unnamed, "a label in a gallery");
        // A byline on a page labelling its photos still credits the text.
        let byline = named_in("Reuters", 131, true);
        assert_eq!(decide(&byline, Reach::Labels, 19).1.as_deref(), Some("Reuters"), "a byline");
        assert_eq!(decide(&byline, Reach::Pieces, 19), unnamed, "a snippet's byline on a digest");
        // The page credits Fox News far from the text it shares with a
        // foxnews.com article: no attribution (their times decide).
        let kf = names::outlet_keys("foxnews.com");
        let fox = [label_in("Fox News", 16)];
        let (mut a, b) = (side("x", &kp, &fox, Some(20)), side("y", &kf, &[], Some(10)));
        (a.reach, a.shared) = (Reach::Pieces, vec![(142, 142)]);
        let d = direction(&a, &b);
        assert!(d.evidence.iter().all(|e| e.signal != "attribution"), "{d:?}");
        a.shared = vec![(17, 17)];
        assert!(direction(&a, &b).evidence.iter().any(|e| e.signal == "attribution"), "its own snippet");
    }

    #[test]
    fn a_credit_line_names_the_source_the_other_side_carries_unnamed() {
        let (ka, kb) = (names::outlet_keys("detroitnews.com"), names::outlet_keys("dailymail.co.uk"));
        let a = [named_in("Associated Press", 12, true), named("CBS News")];
        let b = [named("CBS News")];
        let d = direction(&side("x", &ka, &a, Some(10)), &side("y", &kb, &b, Some(20)));
        assert_eq!((d.verdict, d.source.as_deref()), (Verdict::CommonSource, Some("Associated Press")));
        let credit = [named_in("Associated Press", 12, true)];
        let mut quoting = side("x", &ka, &credit, Some(10));
        quoting.quoted = 0.9;
        let d = direction(&quoting, &side("y", &kb, &[], Some(20)));
        assert_eq!(d.verdict, Verdict::AToB, "shared quotes are not the credited source's text");
        let (mut little, mut other) = (side("x", &ka, &credit, Some(10)), side("y", &kb, &[], Some(20)));
        (little.covered, other.covered) = (0.1, 0.9);
        let d = direction(&little, &other);
        assert_eq!(d.verdict, Verdict::AToB, "a snippet of a page is not the credited text");
    }

    #[test]
    fn evidence_quotes_contexts_for_people_and_labels_times() {
        let (ka, kb) = (names::outlet_keys("example.com"), names::outlet_keys("other.org"));
        let mut abc = named("ABC News");
        abc.places[0].context = "told ABC News' \"This Week,\" \"That is".into();
        abc.places[0].mark = 5;
        let both = [abc];
        let d = direction(&side("x", &ka, &both, Some(10)), &side("y", &kb, &both, Some(20)));
        let detail = |signal: &str| d.evidence.iter().find(|e| e.signal == signal).map(|e| e.detail.clone());
        let named = detail("named_source").unwrap_or_default();
        assert!(named.contains("\u{201c}told ABC News' \"This Week,\" \"That is\u{201d}"), "{named}");
        assert!(!named.contains('\\'), "{named}");
        assert!(detail("time").is_some_and(|t| t.ends_with(" UTC") && t.contains(" UTC, ")), "{d:?}");
    }
}
