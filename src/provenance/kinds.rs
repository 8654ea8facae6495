//! Kinds: what sort of reuse a cluster, a region and an article pair is.
//!
//! Rules, in the order they are tried (`docs/provenance.md`):
//!
//! 1. `repeat`: both places are in one article.
//! 2. `boilerplate`: a cluster whose text is page junk (a short paragraph
//!    with a disclaimer, copyright or navigation marker), or which at least
//!    two articles of one outlet carry — at least half of the articles
//!    carrying it — while sharing nothing else and less than half of each
//!    one's text (an outlet's template). A passage whose
//!    sides both lie in page junk is boilerplate too.
//! 3. `syndication`: any other shared text of two articles of which one is
//!    largely the other's: at least [`SYNDICATED_SHARE`] of either's words
//!    (page junk aside) are shared non-boilerplate text; except a region
//!    whose two sides are barely alike (word similarity below
//!    [`ALIKE_SIMILARITY`]), which is no copy whatever the pair.
//! 4. `quote`: otherwise, shared text of which at least half the words are
//!    inside quotation marks on either side.
//! 5. `syndication`: otherwise, shared wording kept nearly as is: word
//!    similarity (words kept in order) at least [`COPIED_SIMILARITY`].
//! 6. `rewrite`: the rest, the same sentences reworded.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cover::{Piece, cover};
use super::regions::{Origin, PairRegions, Region};
use crate::pipeline::Scan;

/// Share of an article's words that, when shared with one other article,
/// makes the pair a syndication.
pub const SYNDICATED_SHARE: f64 = 0.5;
/// Word similarity from which unquoted shared text counts as copied.
pub const COPIED_SIMILARITY: f64 = 0.6;
/// Word similarity under which a region's two sides are barely alike: of
/// two sides of equal length, over 70% of the words are not kept on the
/// other, and a sentence aligned with a long stretch (11 words against 739
/// on Helsinki) is far below it. Such a region is not syndication because
/// its pair is: it is judged on its own (quote or rewrite).
pub const ALIKE_SIMILARITY: f64 = 0.3;
/// Largest share of either article that an outlet's template may cover.
const TEMPLATE_SHARE: f64 = 0.5;

/// A kind of reuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Inside one article.
    Repeat,
    /// An outlet's template text or page junk.
    Boilerplate,
    /// Text copied from another article, lightly edited.
    Syndication,
    /// A shared passage inside quotation marks.
    Quote,
    /// The same sentences reworded.
    Rewrite,
}

impl Kind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Repeat => "repeat",
            Kind::Boilerplate => "boilerplate",
            Kind::Syndication => "syndication",
            Kind::Quote => "quote",
            Kind::Rewrite => "rewrite",
        }
    }
}

/// A rule in words, shared by every cluster and removal it decided (a
/// million clusters and a million removals at a million articles share a
/// handful of rules).
pub type Rule = Arc<str>;

/// A kind with the rule that decided it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decided {
    /// The kind.
    pub kind: Kind,
    /// The rule, in words.
    pub rule: Rule,
}

/// The outlet of each article: its `outlet` field, else the credit its
/// dateline gives ("(MENAFN) …"), else none.
pub fn outlets(scan: &Scan) -> Vec<Option<&str>> {
    scan.articles
        .iter()
        .map(|a| {
            a.meta
                .outlet
                .as_deref()
                .filter(|o| !o.trim().is_empty())
                .or_else(|| a.signals.named.iter().find(|n| n.credit).map(|n| n.name.as_str()))
        })
        .collect()
}

/// For each cluster, the rule that makes it boilerplate, if one does.
pub fn boilerplate(scan: &Scan, regions: &PairRegions, outlets: &[Option<&str>]) -> Vec<Option<Rule>> {
    let mut rules = Boilerplate::new(scan, outlets);
    for (&pair, list) in regions {
        rules.visit(scan, pair, list);
    }
    rules.finish()
}

/// The boilerplate rules of a scan's clusters, found one article pair at a
/// time (any order): see [`boilerplate`].
pub struct Boilerplate<'a> {
    /// The outlet of each article.
    outlets: &'a [Option<&'a str>],
    /// Whether each cluster's text is mostly page junk.
    junk: Vec<bool>,
    /// The outlet carrying each cluster's text, if one does (see
    /// [`repeated_outlet`]).
    shared_outlet: Vec<Option<&'a str>>,
    /// Clusters found to be an outlet's template, with their rule.
    template: BTreeMap<usize, Rule>,
    /// The template rule of each outlet met.
    rules: BTreeMap<&'a str, Rule>,
}

