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
use regions::{Origin, Region, Without};

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
        outlets.iter().map(|o| o.map(names::outlet_keys).unwrap_or_default()).collect();
    let mut pairs: Vec<Pair> = regions
        .into_iter()
        .map(|((a, b), list)| pair(scan, (a, b), list, &boilerplate, (&outlets, &keys)))
        .collect();
    shared_edits(scan, &mut pairs, &keys);
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

/// Regions held at once by [`clusters_only`]: about 80 bytes each in the
/// list, and again once split into pairs and regions, so about 40 MB.
const REGIONS_AT_ONCE: u64 = 1 << 18;

/// The kind of each cluster of `scan`, as [`analyze`] decides it, without
/// what else provenance says (pairs, directions, views): what `clean`
/// needs. The regions are built for a range of articles at a time, so
/// memory stays bounded however many article pairs share text.
pub fn clusters_only(scan: &Scan) -> Vec<Decided> {
    clusters_only_without(scan, &Without::default())
}

/// [`clusters_only`], as if the scan had not the block matches and
/// passages `without` names.
pub fn clusters_only_without(scan: &Scan, without: &Without) -> Vec<Decided> {
    clusters_only_by(scan, without, REGIONS_AT_ONCE)
}

/// [`clusters_only_without`], holding about `at_once` regions at a time.
fn clusters_only_by(scan: &Scan, without: &Without, at_once: u64) -> Vec<Decided> {
    let ranges = article_ranges(&regions::regions_per_article(scan, without), at_once);
    let outlets = kinds::outlets(scan);
    let mut rules = kinds::Boilerplate::new(scan, &outlets);
    for range in &ranges {
        each_pair(regions::regions_from(scan, range.clone(), false, without), |pair, list| {
            rules.visit(scan, pair, list);
        });
    }
    let boilerplate = rules.finish();
    let mut counts = vec![[0u32; 5]; scan.clusters.len()];
    for range in ranges {
        each_pair(regions::regions_from(scan, range, true, without), |pair, list| {
            let (_, covered) = coverage(scan, pair, list, &boilerplate);
            let syndicated = covered.iter().any(|&c| c >= kinds::SYNDICATED_SHARE);
            for r in list {
                if let Origin::Cluster(c) = r.origin {
                    counts[c][kinds::region_rule(r, &boilerplate, syndicated).0 as usize] += 1;
                }
            }
        });
    }
    cluster_kinds(scan, &counts, &boilerplate)
}

/// Calls `each` with every article pair of `list` and its regions, in
/// order: the list is split once into pairs and regions, and each pair's
/// regions are a slice of the latter (no vector per pair).
fn each_pair(list: regions::RegionList, mut each: impl FnMut((u32, u32), &[Region])) {
    let (keys, regions): (Vec<(u32, u32)>, Vec<Region>) = list.into_iter().unzip();
    let mut start = 0;
    for group in keys.chunk_by(|x, y| x == y) {
        each(group[0], &regions[start..start + group.len()]);
        start += group.len();
    }
}

/// Consecutive ranges of first articles, each beginning at most `at_once`
/// regions (or one article's, if more), covering every article.
fn article_ranges(per_article: &[u64], at_once: u64) -> Vec<std::ops::Range<u32>> {
    let mut ranges = Vec::new();
    let (mut start, mut held) = (0usize, 0u64);
    for (a, &n) in per_article.iter().enumerate() {
        if held > 0 && held + n > at_once {
            ranges.push(start as u32..a as u32);
            (start, held) = (a, 0);
        }
        held += n;
    }
    ranges.push(start as u32..per_article.len() as u32);
    ranges
}

