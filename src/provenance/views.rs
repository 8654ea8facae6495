//! Views: pairs -> per article (how much of it is reused and from where),
//! per outlet (whose wording it reuses) and per story (articles telling
//! the same story, with the sources they name in common).
//!
//! Shares are of words, measured as a pair's are ([`cover`]): each word of
//! the article counted once, however many pairs share it, so a paragraph
//! shared with ten articles counts once and an article's share reused is
//! at least its share in any one of its pairs.

use std::collections::{BTreeMap, BTreeSet};

use super::cover::{Piece, cover};
use super::direction::Verdict;
use super::kinds::{self, Kind};
use super::{Pair, names};
use crate::pipeline::Scan;
use crate::segment::Span;

/// Where one article's reused text comes from, through one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Upstream {
    /// Index of the pair in `Provenance::pairs`.
    pub pair: usize,
    /// The other article of the pair.
    pub other: u32,
    /// The other article is the source (`true`) or both take from a
    /// common source (`false`).
    pub direct: bool,
}

/// One article's view.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleView {
    /// Share of its words (page junk aside) in text shared with other
    /// articles, boilerplate aside.
    pub reused: f64,
    /// Share of its words in boilerplate shared with other articles.
    pub boilerplate: f64,
    /// Share of its words repeating earlier text of itself.
    pub repeated: f64,
    /// Articles it took from, or shares a common source with.
    pub upstream: Vec<Upstream>,
}

/// Reuse of one outlet's wording by another (or of a source named).
#[derive(Clone, Debug, PartialEq)]
pub struct OutletEdge {
    /// The source: an outlet, or a source named by both sides.
    pub from: String,
    /// The outlet reusing it.
    pub to: String,
    /// Article pairs behind the edge.
    pub pairs: usize,
    /// Shared words on the reusing side.
    pub words: u64,
}

/// Articles telling the same story.
#[derive(Clone, Debug, PartialEq)]
pub struct Story {
    /// Its articles, in article order.
    pub articles: Vec<u32>,
    /// Sources at least two of them name (other than their own outlets),
    /// most named first.
    pub sources: Vec<String>,
    /// Groups of its articles carrying versions of one report: joined by
    /// pairs in which each side has at least [`VERSION_SHARE`] of its text
    /// shared, largest first. Empty when the whole story is one such group
    /// or none of its pairs is that close (articles linked only by shared
    /// quotes and rewritten sentences).
    pub versions: Vec<Vec<u32>>,
}

/// Share of its text (beyond boilerplate) each article of a pair must have
/// shared for the pair to join a group of versions of one report inside a
/// story. A story is every article reachable through shared text, which on
/// a corpus about one event (every outlet quoting the same press
/// conference) chains most articles into one story; versions of one report
/// share much more than a quote. See docs/provenance.md, "Stories".
pub const VERSION_SHARE: f64 = 0.3;

/// The view of every article.
pub fn articles(scan: &Scan, pairs: &[Pair]) -> Vec<ArticleView> {
    let n = scan.articles.len();
    let (mut reused, mut boiler) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    let mut upstream = vec![Vec::new(); n];
    for (i, p) in pairs.iter().enumerate() {
        for (r, d) in &p.regions {
            let into = if d.kind == Kind::Boilerplate { &mut boiler } else { &mut reused };
            into[p.a as usize].push(Piece::of(r, 0));
            into[p.b as usize].push(Piece::of(r, 1));
        }
        if p.relation == Kind::Boilerplate {
            continue;
        }
        match p.direction.verdict {
            Verdict::AToB => upstream[p.b as usize].push(Upstream { pair: i, other: p.a, direct: true }),
            Verdict::BToA => upstream[p.a as usize].push(Upstream { pair: i, other: p.b, direct: true }),
            Verdict::CommonSource => {
                upstream[p.a as usize].push(Upstream { pair: i, other: p.b, direct: false });
                upstream[p.b as usize].push(Upstream { pair: i, other: p.a, direct: false });
            }
            Verdict::Undetermined => {}
        }
    }
    let mut repeated = vec![Vec::new(); n];
    for c in &scan.clusters {
        for w in c.members.windows(2).filter(|w| w[0].article == w[1].article) {
            let a = &scan.articles[w[1].article as usize];
            let ps = &a.paragraphs[w[1].first as usize..=w[1].last as usize];
            let span = Span { start: ps[0].span.start, end: ps[ps.len() - 1].span.end };
            let words = ps.iter().map(|p| p.words).sum();
            repeated[w[1].article as usize].push(Piece { span, words, quoted: 0.0 });
        }
    }
    (0..n)
        .map(|i| {
            let a = &scan.articles[i];
            let (content, all) = (kinds::content_words(scan, i as u32), kinds::words(scan, i as u32));
            let share = |x: f64, of: u64| if of == 0 { 0.0 } else { x / of as f64 };
            ArticleView {
                reused: share(cover(a, &std::mem::take(&mut reused[i])).content, content),
                boilerplate: share(cover(a, &std::mem::take(&mut boiler[i])).words, all),
                repeated: share(cover(a, &std::mem::take(&mut repeated[i])).words, all),
                upstream: std::mem::take(&mut upstream[i]),
            }
        })
        .collect()
}

