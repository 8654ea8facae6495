//! Provenance measures: how many words a pair shares, what share of an
//! article is reused, and what the direction evidence may claim of them.

use crate::util::{Words, run, run_in, scratch, write};

/// One JSON Lines record.
fn record(id: &str, outlet: &str, date: &str, paragraphs: &[String]) -> String {
    serde_json::json!({"id": id, "outlet": outlet, "date": date, "text": paragraphs.join("\n\n")}).to_string()
}

/// Words of `paragraphs` (the generator's words are plain tokens).
fn words(paragraphs: &[String]) -> u64 {
    paragraphs.iter().map(|p| p.split_whitespace().count() as u64).sum()
}

#[test]
fn a_paragraph_repeated_on_both_sides_counts_once_per_copy() {
    let mut w = Words(11);
    let shared = w.paragraph(40);
    let own = |w: &mut Words, n: usize| (0..n).map(|_| w.paragraph(40)).collect::<Vec<_>>();
    let (u, v) = (own(&mut w, 5), own(&mut w, 5));
    let x = [&shared, &u[0], &shared, &u[1], &shared, &u[2], &u[3], &u[4]].map(String::clone);
    let y = [&v[0], &shared, &v[1], &shared, &shared, &v[2], &shared, &v[3], &v[4]].map(String::clone);
    let dir = scratch();
    let lines = [record("x", "one.example", "2024-01-01", &x), record("y", "two.example", "2024-01-02", &y)];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let pair = report.pairs.iter().find(|p| p.ids == ["x", "y"]).expect("x and y share text");
    let copies = [3, 4].map(|n| n * words(std::slice::from_ref(&shared)));
    assert_eq!(pair.shared_words, copies, "each copy counted once, not once per pair of copies: {pair:#?}");
    for (side, text) in [&x[..], &y[..]].into_iter().enumerate() {
        assert!(pair.shared_words[side] <= words(text), "{pair:#?}");
        let share = copies[side] as f64 / words(text) as f64;
        assert!((pair.covered[side] - share).abs() < 1e-3, "side {side}: {pair:#?}");
    }
    assert_eq!(pair.changed, 0.0, "the copies are word for word");
}

/// An article's share reused, with all the articles it shares text with,
/// is at least its share shared with any one of them.
fn reused_at_least_each_pair(report: &crate::schema::Report) {
    for p in report.pairs.iter().filter(|p| p.relation != "boilerplate") {
        for (side, article) in [p.a, p.b].into_iter().enumerate() {
            let reused = report.articles[article].reused;
            assert!(reused >= p.covered[side], "{}: reused {reused} < {:?}", report.articles[article].id, p);
        }
    }
}

#[test]
fn an_article_reuses_at_least_what_it_shares_with_one_other() {
    reused_at_least_each_pair(&run(&["scan", "corpus", "--format", "json"]).ok().report());
    let mut w = Words(5);
    let source: Vec<String> = (0..8).map(|_| w.paragraph(30)).collect();
    let dir = scratch();
    let mut lines = vec![record("s", "wire.example", "2024-01-01", &source)];
    for i in 0..4 {
        let mut copy: Vec<String> = (0..4).map(|_| w.paragraph(25)).collect();
        copy.extend(source[i..i + 3].iter().cloned());
        lines.push(record(&format!("c{i}"), &format!("o{i}.example"), "2024-01-02", &copy));
    }
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    assert!(report.pairs.len() >= 4, "{:#?}", report.pairs);
    reused_at_least_each_pair(&report);
}

#[test]
fn a_pair_sharing_only_an_outlets_template_gets_no_copying_verdict() {
    let mut w = Words(23);
    let template = w.paragraph(30);
    let dir = scratch();
    let mut lines = Vec::new();
    for (i, date) in ["2024-01-01", "2024-01-05", "2024-01-09"].into_iter().enumerate() {
        let mut paragraphs: Vec<String> = (0..6).map(|_| w.paragraph(35)).collect();
        // The later ones credit the first's outlet, which would otherwise
        // read as attribution.
        if i > 0 {
            paragraphs.push("The story was first reported by Example News.".into());
        }
        paragraphs.push(template.clone());
        lines.push(record(&format!("t{i}"), "Example News", date, &paragraphs));
    }
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let boilerplate: Vec<_> = report.pairs.iter().filter(|p| p.relation == "boilerplate").collect();
    assert!(boilerplate.len() >= 2, "the template is boilerplate: {:#?}", report.pairs);
    for p in boilerplate {
        assert_eq!(p.direction.verdict, "undetermined", "{p:#?}");
        assert!(p.direction.evidence.is_empty() && p.direction.confidence == 0.0, "{p:#?}");
    }
}

