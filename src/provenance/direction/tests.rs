//! Tests of direction: made-up sides and the verdicts they get.

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
    for (at, what) in [(132, "the snippet under it"), (131, "its paragraph"), (130, "a caption over it")] {
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