/// Outlet -> outlet edges of directed pairs, and source -> outlet edges of
/// common-source pairs (an article counted once per source); an article
/// without an outlet stands for itself. Heaviest first.
pub fn outlet_edges(scan: &Scan, pairs: &[Pair], outlets: &[Option<&str>]) -> Vec<OutletEdge> {
    let name = |a: u32| {
        outlets[a as usize].map_or_else(|| scan.articles[a as usize].meta.id.clone(), str::to_string)
    };
    let node = source_nodes(pairs, outlets);
    // Per (source, reusing article): the pairs and the most words the
    // article shares in any one of them. An article's pairs with one source
    // (its outlet's articles, or a named source's carriers) mostly share the
    // same text of it, so summing them would count that text again and again.
    let mut per: BTreeMap<(String, u32), (usize, u64)> = BTreeMap::new();
    let mut add = |from: String, to: u32, words: u64| {
        let e = per.entry((from, to)).or_default();
        e.0 += 1;
        e.1 = e.1.max(words);
    };
    for p in pairs.iter().filter(|p| p.relation != Kind::Boilerplate) {
        match p.direction.verdict {
            Verdict::AToB => add(name(p.a), p.b, p.shared_words[1]),
            Verdict::BToA => add(name(p.b), p.a, p.shared_words[0]),
            Verdict::CommonSource => {
                // An unnamed common source is no node of the graph.
                let Some(named) = p.direction.source.as_deref() else { continue };
                let source = node.get(named).cloned().unwrap_or_else(|| named.to_string());
                add(source.clone(), p.a, p.shared_words[0]);
                add(source, p.b, p.shared_words[1]);
            }
            Verdict::Undetermined => {}
        }
    }
    let mut edges: BTreeMap<(String, String), (usize, u64)> = BTreeMap::new();
    for ((source, x), (n, words)) in per {
        let e = edges.entry((source, name(x))).or_default();
        e.0 += n;
        e.1 += words;
    }
    let mut out: Vec<OutletEdge> = edges
        .into_iter()
        .filter(|((f, t), _)| f != t)
        .map(|((from, to), (pairs, words))| OutletEdge { from, to, pairs, words })
        .collect();
    out.sort_by(|x, y| y.words.cmp(&x.words).then(x.from.cmp(&y.from)).then(x.to.cmp(&y.to)));
    out
}

/// The graph node of each common source named that is one of the corpus's
/// outlets: "CNN" named in the text and the outlet `cnn.com` are one
/// organization, so one node. A name that fits no outlet, or several,
/// stays a node of its own.
fn source_nodes(pairs: &[Pair], outlets: &[Option<&str>]) -> BTreeMap<String, String> {
    let distinct: BTreeSet<&str> = outlets.iter().flatten().copied().collect();
    let keys: Vec<(&str, Vec<String>)> = distinct.into_iter().map(|o| (o, names::outlet_keys(o))).collect();
    let named: BTreeSet<&str> = pairs
        .iter()
        .filter(|p| p.relation != Kind::Boilerplate && p.direction.verdict == Verdict::CommonSource)
        .filter_map(|p| p.direction.source.as_deref())
        .collect();
    named
        .into_iter()
        .filter_map(|name| {
            let mut fits = keys.iter().filter(|(_, k)| names::names_outlet(name, k));
            match (fits.next(), fits.next()) {
                (Some((outlet, _)), None) => Some((name.to_string(), outlet.to_string())),
                _ => None,
            }
        })
        .collect()
}