/// The `quotes` evidence of each pair, with the pair.
fn quotes_evidence(report: &crate::schema::Report) -> Vec<(&crate::schema::Pair, &str)> {
    let pairs = report.pairs.iter();
    pairs
        .flat_map(|p| {
            p.direction.evidence.iter().filter(|e| e.signal == "quotes").map(move |e| (p, e.detail.as_str()))
        })
        .collect()
}

#[test]
fn quotation_evidence_agrees_with_the_passages() {
    let report = run(&["scan", "corpus", "--format", "json"]).ok().report();
    let evidence = quotes_evidence(&report);
    assert!(!evidence.is_empty(), "corpus/ has quotes evidence to check");
    for (p, detail) in evidence {
        let Some(quoting) =
            detail.strip_suffix(" puts the shared text in quotation marks, the other does not")
        else {
            continue;
        };
        let other = usize::from(p.ids[0] == quoting);
        for &m in &p.matches {
            let quoted = report.matches[m].passage.as_ref().is_some_and(|x| x.quoted[other]);
            assert!(!quoted, "{detail}, yet match {m} is quoted on the other side too: {p:#?}");
        }
    }
    // Where it holds, it is still said.
    let mut w = Words(31);
    let quote = w.paragraph(40);
    let mut x: Vec<String> = (0..5).map(|_| w.paragraph(30)).collect();
    let mut y: Vec<String> = (0..5).map(|_| w.paragraph(30)).collect();
    x.push(format!("\"{}\"", quote.trim_end_matches('.')));
    y.push(quote);
    let dir = scratch();
    let lines = [record("x", "one.example", "2024-01-01", &x), record("y", "two.example", "2024-01-02", &y)];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let found = quotes_evidence(&report);
    assert_eq!(found.len(), 1, "{:#?}", report.pairs);
    assert_eq!(found[0].1, "x puts the shared text in quotation marks, the other does not");
}

/// One page of an outlet captured twice (both naming Reuters) is one
/// article, not two carriers of Reuters' text; the same text at two
/// outlets still is.
#[test]
fn one_outlets_page_captured_twice_is_no_common_source() {
    let mut w = Words(31);
    let story: Vec<String> = (0..6).map(|_| w.paragraph(40)).collect();
    let page = |extra: &str| {
        let mut p = vec!["HELSINKI (Reuters) - Leaders met on Monday.".to_string()];
        p.extend(story.iter().cloned());
        p.push(extra.to_string());
        p
    };
    let dir = scratch();
    let lines = [
        record("g1", "news.example", "2024-01-01T10:00:00Z", &page("Updated 10:00.")),
        record("g2", "news.example", "2024-01-01T10:20:00Z", &page("Updated 10:20.")),
        record("h1", "other.example", "2024-01-01T11:00:00Z", &page("Posted 11:00.")),
    ];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let pair = |x: &str, y: &str| report.pairs.iter().find(|p| p.ids == [x, y]).expect("the two share text");
    let twice = pair("g1", "g2");
    assert_eq!(twice.direction.verdict, "undetermined", "{twice:#?}");
    assert!(twice.direction.evidence.iter().any(|e| e.signal == "same_page"), "{twice:#?}");
    let across = pair("g1", "h1");
    assert_eq!(across.direction.verdict, "common_source", "{across:#?}");
    assert_eq!(across.direction.source.as_deref(), Some("Reuters"));
    let into_page = report.outlet_edges.iter().find(|e| e.to == "news.example");
    assert!(
        into_page.is_none_or(|e| e.pairs == 2),
        "only the pairs with h1 count: {:#?}",
        report.outlet_edges
    );
    // The copies come first in the text report, the page captured twice
    // after them, however many words it shares.
    let text = run_in(dir.path(), &["scan", "in.jsonl"], &[]).ok().stdout.clone();
    let at = |pair: &str| text.find(pair).unwrap_or_else(|| panic!("{pair} listed: {text}"));
    let (g1, g2, h1) = ("g1 (news.example)", "g2 (news.example)", "h1 (other.example)");
    let (g1_h1, g2_h1, g1_g2) = (format!("{g1} ↔ {h1}"), format!("{g2} ↔ {h1}"), format!("{g1} ↔ {g2}"));
    assert!(at(&g1_h1) < at(&g1_g2) && at(&g2_h1) < at(&g1_g2), "{text}");
    assert!(text.contains("→ no copying: the same article published or captured twice"), "{text}");
}

