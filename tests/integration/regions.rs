//! What a pair shares (`pairs[].regions`): every pair reported carries its
//! shared text, including two members of a cluster neither of which is its
//! center (they have no match of their own), so the JSON resolves it, the
//! HTML highlights it and the text report says why boilerplate is
//! boilerplate.

use std::path::Path;

use crate::util::{PARA_A, run, scratch, write};

/// Opening paragraphs of three unrelated articles.
const OWN: [&str; 3] = [
    "Farmers in the northern valleys say the long drought has cut this year's wheat harvest by a third, \
     and several cooperatives have asked the ministry for emergency credit before the autumn sowing.",
    "A museum of modern art opened its doors on Saturday in the old warehouse district, where a former \
     tobacco depot now holds six galleries, a library of artists' books and a rooftop sculpture garden.",
    "The city's orchestra announced a season of rarely performed operas, starting in October with a \
     concert staging conducted by its new music director, who arrives from a long tenure in Lisbon.",
];

/// Three articles, each its own opening paragraph then `shared`.
fn three_articles(dir: &Path, shared: &str) -> Vec<Vec<u8>> {
    OWN.iter()
        .enumerate()
        .map(|(i, own)| {
            let text = format!("{own}\n\n{shared}\n");
            write(dir, &format!("in/{i}.txt"), &text);
            text.into_bytes()
        })
        .collect()
}

#[test]
fn every_pair_of_a_three_article_cluster_carries_its_shared_text() {
    let dir = scratch();
    let texts = three_articles(dir.path(), PARA_A);
    let report = run(&["scan", &dir.path().join("in").to_string_lossy(), "--format", "json"]).ok().report();
    assert_eq!(report.clusters.len(), 1, "{:#?}", report.clusters);
    assert_eq!(report.pairs.len(), 3, "every two of the three share the paragraph");
    let center = report.clusters[0].members[report.clusters[0].center].article;
    assert!(report.pairs.iter().any(|p| p.a != center && p.b != center), "one pair leaves out the center");
    for p in &report.pairs {
        assert!(!p.regions.is_empty(), "pair {}–{} carries what it shares: {p:#?}", p.a, p.b);
        for r in &p.regions {
            assert_eq!(r.kind, "syndication", "{r:#?}");
            for place in report.region_places(p, r) {
                let text = &texts[place.article];
                assert_eq!(&text[place.start..place.end], PARA_A.as_bytes(), "{place:#?}");
            }
        }
    }
}

#[test]
fn side_by_side_view_of_two_members_besides_the_center_is_highlighted() {
    let dir = scratch();
    three_articles(dir.path(), PARA_A);
    let input = dir.path().join("in").to_string_lossy().into_owned();
    let report = run(&["scan", &input, "--format", "json"]).ok().report();
    let center = report.clusters[0].members[report.clusters[0].center].article;
    let i = report.pairs.iter().position(|p| p.a != center && p.b != center).expect("such a pair");
    let html = run(&["scan", &input, "--format", "html", "--limit", "0"]).ok().stdout.clone();
    let start = html.find(&format!("<section class=\"pair\" id=\"pair-{i}\">")).expect("the pair's view");
    let view = &html[start..start + html[start..].find("</section>").expect("view ends")];
    let sides: Vec<&str> = view.split("<div class=\"side\"").skip(1).collect();
    assert_eq!(sides.len(), 2, "{view}");
    for side in sides {
        let mark =
            side.find("<mark class=\"k-syndication\"").unwrap_or_else(|| panic!("no highlight: {view}"));
        let close = mark + side[mark..].find("</mark>").expect("mark closes");
        let start_text = mark + side[mark..].find('>').expect("tag ends") + 1;
        assert_eq!(&side[start_text..close], PARA_A, "the shared paragraph is highlighted whole");
    }
}

#[test]
fn every_boilerplate_only_line_names_its_rule_and_cluster() {
    let disclaimer = "Disclaimer: the information on this page is provided as is, without warranty of any \
                      kind; the publisher accepts no liability for its accuracy.";
    let dir = scratch();
    three_articles(dir.path(), disclaimer);
    let input = dir.path().join("in").to_string_lossy().into_owned();
    let report = run(&["scan", &input, "--format", "json"]).ok().report();
    assert_eq!(report.pairs.len(), 3, "{:#?}", report.pairs);
    assert!(report.pairs.iter().all(|p| p.relation == "boilerplate"), "{:#?}", report.pairs);
    let rule = &report.clusters[0].rule;
    let text = run(&["scan", &input, "--limit", "0"]).ok().stdout.clone();
    let section = text.split("Boilerplate only").nth(1).expect("a boilerplate section");
    let lines: Vec<&str> = section.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    // One template, one group: its pairs are not listed one by one.
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], format!("  3 pairs among 3 articles: {rule} (cluster [1])"), "{text}");
    let ids: Vec<&str> = report.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(lines[1], format!("       articles: {}", ids.join(", ")), "{text}");
}
