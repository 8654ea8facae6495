//! Settle: a scan -> a plan that a second clean would not add to.
//!
//! Whether a cluster is boilerplate depends on the rest of the corpus: an
//! outlet's template must be carried by at least half of the articles
//! carrying the text. Dropping near-duplicate articles changes those
//! counts, so a paragraph shared by a wire story, two of its near-duplicate
//! copies and two pages of one outlet is not boilerplate (2 of 5 carriers)
//! until the copies are dropped (2 of 3) — and a second clean would then
//! remove it. Page junk likewise depends on position (a marker counts only
//! in the first 2 or last 4 paragraphs), so removing a footer can bring a
//! paragraph holding "cookie" into the last four. (Both found on generated
//! corpora of 2,000 articles.)
//!
//! So the plan is made, then provenance is asked again about the corpus as
//! the plan leaves it (dropped articles and removed paragraphs taken out of
//! the clusters, block matches and passages, junk judged at the edges of
//! the paragraphs left), and clusters it now calls
//! boilerplate are added; near-duplicates are decided again with those
//! marks, until nothing changes (a few rounds at most).

use super::Policy;
use super::plan::{Fate, Plan, plan};
use crate::cluster::{Cluster, Occurrence};
use crate::pipeline::Scan;
use crate::provenance::regions::Without;
use crate::provenance::signals::{JUNK_HEAD, JUNK_TAIL};
use crate::provenance::{self, kinds::Decided, kinds::Kind as Reuse};
use crate::segment::Span;

/// Rounds after which the plan is taken as it is.
const MAX_ROUNDS: usize = 4;

