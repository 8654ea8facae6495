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
}

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
    let mut edges: BTreeMap<(String, String), (usize, u64)> = BTreeMap::new();
    let mut counted: BTreeSet<(String, u32)> = BTreeSet::new();
    for p in pairs.iter().filter(|p| p.relation != Kind::Boilerplate) {
        let mut add = |from: String, to: u32, words: u64| {
            let e = edges.entry((from, name(to))).or_default();
            e.0 += 1;
            e.1 += words;
        };
        match p.direction.verdict {
            Verdict::AToB => add(name(p.a), p.b, p.shared_words[1]),
            Verdict::BToA => add(name(p.b), p.a, p.shared_words[0]),
            Verdict::CommonSource => {
                let source = p.direction.source.clone().unwrap_or_default();
                for (side, x) in [p.a, p.b].into_iter().enumerate() {
                    if counted.insert((source.clone(), x)) {
                        add(source.clone(), x, p.shared_words[side]);
                    }
                }
            }
            Verdict::Undetermined => {}
        }
    }
    let mut out: Vec<OutletEdge> = edges
        .into_iter()
        .filter(|((f, t), _)| f != t)
        .map(|((from, to), (pairs, words))| OutletEdge { from, to, pairs, words })
        .collect();
    out.sort_by(|x, y| y.words.cmp(&x.words).then(x.from.cmp(&y.from)).then(x.to.cmp(&y.to)));
    out
}

/// Connected groups of articles joined by pairs sharing more than
/// boilerplate, largest first.
pub fn stories(scan: &Scan, pairs: &[Pair], keys: &[Vec<String>]) -> Vec<Story> {
    let mut parent: Vec<u32> = (0..scan.articles.len() as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    for p in pairs.iter().filter(|p| p.relation != Kind::Boilerplate) {
        let (x, y) = (root(&mut parent, p.a), root(&mut parent, p.b));
        parent[x.max(y) as usize] = x.min(y);
    }
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for a in 0..scan.articles.len() as u32 {
        let r = root(&mut parent, a);
        groups.entry(r).or_default().push(a);
    }
    let mut out: Vec<Story> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|articles| {
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
            Story { articles, sources: sources.into_iter().map(|s| s.1).collect() }
        })
        .collect();
    out.sort_by(|x, y| y.articles.len().cmp(&x.articles.len()).then(x.articles[0].cmp(&y.articles[0])));
    out
}
