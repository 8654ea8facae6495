//! Provenance: a scan's clusters, matches, passages and article signals ->
//! what kind of reuse each is, who copied whom (with the evidence), and
//! per-article, per-outlet and per-story views.
//!
//! 1. [`regions`]: the text each pair of articles shares;
//! 2. [`kinds`]: boilerplate clusters, then the kind of every region and
//!    the relation of every pair;
//! 3. [`direction`]: who took from whom, from [`signals`] kept at sketch
//!    time (sources named, datelines), record dates and the regions;
//! 4. [`views`]: per article, per outlet, per story.

mod clusters;
pub mod cover;
pub mod credits;
pub mod direction;
pub mod kinds;
pub mod names;
pub mod places;
pub mod regions;
mod shared_edits;
pub mod signals;
#[cfg(test)]
mod testing;
pub mod time;
pub mod views;

pub use clusters::{clusters_only, clusters_only_without};

use direction::{Direction, Reach, Side, Verdict};
use kinds::{Decided, Kind};
use regions::{Origin, Region};

use crate::pipeline::Scan;

/// One pair of articles sharing text.
#[derive(Clone, Debug)]
pub struct Pair {
    /// The earlier article in report order.
    pub a: u32,
    /// The later one.
    pub b: u32,
    /// What they share, each piece with its kind.
    pub regions: Vec<(Region, Decided)>,
    /// The pair's relation: `boilerplate` when that is all they share, else
    /// the kind holding most of their shared words.
    pub relation: Kind,
    /// Words of shared text other than boilerplate, per side, each word of
    /// the article counted once however many regions cover it ([`cover`]).
    pub shared_words: [u64; 2],
    /// Share of each article's words (page junk aside) in that text.
    pub covered: [f64; 2],
    /// Share of the shared words changed: `1 - kept / min(words a, words
    /// b)` of each region, kept words being those kept in order (word
    /// level), so a copy that took a short part of a long text unchanged
    /// counts as unchanged; regions weighted by their words counted in
    /// `shared_words`.
    pub changed: f64,
    /// Who took from whom: `undetermined`, with no evidence, for a pair
    /// sharing only boilerplate.
    pub direction: Direction,
}

/// Everything provenance says about a scan.
#[derive(Clone, Debug)]
pub struct Provenance {
    /// Kind of each cluster of the scan (same order).
    pub clusters: Vec<Decided>,
    /// Pairs of articles sharing text, by `(a, b)`.
    pub pairs: Vec<Pair>,
    /// Per article.
    pub articles: Vec<views::ArticleView>,
    /// Outlet -> outlet reuse, heaviest first.
    pub outlet_edges: Vec<views::OutletEdge>,
    /// Groups of articles telling the same story, largest first.
    pub stories: Vec<views::Story>,
}

impl Provenance {
    /// The kind decided for the region of `origin` between articles `a` and
    /// `b` (`a < b`).
    pub fn kind_of(&self, a: u32, b: u32, origin: Origin) -> Option<&Decided> {
        let i = self.pairs.binary_search_by_key(&(a, b), |p| (p.a, p.b)).ok()?;
        self.pairs[i].regions.iter().find(|(r, _)| r.origin == origin).map(|(_, d)| d)
    }
}

/// Provenance of `scan`.
pub fn analyze(scan: &Scan) -> Provenance {
    let regions = regions::regions(scan);
    let outlets = kinds::outlets(scan);
    let boilerplate = kinds::boilerplate(scan, &regions, &outlets);
    let keys: Vec<Vec<String>> =
        outlets.iter().map(|o| o.map(names::outlet_keys).unwrap_or_default()).collect();
    // What each article's credits say of it, decided once, not once per pair.
    let pages: Vec<Page> =
        (0..scan.articles.len() as u32).map(|x| page(scan, x, &keys[x as usize])).collect();
    let mut pairs: Vec<Pair> = regions
        .into_iter()
        .map(|((a, b), list)| pair(scan, (a, b), list, &boilerplate, (&outlets, &keys, &pages)))
        .collect();
    shared_edits::shared_edits(scan, &mut pairs, &keys);
    let mut counts = vec![[0u32; 5]; scan.clusters.len()];
    for (r, d) in pairs.iter().flat_map(|p| &p.regions) {
        if let Origin::Cluster(c) = r.origin {
            counts[c][d.kind as usize] += 1;
        }
    }
    let clusters = cluster_kinds(scan, &counts, &boilerplate);
    let articles = views::articles(scan, &pairs);
    let outlet_edges = views::outlet_edges(scan, &pairs, &outlets);
    let stories = views::stories(scan, &pairs, &keys);
    Provenance { clusters, pairs, articles, outlet_edges, stories }
}

