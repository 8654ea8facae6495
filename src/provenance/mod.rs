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

pub mod direction;
pub mod kinds;
pub mod names;
pub mod regions;
pub mod signals;
pub mod time;
pub mod views;

use direction::{Direction, Side};
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
    /// Words of shared text other than boilerplate, per side.
    pub shared_words: [u64; 2],
    /// Share of each article's words (page junk aside) in that text.
    pub covered: [f64; 2],
    /// Share of the shared words changed: `1 - kept / min(words a, words
    /// b)`, kept words being those kept in order (word level), so a copy
    /// that took a short part of a long text unchanged counts as unchanged.
    pub changed: f64,
    /// Who took from whom.
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
        outlets.iter().map(|o| o.as_deref().map(names::outlet_keys).unwrap_or_default()).collect();
    let mut pairs: Vec<Pair> = regions
        .into_iter()
        .map(|((a, b), list)| pair(scan, (a, b), list, &boilerplate, (&outlets, &keys)))
        .collect();
    shared_edits(scan, &mut pairs, &keys);
    let clusters = cluster_kinds(scan, &pairs, &boilerplate);
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
    boilerplate: &[Option<String>],
    (outlets, keys): (&[Option<String>], &[Vec<String>]),
) -> Pair {
    let content = [kinds::content_words(scan, a), kinds::content_words(scan, b)];
    let mut shared = [0u64; 2];
    let (mut kept, mut quoted) = (0u64, [0f64; 2]);
    for r in list.iter().filter(|r| !kinds::is_boilerplate(r, boilerplate)) {
        for side in 0..2 {
            shared[side] += u64::from(r.words[side]);
            quoted[side] += f64::from(r.quoted[side]) * f64::from(r.words[side]);
        }
        kept += u64::from(r.kept);
    }
    let share = |x: f64, all: u64| if all == 0 { 0.0 } else { (x / all as f64).min(1.0) };
    let covered = [share(shared[0] as f64, content[0]), share(shared[1] as f64, content[1])];
    let syndicated = covered.iter().any(|&c| c >= kinds::SYNDICATED_SHARE);
    let regions: Vec<(Region, Decided)> = list
        .into_iter()
        .map(|r| {
            let d = kinds::region_kind(&r, boilerplate, syndicated);
            (r, d)
        })
        .collect();
    let side = |x: u32, i: usize| {
        let article = &scan.articles[x as usize];
        Side {
            id: &article.meta.id,
            outlet: outlets[x as usize].as_deref(),
            outlet_keys: &keys[x as usize],
            time: article
                .meta
                .date
                .as_deref()
                .and_then(time::parse)
                .map(|t| (t, article.meta.date_is_scrape))
                .or(article.signals.dateline.map(|t| (t, false))),
            named: &article.signals.named,
            covered: covered[i],
            quoted: share(quoted[i], shared[i]),
        }
    };
    let direction = direction::direction(&side(a, 0), &side(b, 1));
    let fewer = shared[0].min(shared[1]) as f64;
    Pair {
        a,
        b,
        relation: relation(&regions),
        regions,
        shared_words: shared,
        covered,
        changed: if fewer == 0.0 { 0.0 } else { (1.0 - kept as f64 / fewer).max(0.0) },
        direction,
    }
}

/// Stemmatics' shared-innovation test, for common-source verdicts whose
/// source is in the corpus: when the two articles are closer to each other
/// than either is to the source's article, they share edits the source
/// lacks, so one took the text from the other, not both from the source.
/// The evidence then points the way the times do (and nowhere without
/// times).
fn shared_edits(scan: &Scan, pairs: &mut [Pair], keys: &[Vec<String>]) {
    let find = |pairs: &[Pair], x: u32, y: u32| {
        let key = (x.min(y), x.max(y));
        pairs
            .binary_search_by_key(&key, |p| (p.a, p.b))
            .ok()
            .filter(|&i| pairs[i].relation != Kind::Boilerplate)
    };
    let mut carriers: std::collections::HashMap<String, Vec<u32>> = Default::default();
    for i in 0..pairs.len() {
        let p = &pairs[i];
        let Some(source) = p.direction.source.clone() else { continue };
        let time = p.direction.evidence.iter().find(|e| e.signal == "time").map(|e| e.favours);
        let (Some(favours), direction::Verdict::CommonSource) = (time, p.direction.verdict) else { continue };
        let of_source = carriers.entry(source.clone()).or_insert_with(|| {
            (0..keys.len() as u32).filter(|&w| names::names_outlet(&source, &keys[w as usize])).collect()
        });
        let origin = of_source.iter().copied().filter(|&w| w != p.a && w != p.b).find_map(|w| {
            let (wa, wb) = (find(pairs, w, p.a)?, find(pairs, w, p.b)?);
            Some((w, pairs[wa].changed, pairs[wb].changed))
        });
        let Some((w, to_a, to_b)) = origin else { continue };
        if p.changed + 0.01 >= to_a.min(to_b) {
            continue;
        }
        let detail = format!(
            "the two differ in {:.0}% of the shared words, less than either differs from {source}'s article {}              ({:.0}%, {:.0}%): they share edits it lacks",
            p.changed * 100.0,
            scan.articles[w as usize].meta.id,
            to_a * 100.0,
            to_b * 100.0
        );
        let extra = direction::Evidence { signal: "shared_edits", favours, weight: 3.0, detail };
        pairs[i].direction = direction::with_evidence(&pairs[i].direction, extra);
    }
}

/// The kind holding most shared words of a pair (`boilerplate` only when
/// nothing else is shared).
fn relation(regions: &[(Region, Decided)]) -> Kind {
    let mut words: Vec<(Kind, u64)> = Vec::new();
    for (r, d) in regions.iter().filter(|(_, d)| d.kind != Kind::Boilerplate) {
        let w = u64::from(r.words[0] + r.words[1]);
        match words.iter_mut().find(|(k, _)| *k == d.kind) {
            Some((_, n)) => *n += w,
            None => words.push((d.kind, w)),
        }
    }
    words.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    words.first().map_or(Kind::Boilerplate, |w| w.0)
}

/// Kind of each cluster: `repeat` inside one article, its boilerplate rule,
/// else the kind most of its regions got.
fn cluster_kinds(scan: &Scan, pairs: &[Pair], boilerplate: &[Option<String>]) -> Vec<Decided> {
    let mut counts = vec![[0u32; 5]; scan.clusters.len()];
    for p in pairs {
        for (r, d) in &p.regions {
            if let Origin::Cluster(c) = r.origin {
                counts[c][d.kind as usize] += 1;
            }
        }
    }
    scan.clusters
        .iter()
        .enumerate()
        .map(|(c, cluster)| {
            if cluster.members.iter().all(|m| m.article == cluster.members[0].article) {
                return Decided { kind: Kind::Repeat, rule: "all places are in one article".into() };
            }
            if let Some(rule) = &boilerplate[c] {
                return Decided { kind: Kind::Boilerplate, rule: rule.clone() };
            }
            let order = [Kind::Syndication, Kind::Quote, Kind::Rewrite];
            let kind =
                order.into_iter().max_by_key(|k| (counts[c][*k as usize], std::cmp::Reverse(*k as usize)));
            let kind = kind.unwrap_or(Kind::Syndication);
            Decided { kind, rule: format!("most of its article pairs are {}", kind.name()) }
        })
        .collect()
}