/// One pair: kinds of its regions, relation, measures and direction.
fn pair(
    scan: &Scan,
    (a, b): (u32, u32),
    list: Vec<Region>,
    boilerplate: &[Option<kinds::Rule>],
    (outlets, keys): (&[Option<&str>], &[Vec<String>]),
) -> Pair {
    let (shared, covered) = coverage(scan, (a, b), &list, boilerplate);
    let (mut kept, mut quoted) = (0u64, [0f64; 2]);
    for r in list.iter().filter(|r| !kinds::is_boilerplate(r, boilerplate)) {
        for (side, q) in quoted.iter_mut().enumerate() {
            *q += f64::from(r.quoted[side]) * f64::from(r.words[side]);
        }
        kept += u64::from(r.kept);
    }
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

/// Share of `x` in `all`, at most 1.
fn share(x: f64, all: u64) -> f64 {
    if all == 0 { 0.0 } else { (x / all as f64).min(1.0) }
}

/// Words of shared text other than boilerplate in the regions `list` of
/// articles `a` and `b`, per side, and the share of each article's words
/// (page junk aside) they are.
fn coverage(
    scan: &Scan,
    (a, b): (u32, u32),
    list: &[Region],
    boilerplate: &[Option<kinds::Rule>],
) -> ([u64; 2], [f64; 2]) {
    let content = [kinds::content_words(scan, a), kinds::content_words(scan, b)];
    let mut shared = [0u64; 2];
    for r in list.iter().filter(|r| !kinds::is_boilerplate(r, boilerplate)) {
        for (side, n) in shared.iter_mut().enumerate() {
            *n += u64::from(r.words[side]);
        }
    }
    (shared, [share(shared[0] as f64, content[0]), share(shared[1] as f64, content[1])])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Words of a made-up language, drawn by a fixed generator.
    struct Words(u64);

    impl Words {
        fn sentence(&mut self, n: usize) -> String {
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let w = (self.0 >> 33) % 5000;
                out.push(format!("w{w}o"));
            }
            out.join(" ") + "."
        }
    }

    /// A corpus with outlet templates, syndicated copies, quoted passages
    /// and repeats, as JSON Lines.
    fn corpus() -> String {
        let mut words = Words(7);
        let templates: Vec<String> = (0..3).map(|_| words.sentence(30)).collect();
        let stories: Vec<Vec<String>> =
            (0..6).map(|_| (0..6).map(|_| words.sentence(40)).collect()).collect();
        let mut lines = Vec::new();
        for i in 0..40usize {
            let outlet = (i / 6) % 3;
            let story = &stories[i % stories.len()];
            let mut paras: Vec<String> = (0..6).map(|_| words.sentence(35)).collect();
            paras.push(format!("\"{}\"", story[i % 2]));
            if i % 4 == 0 {
                paras.extend(story[2..].iter().cloned());
            }
            if i % 5 == 0 {
                paras.push(story[3].replace("w12", "x12"));
            }
            if i % 7 == 0 {
                paras.push(paras[1].clone());
            }
            paras.push(templates[outlet].clone());
            let text = paras.join("\n\n");
            lines.push(serde_json::json!({"id": format!("a{i}"), "outlet": format!("outlet {outlet}"), "text": text}).to_string());
        }
        lines.join("\n")
    }

    #[test]
    fn cluster_kinds_alone_match_the_full_analysis_however_the_regions_are_split() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("made.jsonl"), corpus()).expect("write");
        let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for (path, mix) in [(dir.path().to_path_buf(), 4), (bundled, 2)] {
            let scan = crate::pipeline::scan(&Config::new(vec![path.clone()])).expect("scan");
            let full = analyze(&scan).clusters;
            let kinds: std::collections::BTreeSet<Kind> = full.iter().map(|d| d.kind).collect();
            assert!(kinds.len() >= mix, "{path:?}: a mix of kinds to compare: {kinds:?}");
            let regions = regions::regions_per_article(&scan, &Without::default());
            assert!(
                regions.iter().filter(|&&n| n > 0).count() > 2,
                "{path:?}: regions begin in many articles"
            );
            for at_once in [1, 3, 50, REGIONS_AT_ONCE] {
                assert_eq!(
                    clusters_only_by(&scan, &Without::default(), at_once),
                    full,
                    "{path:?}, {at_once} regions at once"
                );
            }
        }
    }

    #[test]
    fn matches_left_out_count_as_matches_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("made.jsonl"), corpus()).expect("write");
        let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut seen = [0, 0];
        for path in [dir.path().to_path_buf(), bundled] {
            let scan = crate::pipeline::scan(&Config::new(vec![path.clone()])).expect("scan");
            seen[0] += scan.blocks.len();
            seen[1] += scan.passages.len();
            for keep in [0, 1, 2] {
                let out = |i: usize| i % 3 != keep;
                let without = Without {
                    blocks: (0..scan.blocks.len()).map(out).collect(),
                    passages: (0..scan.passages.len()).map(out).collect(),
                };
                let mut fewer = crate::pipeline::scan(&Config::new(vec![path.clone()])).expect("scan");
                let mut i = 0..;
                fewer.blocks.retain(|_| !out(i.next().unwrap_or(0)));
                let mut i = 0..;
                fewer.passages.retain(|_| !out(i.next().unwrap_or(0)));
                let expected = clusters_only(&fewer);
                assert_eq!(clusters_only_without(&scan, &without), expected, "{path:?}, keeping {keep} of 3");
                assert_eq!(
                    regions::regions_per_article(&scan, &without),
                    regions::regions_per_article(&fewer, &Without::default())
                );
            }
        }
        assert!(seen[0] > 2 && seen[1] > 2, "block matches and passages to leave out: {seen:?}");
    }

    #[test]
    fn article_ranges_cover_every_article_and_hold_at_most_the_budget() {
        let per_article = [0, 4, 1, 1, 9, 0, 2, 2, 0];
        let ranges = article_ranges(&per_article, 4);
        assert_eq!(ranges, [0..2, 2..4, 4..5, 5..9]);
        assert_eq!(article_ranges(&[], 4), vec![0..0], "one empty range");
    }
}