/// One pair: kinds of its regions, relation, measures and direction.
fn pair(
    scan: &Scan,
    (a, b): (u32, u32),
    list: Vec<Region>,
    boilerplate: &[Option<kinds::Rule>],
    (outlets, keys, pages): (&[Option<&str>], &[Vec<String>], &[Page]),
) -> Pair {
    let measured = coverage(scan, (a, b), &list, boilerplate);
    let syndicated = measured.covered.iter().any(|&c| c >= kinds::SYNDICATED_SHARE);
    let regions: Vec<(Region, Decided)> = list
        .into_iter()
        .map(|r| {
            let d = kinds::region_kind(&r, boilerplate, syndicated);
            (r, d)
        })
        .collect();
    let relation = relation(&regions, &measured.counted);
    let side = |x: u32, i: usize| {
        let article = &scan.articles[x as usize];
        Side {
            id: &article.meta.id,
            outlet: outlets[x as usize],
            outlet_keys: &keys[x as usize],
            time: article
                .meta
                .date
                .as_deref()
                .and_then(time::parse)
                .map(|t| (t, article.meta.date_is_scrape))
                .or(article.signals.dateline.map(|t| (t, false))),
            named: &article.signals.named,
            shared: regions::paragraphs_of(
                article,
                regions.iter().filter(|(_, d)| d.kind != Kind::Boilerplate).map(|(r, _)| r.spans[i]),
            ),
            covered: measured.covered[i],
            quoted: measured.quoted[i],
            reach: pages[x as usize].reach,
        }
    };
    let changed = changed(&regions, &measured.counted);
    let page = same_page((outlets[a as usize], outlets[b as usize]), &measured, changed).or_else(|| {
        (pages[a as usize].digest && pages[b as usize].digest).then(|| digests(scan, (a, b), keys))
    });
    // Shared template text is not evidence that one copied the other.
    // Nor is one article published twice, nor two pages of snippets from
    // the same outlets: no verdict, only what says so.
    let direction = if relation == Kind::Boilerplate || page.is_some() {
        Direction {
            verdict: Verdict::Undetermined,
            source: None,
            confidence: 0.0,
            evidence: page.into_iter().collect(),
        }
    } else {
        direction::direction(&side(a, 0), &side(b, 1))
    };
    Pair {
        a,
        b,
        relation,
        changed,
        regions,
        shared_words: measured.shared,
        covered: measured.covered,
        direction,
    }
}

/// Share of each article a pair of one outlet must share for it to be one
/// article published (or captured) twice.
const SAME_PAGE_SHARE: f64 = 0.8;

/// Most of the shared words changed for that.
const SAME_PAGE_CHANGED: f64 = 0.1;

/// Two articles of one outlet that are nearly all the same text, nearly
/// unchanged, are one article published or captured twice (a scrape that
/// visited a page twice, an update): not a copy, and not two carriers of a
/// common source. The evidence that says so, if they are.
fn same_page(
    outlets: (Option<&str>, Option<&str>),
    measured: &Coverage,
    changed: f64,
) -> Option<direction::Evidence> {
    let (Some(outlet), Some(other)) = outlets else { return None };
    let whole = measured.covered.iter().all(|&c| c >= SAME_PAGE_SHARE);
    if outlet != other || !whole || changed > SAME_PAGE_CHANGED {
        return None;
    }
    let detail = format!(
        "both are {outlet} and share {:.0}% / {:.0}% of their text, {:.0}% of it changed: one article published or captured twice, not a copy",
        measured.covered[0] * 100.0,
        measured.covered[1] * 100.0,
        changed * 100.0
    );
    Some(direction::Evidence {
        signal: "same_page",
        favours: direction::Favours::Common,
        weight: 0.0,
        detail,
    })
}

