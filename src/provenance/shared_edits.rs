//! Shared edits: a common-source verdict overturned when the two copies
//! are closer to each other than to the source's own article.

use super::{Pair, direction, names};
use crate::pipeline::Scan;
use crate::provenance::kinds::Kind;

/// Stemmatics' shared-innovation test, for common-source verdicts whose
/// source is in the corpus: when the two articles are closer to each other
/// than either is to the source's article, they share edits the source
/// lacks, so one took the text from the other, not both from the source.
/// The evidence then points the way the times do (and nowhere without
/// times).
pub(super) fn shared_edits(scan: &Scan, pairs: &mut [Pair], keys: &[Vec<String>]) {
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
            "the two differ in {:.0}% of the shared words, less than either differs from {source}'s article {} ({:.0}%, {:.0}%): they share edits it lacks",
            p.changed * 100.0,
            scan.articles[w as usize].meta.id,
            to_a * 100.0,
            to_b * 100.0
        );
        let extra = direction::Evidence { signal: "shared_edits", favours, weight: 3.0, detail };
        pairs[i].direction = direction::with_evidence(&pairs[i].direction, extra);
    }
}

#[cfg(test)]
mod tests {
    use crate::provenance::analyze;
    use crate::provenance::direction::Favours;
    use crate::provenance::testing::{Words, record, scan_jsonl};

    /// Six paragraphs of made-up words, the same on every call.
    fn story() -> Vec<Vec<String>> {
        let mut words = Words(11);
        (0..6).map(|_| words.words(40)).collect()
    }

    /// The story with word `at` of every paragraph replaced by `word`.
    fn edited(story: &[Vec<String>], at: usize, word: &str) -> Vec<Vec<String>> {
        story
            .iter()
            .map(|p| {
                p.iter().enumerate().map(|(i, w)| if i == at { word.into() } else { w.clone() }).collect()
            })
            .collect()
    }

    /// A Reuters article and two papers' copies of it, both naming Reuters,
    /// a hour apart, with the edits `a` and `b` (word index, new word).
    fn scan_of(a: (usize, &str), b: (usize, &str)) -> crate::pipeline::Scan {
        let story = story();
        let text = |paras: &[Vec<String>], credit: &str| {
            let mut out: Vec<String> = paras.iter().map(|p| p.join(" ") + ".").collect();
            out.insert(0, credit.to_string());
            out.join("\n\n")
        };
        let lines = [
            ("wire", "Reuters", "2024-03-01T08:00:00Z", text(&story, "LONDON (Reuters) - Wire copy.")),
            (
                "alpha",
                "Daily Alpha",
                "2024-03-01T10:00:00Z",
                text(&edited(&story, a.0, a.1), "The court heard it, according to Reuters."),
            ),
            (
                "beta",
                "Daily Beta",
                "2024-03-01T11:00:00Z",
                text(&edited(&story, b.0, b.1), "The court heard it, according to Reuters."),
            ),
        ]
        .map(|(id, outlet, date, text)| record(id, outlet, date, &text));
        scan_jsonl(&lines)
    }

    #[test]
    fn copies_sharing_edits_the_source_lacks_point_from_the_earlier_copy() {
        for (b_edit, shared) in [((20, "zedited"), true), ((30, "yedited"), false)] {
            let scan = scan_of((20, "zedited"), b_edit);
            let ids: Vec<&str> = scan.articles.iter().map(|a| a.meta.id.as_str()).collect();
            let (a, b) = (ids.iter().position(|&i| i == "alpha"), ids.iter().position(|&i| i == "beta"));
            let (Some(a), Some(b)) = (a, b) else { panic!("articles read: {ids:?}") };
            let provenance = analyze(&scan);
            let pair = provenance.pairs.iter().find(|p| (p.a, p.b) == (a.min(b) as u32, a.max(b) as u32));
            let Some(pair) = pair else { panic!("the two copies share text") };
            let evidence = pair.direction.evidence.iter().find(|e| e.signal == "shared_edits");
            assert_eq!(evidence.is_some(), shared, "edits shared: {shared}; {:?}", pair.direction);
            let Some(evidence) = evidence else { continue };
            let alpha = if a < b { Favours::A } else { Favours::B };
            assert_eq!(evidence.favours, alpha, "points from the earlier copy");
            assert!(
                evidence.detail.contains("wire") && !evidence.detail.contains("  "),
                "{}",
                evidence.detail
            );
        }
    }
}