/// Connected groups of articles joined by pairs sharing more than
/// boilerplate, largest first.
pub fn stories(scan: &Scan, pairs: &[Pair], keys: &[Vec<String>]) -> Vec<Story> {
    let content = || pairs.iter().filter(|p| p.relation != Kind::Boilerplate);
    let n = scan.articles.len();
    let close = groups(n, content().filter(|p| p.covered.iter().all(|&c| c >= VERSION_SHARE)));
    // Each close group lies inside one story: found by its first article.
    let mut close_by_first: BTreeMap<u32, Vec<u32>> = close.into_iter().map(|g| (g[0], g)).collect();
    let mut out: Vec<Story> = groups(n, content())
        .into_iter()
        .map(|articles| {
            let mut versions: Vec<Vec<u32>> =
                articles.iter().filter_map(|a| close_by_first.remove(a)).collect();
            if versions.len() == 1 && versions[0].len() == articles.len() {
                versions.clear();
            }
            versions.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(&y[0])));
            let mut count: BTreeMap<String, (usize, String)> = BTreeMap::new();
            for &a in &articles {
                for n in &scan.articles[a as usize].signals.named {
                    if !names::names_outlet(&n.name, &keys[a as usize]) {
                        count.entry(names::key(&n.name)).or_insert((0, n.name.clone())).0 += 1;
                    }
                }
            }
            let mut sources: Vec<(usize, String)> = count.into_values().filter(|c| c.0 >= 2).collect();
            sources.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            Story { articles, sources: sources.into_iter().map(|s| s.1).collect(), versions }
        })
        .collect();
    out.sort_by(|x, y| y.articles.len().cmp(&x.articles.len()).then(x.articles[0].cmp(&y.articles[0])));
    out
}