impl<'a> Boilerplate<'a> {
    /// Nothing visited yet.
    pub fn new(scan: &Scan, outlets: &'a [Option<&'a str>]) -> Self {
        let junk = scan
            .clusters
            .iter()
            .map(|c| {
                let m = c.members[c.center];
                let a = &scan.articles[m.article as usize];
                let ps = &a.paragraphs[m.first as usize..=m.last as usize];
                let junk_words: u32 = ps.iter().filter(|p| p.junk).map(|p| p.words).sum();
                junk_words * 2 > ps.iter().map(|p| p.words).sum::<u32>()
            })
            .collect();
        let shared_outlet = scan
            .clusters
            .iter()
            .map(|c| repeated_outlet(c.members.iter().map(|m| m.article), outlets))
            .collect();
        Boilerplate { outlets, junk, shared_outlet, template: BTreeMap::new(), rules: BTreeMap::new() }
    }

    /// Takes in the regions `list` of articles `x` and `y`: when two pages
    /// of one outlet share only candidate text, and little of either, its
    /// clusters are that outlet's template.
    pub fn visit(&mut self, scan: &Scan, (x, y): (u32, u32), list: &[Region]) {
        let outlets = self.outlets;
        let same = outlets[x as usize].is_some() && outlets[x as usize] == outlets[y as usize];
        let candidate = |origin: Origin| match origin {
            Origin::Cluster(c) => self.junk[c] || self.shared_outlet[c].is_some(),
            _ => false,
        };
        if !same || !list.iter().all(|r| candidate(r.origin)) || !small(scan, x, y, list) {
            return;
        }
        for r in list {
            if let Origin::Cluster(c) = r.origin
                && let Some(outlet) = self.shared_outlet[c]
            {
                let rule = self.rules.entry(outlet).or_insert_with(|| {
                    format!(
                        "template of {outlet}: carried by several of its articles that share nothing else"
                    )
                    .into()
                });
                self.template.entry(c).or_insert_with(|| rule.clone());
            }
        }
    }

    /// Each cluster's rule, once every pair was visited.
    pub fn finish(mut self) -> Vec<Option<Rule>> {
        let junk: Rule =
            "page junk: a short paragraph with a disclaimer, copyright or navigation marker".into();
        (0..self.junk.len())
            .map(|c| self.template.remove(&c).or_else(|| self.junk[c].then(|| junk.clone())))
            .collect()
    }
}

/// An outlet carrying at least two of `articles` (sorted) and at least half
/// of them, if any: text most of whose carriers are one outlet's pages.
fn repeated_outlet<'a>(articles: impl Iterator<Item = u32>, outlets: &[Option<&'a str>]) -> Option<&'a str> {
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    let (mut last, mut unknown) = (None, 0u32);
    for a in articles {
        if last == Some(a) {
            continue;
        }
        last = Some(a);
        match outlets[a as usize] {
            Some(o) => *seen.entry(o).or_default() += 1,
            None => unknown += 1,
        }
    }
    let articles: u32 = seen.values().sum::<u32>() + unknown;
    seen.into_iter().find(|(_, n)| *n >= 2 && 2 * *n >= articles).map(|(o, _)| o)
}

/// Whether regions `list` of articles `x` and `y` cover less than
/// [`TEMPLATE_SHARE`] of each (a word covered by several regions counted
/// once).
fn small(scan: &Scan, x: u32, y: u32, list: &[Region]) -> bool {
    [x, y].iter().enumerate().all(|(side, &a)| {
        let pieces: Vec<Piece> = list.iter().map(|r| Piece::of(r, side)).collect();
        cover(&scan.articles[a as usize], &pieces).words < TEMPLATE_SHARE * words(scan, a) as f64
    })
}

/// Words of article `a`.
pub fn words(scan: &Scan, a: u32) -> u64 {
    scan.articles[a as usize].paragraphs.iter().map(|p| u64::from(p.words)).sum()
}

/// Words of article `a` outside page junk.
pub fn content_words(scan: &Scan, a: u32) -> u64 {
    scan.articles[a as usize].paragraphs.iter().filter(|p| !p.junk).map(|p| u64::from(p.words)).sum()
}

/// Whether region `r` is boilerplate, given the clusters' verdicts.
pub fn is_boilerplate(r: &Region, clusters: &[Option<Rule>]) -> bool {
    match r.origin {
        Origin::Cluster(c) => clusters[c].is_some(),
        _ => r.junk[0] && r.junk[1],
    }
}

/// The kind of region `r` of a pair; `syndicated` says whether the pair is
/// a syndication (rule 3).
pub fn region_kind(r: &Region, clusters: &[Option<Rule>], syndicated: bool) -> Decided {
    let (kind, rule) = region_rule(r, clusters, syndicated);
    Decided { kind, rule: rule.into() }
}

/// [`region_kind`], with the rule borrowed.
pub fn region_rule<'a>(r: &Region, clusters: &'a [Option<Rule>], syndicated: bool) -> (Kind, &'a str) {
    if let Origin::Cluster(c) = r.origin
        && let Some(rule) = &clusters[c]
    {
        return (Kind::Boilerplate, rule);
    }
    if is_boilerplate(r, clusters) {
        return (Kind::Boilerplate, "page junk on both sides");
    }
    if syndicated && r.similarity() >= ALIKE_SIMILARITY {
        return (Kind::Syndication, "one article is largely the other's text");
    }
    if r.quoted[0] >= 0.5 || r.quoted[1] >= 0.5 {
        return (Kind::Quote, "inside quotation marks");
    }
    if r.similarity() >= COPIED_SIMILARITY {
        return (Kind::Syndication, "wording copied nearly as is");
    }
    (Kind::Rewrite, "the same sentences reworded")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Span;

    fn region(words: [u32; 2], kept: u32) -> Region {
        let span = Span { start: 0, end: 10 };
        Region {
            origin: Origin::Passage(0),
            spans: [span; 2],
            words,
            kept,
            quoted: [0.0; 2],
            junk: [false; 2],
        }
    }

    #[test]
    fn a_region_barely_alike_is_no_syndication_in_a_syndicated_pair() {
        // One sentence aligned with a gallery of captions (Helsinki 5379 / 8358).
        let (kind, rule) = region_rule(&region([11, 739], 8), &[], true);
        assert_eq!(kind, Kind::Rewrite, "{rule}");
        // Wording kept in a syndicated pair is syndication, however reworded
        // its neighbours are.
        assert_eq!(region_rule(&region([40, 44], 30), &[], true).0, Kind::Syndication);
        assert_eq!(region_rule(&region([40, 44], 30), &[], false).0, Kind::Syndication);
        assert_eq!(region_rule(&region([40, 44], 20), &[], false).0, Kind::Rewrite);
    }
}
