//! The kind of each cluster alone, as [`analyze`](super::analyze) decides it,
//! with the regions built a range of articles at a time: what `clean`
//! needs, in bounded memory.

use super::kinds::Decided;
use super::regions::{Origin, Region, Without};
use super::{cluster_kinds, coverage, kinds, regions};
use crate::pipeline::Scan;

/// Regions held at once by [`clusters_only`]: about 80 bytes each in the
/// list, and again once split into pairs and regions, so about 40 MB.
const REGIONS_AT_ONCE: u64 = 1 << 18;

/// The kind of each cluster of `scan`, as [`analyze`](super::analyze) decides it, without
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
            let covered = coverage(scan, pair, list, &boilerplate).covered;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::provenance::analyze;
    use crate::provenance::kinds::Kind;
    use crate::provenance::testing::Words;

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