/// The connected groups of two or more of `n` articles that `pairs` join,
/// each in article order, in the order of their first articles.
fn groups<'p>(n: usize, pairs: impl Iterator<Item = &'p Pair>) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for p in pairs {
        let (x, y) = (root(&mut parent, p.a), root(&mut parent, p.b));
        parent[x.max(y) as usize] = x.min(y);
    }
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for a in 0..n as u32 {
        let r = root(&mut parent, a);
        groups.entry(r).or_default().push(a);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::provenance::direction::Verdict;
    use crate::provenance::testing::{Words, record, scan_jsonl};
    use crate::provenance::{analyze, names};

    /// Two wire reports, each carried by two papers, whose only link is a
    /// quote both reports give: one story, told in two groups of versions;
    /// and a third report carried alone by a paper is one story with no
    /// groups inside, since all of it is one group.
    #[test]
    fn a_story_lists_its_groups_of_versions_of_one_report() {
        let mut words = Words(21);
        let quote = format!("\"{}\" the minister said.", words.words(24).join(" "));
        let report = |words: &mut Words| -> String {
            let mut paras: Vec<String> = (0..6).map(|_| words.sentence(40)).collect();
            paras.insert(3, quote.clone());
            paras.join("\n\n")
        };
        let (x, y) = (report(&mut words), report(&mut words));
        let z: String = (0..5).map(|_| words.sentence(40)).collect::<Vec<_>>().join("\n\n");
        let lines: Vec<String> = [
            ("x", "wire.example", &x),
            ("x1", "a.example", &x),
            ("x2", "b.example", &x),
            ("y", "agency.example", &y),
            ("y1", "c.example", &y),
            ("y2", "d.example", &y),
            ("z", "wire.example", &z),
            ("z1", "e.example", &z),
        ]
        .iter()
        .map(|(id, outlet, text)| record(id, outlet, "2024-03-01T08:00:00Z", text))
        .collect();
        let scan = scan_jsonl(&lines);
        let provenance = analyze(&scan);
        let ids = |g: &[u32]| -> Vec<&str> {
            g.iter().map(|&a| scan.articles[a as usize].meta.id.as_str()).collect()
        };
        let stories: Vec<(Vec<&str>, Vec<Vec<&str>>)> = provenance
            .stories
            .iter()
            .map(|s| (ids(&s.articles), s.versions.iter().map(|g| ids(g)).collect()))
            .collect();
        assert_eq!(
            stories,
            [
                (vec!["x", "x1", "x2", "y", "y1", "y2"], vec![vec!["x", "x1", "x2"], vec!["y", "y1", "y2"]]),
                (vec!["z", "z1"], vec![]),
            ],
            "{:?}",
            provenance.pairs.iter().map(|p| (p.a, p.b, p.relation, p.covered)).collect::<Vec<_>>()
        );
    }

    /// On the bundled corpus every article shares text with the Financial
    /// Times's story through several pairs: its edge holds all of them and
    /// at least the words of each.
    #[test]
    fn a_common_source_edge_counts_every_pair_and_the_most_words_of_any() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let scan = crate::pipeline::scan(&Config::new(vec![corpus])).expect("scan");
        let provenance = analyze(&scan);
        let outlets = crate::provenance::kinds::outlets(&scan);
        let name = |x: u32| {
            outlets[x as usize].map_or_else(|| scan.articles[x as usize].meta.id.clone(), str::to_string)
        };
        let mut checked = 0;
        for e in &provenance.outlet_edges {
            let mine: Vec<(u64, bool)> = provenance
                .pairs
                .iter()
                .filter(|p| {
                    p.direction.verdict == Verdict::CommonSource
                        && p.direction.source.as_deref() == Some(&e.from)
                })
                .flat_map(|p| [(p.a, p.shared_words[0]), (p.b, p.shared_words[1])])
                .filter(|&(x, _)| name(x) == e.to)
                .map(|(_, w)| (w, w <= e.words))
                .collect();
            assert_eq!(mine.len(), e.pairs, "{e:?}");
            assert!(mine.iter().all(|m| m.1), "{e:?} holds the words of each pair: {mine:?}");
            checked += usize::from(e.pairs > 1);
        }
        assert!(checked >= 2, "edges over several pairs: {:?}", provenance.outlet_edges);
    }

    /// Three updates of one `cnn.com` story and a local site's copy bylined
    /// CNN: the copy took from each update, but its words count once.
    #[test]
    fn an_edge_counts_a_reusing_article_s_words_once_however_many_pairs() {
        let mut words = Words(9);
        let story: Vec<String> = (0..5).map(|_| words.sentence(40)).collect();
        let text = |first: &str| {
            [first.to_string()].into_iter().chain(story.iter().cloned()).collect::<Vec<_>>().join("\n\n")
        };
        let mut lines: Vec<String> = (1..=3)
            .map(|i| {
                let date = format!("2024-03-01T0{i}:00:00Z");
                record(&format!("cnn{i}"), "cnn.com", &date, &text(&format!("Update {i}.")))
            })
            .collect();
        let copy = text("By Jane Roe, CNN");
        lines.push(record("local", "click2houston.com", "2024-03-01T09:00:00Z", &copy));
        let scan = scan_jsonl(&lines);
        let provenance = analyze(&scan);
        let local = scan.articles.iter().position(|a| a.meta.id == "local").expect("read") as u32;
        let took = provenance
            .pairs
            .iter()
            .filter(|p| (p.a == local || p.b == local) && p.direction.verdict != Verdict::Undetermined)
            .count();
        assert!(took >= 2, "the copy took from several updates: {:?}", provenance.pairs);
        let edge = provenance
            .outlet_edges
            .iter()
            .find(|e| e.to == "click2houston.com")
            .expect("an edge into the copy");
        assert_eq!(edge.pairs, took, "{edge:?}");
        let words = crate::provenance::kinds::content_words(&scan, local);
        assert!(edge.words <= words, "{edge:?}: the copy has {words} words");
    }

    /// A wire story by `cnn.com` and two local sites' copies of it, each
    /// crediting CNN: one graph node for CNN, however it is reached.
    #[test]
    fn a_source_named_in_the_text_and_the_outlet_it_names_are_one_node() {
        let mut words = Words(5);
        let story: Vec<String> = (0..5).map(|_| words.sentence(40)).collect();
        let with = |first: &str, cut: usize| {
            let mut paras = vec![first.to_string()];
            paras.extend(story.iter().take(cut).cloned());
            paras.join("\n\n")
        };
        let lines = [
            ("wire", "cnn.com", "2024-03-01T08:00:00Z", with("WASHINGTON (CNN) - Wire copy.", 5)),
            (
                "local1",
                "click2houston.com",
                "2024-03-01T10:00:00Z",
                with("The talks went on, CNN reported.", 4),
            ),
            ("local2", "news4jax.com", "2024-03-01T11:00:00Z", with("The talks went on, CNN reported.", 3)),
        ]
        .map(|(id, outlet, date, text)| record(id, outlet, date, &text));
        let scan = scan_jsonl(&lines);
        let provenance = analyze(&scan);
        let edges = &provenance.outlet_edges;
        assert!(edges.iter().any(|e| e.from == "cnn.com"), "cnn.com's wording is reused: {edges:?}");
        let outlets = ["cnn.com", "click2houston.com", "news4jax.com"];
        for e in edges {
            let fits: Vec<&str> = outlets
                .into_iter()
                .filter(|o| names::names_outlet(&e.from, &names::outlet_keys(o)))
                .collect();
            assert!(
                fits.is_empty() || fits == [e.from.as_str()],
                "{:?} is the outlet {fits:?}: {edges:?}",
                e.from
            );
        }
        let to: Vec<&str> = edges.iter().map(|e| e.to.as_str()).collect();
        let mut distinct = to.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(to.len(), distinct.len(), "one edge into each outlet: {edges:?}");
    }
}