/// Third sources an article must credit in credit positions to be a page
/// of snippets from other outlets (a digest, such as a news aggregator's
/// page): an ordinary article credits its text to one source, or two
/// ("Associated Press" and "EFE" in a two-agency report).
const DIGEST_CREDITS: usize = 3;

/// What an article's credits say of its page.
#[derive(Clone, Copy, Debug)]
struct Page {
    /// It credits [`DIGEST_CREDITS`] or more third sources: a page of
    /// snippets from other outlets.
    digest: bool,
    /// How far its credits reach: each only over its own piece on a
    /// digest; a label line only over its own piece on a page whose label
    /// lines name two or more third sources (a photo gallery with each
    /// picture's agency, a newsletter with each item's outlet); otherwise
    /// over the whole text.
    reach: Reach,
}

/// The [`Page`] of `article`, whose outlet answers to `keys`.
fn page(scan: &Scan, article: u32, keys: &[String]) -> Page {
    let digest = credited_sources(scan, article, keys).len() >= DIGEST_CREDITS;
    let named = &scan.articles[article as usize].signals.named;
    let labelled = named
        .iter()
        .filter(|n| n.places.iter().any(|p| p.whole && p.label) && !names::names_outlet(&n.name, keys))
        .count();
    let reach = match (digest, labelled >= 2) {
        (true, _) => Reach::Pieces,
        (false, true) => Reach::Labels,
        (false, false) => Reach::Whole,
    };
    Page { digest, reach }
}

/// The third sources `article` credits in credit positions (bylines,
/// dateline credits, credit lines, an outlet's name alone on a line),
/// in text order.
fn credited_sources<'s>(scan: &'s Scan, article: u32, keys: &[String]) -> Vec<&'s str> {
    let named = &scan.articles[article as usize].signals.named;
    named
        .iter()
        .filter(|n| n.credits_all().is_some() && !names::names_outlet(&n.name, keys))
        .map(|n| n.name.as_str())
        .collect()
}

/// Two digests (pages of snippets, each credited to its outlet) share
/// those outlets' text: neither copied the other, and the sources both
/// credit are the snippets' sources, not one source of the pair. The
/// evidence that says so, for two digests.
fn digests(scan: &Scan, (a, b): (u32, u32), keys: &[Vec<String>]) -> direction::Evidence {
    let credits = [a, b].map(|x| credited_sources(scan, x, &keys[x as usize]));
    let ids = [a, b].map(|x| scan.articles[x as usize].meta.id.as_str());
    let list = |c: &[&str]| {
        let shown = c.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        if c.len() > 4 { format!("{shown}, …") } else { shown }
    };
    let detail = format!(
        "both are pages of snippets from other outlets: {} credits {} sources ({}), {} credits {} ({}); what they share is those outlets' text, not a copy of either",
        ids[0],
        credits[0].len(),
        list(&credits[0]),
        ids[1],
        credits[1].len(),
        list(&credits[1])
    );
    direction::Evidence { signal: "digest", favours: direction::Favours::Common, weight: 0.0, detail }
}

/// What the regions of a pair other than boilerplate cover, each word of
/// either article counted once however many regions cover it
/// ([`cover`]).
pub(crate) struct Coverage {
    /// Words covered on each side.
    pub shared: [u64; 2],
    /// Share of each article's words (page junk aside) covered.
    pub covered: [f64; 2],
    /// Share of each side's covered words inside quotation marks.
    pub quoted: [f64; 2],
    /// For each region, its words counted in `shared` over its words (0
    /// for boilerplate): 1 for a region no other overlaps.
    pub counted: Vec<f64>,
}