/// Two pages of snippets (an aggregator's, each snippet followed by its
/// outlet's name on a line of its own) share the snippets' outlets' text:
/// no verdict between them and no outlet edge from it, whichever outlet
/// they both name. An article crediting two sources is no such page, and a
/// snippet page still took from the outlet it credits.
#[test]
fn two_pages_of_snippets_are_no_copy_of_each_other() {
    let mut w = Words(47);
    let snippets: Vec<String> = (0..8).map(|_| w.paragraph(40)).collect();
    let credits =
        ["Reuters", "Fox News", "The Guardian", "NBC News", "Sputnik", "Reuters", "CNBC", "Fox News"];
    let page = |which: &[usize]| {
        which.iter().flat_map(|&i| [snippets[i].clone(), credits[i].to_string()]).collect::<Vec<String>>()
    };
    // Five snippets in common: about 70% of each page, so not one page
    // captured twice.
    let (g1, g2) = (page(&[0, 1, 2, 3, 4, 5, 6]), page(&[0, 1, 2, 3, 4, 7]));
    let mut two = vec!["By Jane Roe, Reuters".to_string(), "(With inputs from Sputnik)".to_string()];
    two.extend(snippets[..5].iter().cloned());
    let fox = vec![snippets[1].clone(), w.paragraph(40), w.paragraph(40)];
    let dir = scratch();
    let lines = [
        record("g1", "news.example", "2024-01-01T10:00:00Z", &g1),
        record("g2", "news.example", "2024-01-01T12:00:00Z", &g2),
        record("r", "paper.example", "2024-01-01T09:00:00Z", &two),
        record("f", "foxnews.com", "2024-01-01T08:00:00Z", &fox),
    ];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let pair = |x: &str, y: &str| {
        report.pairs.iter().find(|p| p.ids == [x, y]).unwrap_or_else(|| panic!("{x} and {y} share text"))
    };
    let pages = pair("g1", "g2");
    assert_eq!(pages.direction.verdict, "undetermined", "{pages:#?}");
    let digest = pages.direction.evidence.iter().find(|e| e.signal == "digest").expect("says why");
    assert!(
        digest.detail.contains("g1 credits 6 sources") && digest.detail.contains("g2 credits 5"),
        "{digest:?}"
    );
    assert_eq!(pages.direction.evidence.len(), 1, "{pages:#?}");
    let into_pages: usize = report
        .outlet_edges
        .iter()
        .filter(|e| e.to == "news.example" && e.from != "foxnews.com" && e.from != "paper.example")
        .map(|e| e.pairs)
        .sum();
    let from_others = report
        .pairs
        .iter()
        .filter(|p| (p.ids[0] == "r" || p.ids[1] == "r") && p.direction.verdict == "common_source");
    assert!(
        into_pages <= from_others.count(),
        "only pairs with a real carrier make edges into the pages: {:#?}",
        report.outlet_edges
    );
    let with_two = pair("g1", "r");
    assert!(with_two.direction.evidence.iter().all(|e| e.signal != "digest"), "{with_two:#?}");
    assert_eq!(with_two.direction.verdict, "common_source", "{with_two:#?}");
    let fox = pair("g1", "f");
    assert_eq!(fox.direction.verdict, "b_to_a", "the page credits Fox News for its snippet: {fox:#?}");
}