/// The plan for `scan`, settled (see the module doc). `scan` is lent to
/// provenance with parts of it taken out, and given back unchanged.
pub fn settled(scan: &mut Scan, policy: &Policy) -> Plan {
    let mut kinds = provenance::clusters_only(scan);
    crate::pipeline::memory::give_back();
    let mut current = plan(scan, &kinds, policy);
    for _ in 0..MAX_ROUNDS {
        let later = boilerplate_after(scan, &current);
        let mut changed = false;
        for (kind, decided) in kinds.iter_mut().zip(later) {
            if let Some(decided) = decided.filter(|_| kind.kind != Reuse::Boilerplate) {
                *kind = decided;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        // Not two plans at once (about 150 MB each at a million articles).
        drop(current);
        crate::pipeline::memory::give_back();
        current = plan(scan, &kinds, policy);
    }
    current
}

/// For each cluster of `scan`, its boilerplate verdict once `plan` is
/// applied (`None`: not boilerplate, or no longer in two places).
fn boilerplate_after(scan: &mut Scan, plan: &Plan) -> Vec<Option<Decided>> {
    let gone = gone_paragraphs(scan, plan);
    let dropped: Vec<bool> = plan.fates.iter().map(|f| matches!(f, Fate::Drop(_))).collect();
    let saved = take_out(scan, &gone, &dropped);
    // Each round's regions and marks come on top of what the scan holds;
    // what the last round freed is given back first (at a million
    // articles, 0.5 GB of freed memory was otherwise still resident).
    crate::pipeline::memory::give_back();
    let kinds = provenance::clusters_only_without(scan, &saved.without);
    let mut out = vec![None; scan.clusters.len() + saved.clusters.len()];
    for (decided, &c) in kinds.into_iter().zip(&saved.origin) {
        out[c] = (decided.kind == Reuse::Boilerplate).then_some(decided);
    }
    put_back(scan, saved);
    out
}

/// What [`take_out`] changed in a scan: only what was taken out or
/// changed, so that asking again costs little beyond what the scan holds.
struct Saved {
    /// Clusters left with fewer than two members, with their places.
    clusters: Vec<(usize, Cluster)>,
    /// Each cluster that lost members.
    members: Vec<Trimmed>,
    /// Block matches and passages to leave out of the regions.
    without: Without,
    /// `(paragraph, words, junk)` of every paragraph whose words or junk
    /// flag changed (paragraph-table index, sorted).
    paragraphs: Vec<(u32, u32, bool)>,
    /// The original cluster of each cluster left in the scan.
    origin: Vec<usize>,
}

/// A cluster that lost members in [`take_out`].
struct Trimmed {
    /// Its place in the scan's original list.
    cluster: usize,
    /// Its center before.
    center: usize,
    /// The members taken out, with their places.
    taken: Vec<(usize, Occurrence)>,
}

/// Leaves in `scan` only what a second run would see of the text left:
/// clusters, block matches and passages without `dropped` articles or
/// `gone` paragraphs, removed paragraphs without words, and page junk
/// judged at the edges of what is left of each article. Clusters and
/// paragraphs are changed in place and what was taken out kept aside;
/// block matches and passages stay, named in [`Saved::without`]. A copy of
/// what is kept would double it (the clusters, block matches, passages and
/// each paragraph's words and junk flag: 470 MB at a million articles),
/// and so would moving out the matches of the dropped articles.
fn take_out(scan: &mut Scan, gone: &[bool], dropped: &[bool]) -> Saved {
    let mut offsets = Vec::with_capacity(scan.articles.len());
    let mut paragraphs = Vec::new();
    let mut first = 0;
    for (a, article) in scan.articles.iter_mut().enumerate() {
        offsets.push(first);
        let left = (first..first + article.paragraphs.len()).filter(|&p| !gone[p]).count();
        let mut k = 0;
        for (i, p) in article.paragraphs.iter_mut().enumerate() {
            let was = (p.words, p.junk);
            if gone[first + i] || dropped[a] {
                (p.words, p.junk) = (0, false);
            } else {
                p.junk = p.marked && (k < JUNK_HEAD || k + JUNK_TAIL >= left);
                k += 1;
            }
            if (p.words, p.junk) != was {
                paragraphs.push(((first + i) as u32, was.0, was.1));
            }
        }
        first += article.paragraphs.len();
    }
    paragraphs.shrink_to_fit();
    let out_of = |a: u32, first_p: u32, len: u32| {
        dropped[a as usize] || (first_p..first_p + len).any(|p| gone[p as usize])
    };
    let mut members = Vec::new();
    for (c, cluster) in scan.clusters.iter_mut().enumerate() {
        let center = cluster.members[cluster.center];
        let taken = take_where(&mut cluster.members, |m| out_of(m.article, m.first_p, m.last - m.first + 1));
        if !taken.is_empty() {
            members.push(Trimmed { cluster: c, center: cluster.center, taken });
            cluster.center = cluster.members.iter().position(|m| *m == center).unwrap_or(0);
        }
    }
    let clusters = take_where(&mut scan.clusters, |c| c.members.len() < 2);
    let mut origin = Vec::with_capacity(scan.clusters.len());
    let mut places = clusters.iter().map(|(i, _)| *i).peekable();
    for c in 0..scan.clusters.len() + clusters.len() {
        if places.next_if_eq(&c).is_none() {
            origin.push(c);
        }
    }
    let blocks = scan
        .blocks
        .iter()
        .map(|b| out_of(b.a_article, b.first_p, b.len) || out_of(b.b_article, b.first_q, b.len))
        .collect();
    let touches = |a: u32, span: Span| {
        let article = &scan.articles[a as usize];
        let first = offsets[a as usize];
        dropped[a as usize]
            || article.paragraphs.iter().enumerate().any(|(i, p)| gone[first + i] && p.span.overlaps(&span))
    };
    let passages =
        scan.passages.iter().map(|p| touches(p.a_article, p.a) || touches(p.b_article, p.b)).collect();
    Saved { clusters, members, without: Without { blocks, passages }, paragraphs, origin }
}

/// Removes from `list` the items `out` says, in place, and returns them
/// with their places in `list`.
fn take_where<T>(list: &mut Vec<T>, mut out: impl FnMut(&T) -> bool) -> Vec<(usize, T)> {
    let (mut at, mut places) = (0usize, Vec::new());
    let taken: Vec<T> = list
        .extract_if(.., |item| {
            let gone = out(item);
            if gone {
                places.push(at);
            }
            at += 1;
            gone
        })
        .collect();
    places.into_iter().zip(taken).collect()
}

/// Puts the items [`take_where`] took back into `list`, at their places.
fn put_back_where<T>(list: &mut Vec<T>, taken: Vec<(usize, T)>) {
    if taken.is_empty() {
        return;
    }
    let kept = std::mem::take(list);
    list.reserve(kept.len() + taken.len());
    let (mut kept, mut taken) = (kept.into_iter(), taken.into_iter().peekable());
    while let Some(next) = taken.peek().map(|(i, _)| *i) {
        if next == list.len() {
            list.extend(taken.next().map(|(_, item)| item));
        } else if let Some(item) = kept.next() {
            list.push(item);
        } else {
            break;
        }
    }
    list.extend(kept);
    list.extend(taken.map(|(_, item)| item));
}

/// Gives `scan` back what [`take_out`] changed.
fn put_back(scan: &mut Scan, saved: Saved) {
    put_back_where(&mut scan.clusters, saved.clusters);
    for trimmed in saved.members {
        let cluster = &mut scan.clusters[trimmed.cluster];
        put_back_where(&mut cluster.members, trimmed.taken);
        cluster.center = trimmed.center;
    }
    for (p, words, junk) in saved.paragraphs {
        let r = scan.paragraphs[p as usize];
        let paragraph = &mut scan.articles[r.article as usize].paragraphs[r.index as usize];
        (paragraph.words, paragraph.junk) = (words, junk);
    }
}

/// Whether each paragraph of the run's table is removed by `plan` (the
/// paragraphs of dropped articles aside).
fn gone_paragraphs(scan: &Scan, plan: &Plan) -> Vec<bool> {
    let mut gone = vec![false; scan.paragraphs.len()];
    let mut first = 0;
    for (a, fate) in plan.fates.iter().enumerate() {
        if let Fate::Cut(cuts) = fate {
            for cut in cuts {
                for i in cut.first..=cut.last {
                    if let Some(g) = gone.get_mut(first + i as usize) {
                        *g = true;
                    }
                }
            }
        }
        first += scan.articles[a].paragraphs.len();
    }
    gone
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What settle lends out and must give back: clusters, block matches,
    /// passages and each paragraph's words and junk flag.
    fn lent(scan: &Scan) -> String {
        let paragraphs: Vec<_> =
            scan.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| (p.words, p.junk))).collect();
        format!("{:?}\n{:?}\n{:?}\n{paragraphs:?}", scan.clusters, scan.blocks, scan.passages)
    }

    /// Six articles sharing a paragraph (three versions of it), each with
    /// text of its own: a cluster of six whose center is not the first.
    fn shared_paragraph_corpus() -> String {
        let own = |i: usize| {
            format!(
                "Article {i} tells its own story about harbour number {i} and the ships that came in on day {i} of the month."
            )
        };
        let shared = [
            "The ministry said on Tuesday that the new bridge over the river would open to traffic next spring after long delays.",
            "The ministry said on Tuesday that the new bridge over the river would open to traffic in spring after long delays.",
            "The ministry said on Tuesday that the new bridge over the wide river would open to traffic next spring after long delays.",
        ];
        (0..6)
            .map(|i| {
                let text = format!("{}\n\n{}\n\n{}", own(i), shared[[1, 0, 2, 0, 2, 1][i]], own(i + 10));
                serde_json::json!({"id": format!("a{i}"), "text": text}).to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_scan_comes_back_unchanged_from_a_plan_that_removes_things() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("made.jsonl"), shared_paragraph_corpus()).expect("write");
        let bundled = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let made =
            crate::pipeline::scan(&crate::config::Config::new(vec![dir.path().to_path_buf()])).expect("scan");
        assert!(made.clusters.iter().any(|c| c.members.len() >= 3 && c.center > 0), "a center to move");
        // The bundled corpus has cuts (boilerplate, a repeated block); the
        // made one has none, but a cluster whose center moves.
        for (corpus, cuts) in [(dir.path().to_path_buf(), false), (bundled, true)] {
            settle_gives_back(&corpus, cuts);
        }
    }

    fn settle_gives_back(corpus: &std::path::Path, cuts: bool) {
        let mut scan =
            crate::pipeline::scan(&crate::config::Config::new(vec![corpus.to_path_buf()])).expect("scan");
        let before = lent(&scan);
        let plan = settled(&mut scan, &Policy::default());
        assert_eq!(plan.fates.iter().any(|f| matches!(f, Fate::Cut(_))), cuts, "{corpus:?}: cuts");
        assert_eq!(lent(&scan), before);
        // Plans that also drop a whole article, each in turn.
        for a in 0..scan.articles.len() {
            let mut current = plan.clone();
            current.fates[a] = Fate::Drop(super::super::plan::Dropped {
                kept: u32::from(a == 0),
                similarity: 1.0,
                coverage: [1.0, 1.0],
                rule: String::new(),
            });
            let later = boilerplate_after(&mut scan, &current);
            assert_eq!(later.len(), scan.clusters.len());
            assert_eq!(lent(&scan), before, "dropping article {a}");
        }
    }

    #[test]
    fn items_taken_out_go_back_to_their_places() {
        for out in [vec![], vec![0], vec![9], vec![0, 1, 2, 3, 4, 5, 6, 7, 8, 9], vec![1, 4, 5, 9], vec![3]] {
            let mut list: Vec<u32> = (0..10).collect();
            let taken = take_where(&mut list, |x| out.contains(x));
            assert_eq!(
                taken.iter().map(|(i, x)| (*i, *x)).collect::<Vec<_>>(),
                out.iter().map(|&x| (x as usize, x)).collect::<Vec<_>>()
            );
            assert!(list.iter().all(|x| !out.contains(x)) && list.len() + out.len() == 10);
            put_back_where(&mut list, taken);
            assert_eq!(list, (0..10).collect::<Vec<u32>>(), "taking out {out:?}");
        }
    }
}