/// [`Coverage`] of the regions `list` of articles `a` and `b`.
pub(crate) fn coverage(
    scan: &Scan,
    (a, b): (u32, u32),
    list: &[Region],
    boilerplate: &[Option<kinds::Rule>],
) -> Coverage {
    let shared: Vec<usize> =
        (0..list.len()).filter(|&i| !kinds::is_boilerplate(&list[i], boilerplate)).collect();
    let side = |x: u32, s: usize| {
        let pieces: Vec<cover::Piece> = shared.iter().map(|&i| cover::Piece::of(&list[i], s)).collect();
        cover::cover(&scan.articles[x as usize], &pieces)
    };
    let sides = [side(a, 0), side(b, 1)];
    let mut counted = vec![0.0; list.len()];
    for (k, &i) in shared.iter().enumerate() {
        let words = f64::from(list[i].words[0]) + f64::from(list[i].words[1]);
        let credited = sides[0].credited[k] + sides[1].credited[k];
        counted[i] = if words == 0.0 { 0.0 } else { credited / words };
    }
    let content = [kinds::content_words(scan, a), kinds::content_words(scan, b)];
    Coverage {
        shared: sides.each_ref().map(|c| c.words.round() as u64),
        covered: [0, 1].map(|s| share(sides[s].content, content[s])),
        quoted: sides.each_ref().map(|c| if c.words == 0.0 { 0.0 } else { c.quoted / c.words }),
        counted,
    }
}

/// Share of `x` in `all` (0 when `all` is 0).
fn share(x: f64, all: u64) -> f64 {
    if all == 0 { 0.0 } else { x / all as f64 }
}

/// Share of the shared words changed: `1 - kept / min(words a, words b)`
/// over the regions, each weighted by the share of its words `counted`.
fn changed(regions: &[(Region, Decided)], counted: &[f64]) -> f64 {
    let (mut kept, mut fewer) = (0.0, 0.0);
    for ((r, _), &w) in regions.iter().zip(counted) {
        kept += w * f64::from(r.kept.min(r.words[0].min(r.words[1])));
        fewer += w * f64::from(r.words[0].min(r.words[1]));
    }
    if fewer == 0.0 { 0.0 } else { 1.0 - kept / fewer }
}

/// The kind holding most shared words of a pair, each region's words
/// weighted by the share of them `counted` (`boilerplate` only when nothing
/// else is shared).
fn relation(regions: &[(Region, Decided)], counted: &[f64]) -> Kind {
    let mut words: Vec<(Kind, f64)> = Vec::new();
    for ((r, d), &c) in regions.iter().zip(counted).filter(|((_, d), _)| d.kind != Kind::Boilerplate) {
        let w = c * f64::from(r.words[0] + r.words[1]);
        match words.iter_mut().find(|(k, _)| *k == d.kind) {
            Some((_, n)) => *n += w,
            None => words.push((d.kind, w)),
        }
    }
    words.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    words.first().map_or(Kind::Boilerplate, |w| w.0)
}

/// Kind of each cluster: `repeat` inside one article, its boilerplate rule,
/// else the kind most of its regions got (`counts`: regions of each kind).
fn cluster_kinds(scan: &Scan, counts: &[[u32; 5]], boilerplate: &[Option<kinds::Rule>]) -> Vec<Decided> {
    let one_article: kinds::Rule = "all places are in one article".into();
    let order = [Kind::Syndication, Kind::Quote, Kind::Rewrite];
    let most: Vec<kinds::Rule> =
        order.iter().map(|k| format!("most of its article pairs are {}", k.name()).into()).collect();
    scan.clusters
        .iter()
        .enumerate()
        .map(|(c, cluster)| {
            if cluster.members.iter().all(|m| m.article == cluster.members[0].article) {
                return Decided { kind: Kind::Repeat, rule: one_article.clone() };
            }
            if let Some(rule) = &boilerplate[c] {
                return Decided { kind: Kind::Boilerplate, rule: rule.clone() };
            }
            let (i, kind) = order
                .into_iter()
                .enumerate()
                .max_by_key(|(_, k)| (counts[c][*k as usize], std::cmp::Reverse(*k as usize)))
                .unwrap_or((0, Kind::Syndication));
            Decided { kind, rule: most[i].clone() }
        })
        .collect()
}