/// Two articles sharing a paragraph that both name CBS News only far from
/// it ("Trump told CBS News …" beside a shared tweet) report the same
/// events: a common source, but not CBS News, and no outlet edge.
#[test]
fn a_source_named_only_away_from_the_shared_text_is_not_named_its_source() {
    let mut w = Words(53);
    let tweet = w.paragraph(40);
    let own = |w: &mut Words| -> Vec<String> {
        let mut p: Vec<String> = (0..4).map(|_| w.paragraph(40)).collect();
        p.insert(1, format!("The president told CBS News in an interview that {}.", w.paragraph(12)));
        p
    };
    let (mut x, mut y) = (own(&mut w), own(&mut w));
    x.push(tweet.clone());
    y.insert(3, tweet);
    let dir = scratch();
    let lines = [record("x", "one.example", "2024-01-01", &x), record("y", "two.example", "2024-01-01", &y)];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let pair = report.pairs.iter().find(|p| p.ids == ["x", "y"]).expect("x and y share text");
    assert_eq!(pair.direction.verdict, "common_source", "{pair:#?}");
    assert_eq!(pair.direction.source, None, "{pair:#?}");
    let signals: Vec<&str> = pair.direction.evidence.iter().map(|e| e.signal.as_str()).collect();
    assert_eq!(signals, ["named_elsewhere"], "{pair:#?}");
    assert!(report.outlet_edges.is_empty(), "no node for an unnamed source: {:#?}", report.outlet_edges);
    let text = run_in(dir.path(), &["scan", "in.jsonl"], &[]).ok().stdout.clone();
    assert!(text.contains("→ both take from a common source, not from each other"), "{text}");
}

/// A credit on a page of pieces each credited on its own covers its own
/// piece, not the page: a Google News page's "Reuters" over Reuters'
/// snippet says nothing of the tweet it shares further down, and a
/// gallery's "Jane Roe, AP" under one photo's caption nothing of the next
/// caption, credited to EPA-EFE (a credit reaches the paragraph on either
/// side of it, so the photos are apart, as "Fullscreen" sets them apart in
/// USA Today's galleries).
#[test]
fn a_credit_on_a_page_of_pieces_covers_its_own_piece() {
    let mut w = Words(59);
    let tweet = w.paragraph(30);
    let labels = ["Reuters", "Fox News", "CNBC", "NBC News"];
    let mut page: Vec<String> = labels.iter().flat_map(|l| [l.to_string(), w.paragraph(35)]).collect();
    page.push(tweet.clone());
    let mut other: Vec<String> = (0..4).map(|_| w.paragraph(40)).collect();
    other.insert(1, format!("According to Reuters, {}.", w.paragraph(12)));
    other.push(tweet.clone());
    let fox = vec![w.paragraph(40), tweet, w.paragraph(40)];
    let caption = |w: &mut Words| format!("{}.", w.paragraph(25));
    let (first, second) = (caption(&mut w), caption(&mut w));
    let gallery =
        vec![first, "Jane Roe, AP".into(), "Fullscreen".into(), second.clone(), "John Doe, EPA-EFE".into()];
    let mut story: Vec<String> = (0..3).map(|_| w.paragraph(40)).collect();
    story.insert(1, format!("Officials told the Associated Press that {}.", w.paragraph(12)));
    story.push(second);
    let dir = scratch();
    let lines = [
        record("g", "news.example", "2024-01-01T10:00:00Z", &page),
        record("z", "hedge.example", "2024-01-01T10:00:00Z", &other),
        record("f", "foxnews.com", "2024-01-01T08:00:00Z", &fox),
        record("p", "pictures.example", "2024-01-01T09:00:00Z", &gallery),
        record("s", "story.example", "2024-01-01T09:00:00Z", &story),
    ];
    write(dir.path(), "in.jsonl", lines.join("\n"));
    let report = run_in(dir.path(), &["scan", "in.jsonl", "--format", "json"], &[]).ok().report();
    let pair = |x: &str, y: &str| {
        report.pairs.iter().find(|p| p.ids == [x, y]).unwrap_or_else(|| panic!("{x} and {y} share text"))
    };
    let signals = |p: &crate::schema::Pair| -> Vec<String> {
        p.direction.evidence.iter().map(|e| e.signal.clone()).collect()
    };
    let tweet_pair = pair("g", "z");
    assert_eq!(tweet_pair.direction.source, None, "{tweet_pair:#?}");
    assert_eq!(signals(tweet_pair), ["named_elsewhere"], "{tweet_pair:#?}");
    let fox_pair = pair("g", "f");
    assert!(!signals(fox_pair).contains(&"attribution".to_string()), "{fox_pair:#?}");
    let caption_pair = pair("p", "s");
    assert_eq!(caption_pair.direction.source, None, "not AP's caption: {caption_pair:#?}");
    assert_eq!(signals(caption_pair)[..1], ["named_elsewhere"], "{caption_pair:#?}");
}
