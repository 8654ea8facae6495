//! The provenance section of the text report: stories, who took from whom
//! (with the evidence), pairs that share only boilerplate, and the
//! heaviest outlet -> outlet reuse.

use std::io::{self, Write};

use super::{PairOut, Report, thousands};

/// Pairs shown when `--limit` does not say.
const PAIRS_SHOWN: usize = 30;
/// Evidence lines shown per pair.
const EVIDENCE_SHOWN: usize = 3;
/// Longest list of a story's articles, in characters.
const STORY_CHARS: usize = 300;

/// Groups of versions of one report listed per story.
const VERSIONS_SHOWN: usize = 3;

/// Longest list of a group's article ids, in characters.
const VERSION_CHARS: usize = 160;

/// Writes the provenance section; `limit` caps the pairs and edges shown
/// (0: all).
pub(super) fn render_provenance(report: &Report, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    if report.pairs.is_empty() {
        return Ok(());
    }
    stories(report, out)?;
    let (mut content, boiler): (Vec<&PairOut>, Vec<&PairOut>) =
        report.pairs.iter().partition(|p| p.relation != "boilerplate");
    // Copies first, heaviest first; pairs that are no copy at all (a page
    // captured twice) after them.
    content.sort_by(|x, y| {
        (x.direction.no_copy().cmp(&y.direction.no_copy()))
            .then(weight(y).cmp(&weight(x)))
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    let cap = if limit == 0 { usize::MAX } else { limit.max(PAIRS_SHOWN) };
    if !content.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Who took from whom ({} pair(s) of articles sharing more than boilerplate):",
            thousands(content.len() as u64)
        )?;
        for p in content.iter().take(cap) {
            pair(report, p, out)?;
        }
        if content.len() > cap {
            writeln!(
                out,
                "  … and {} more pair(s) (--limit 0 shows all).",
                thousands((content.len() - cap) as u64)
            )?;
        }
    }
    if !boiler.is_empty() {
        writeln!(out)?;
        writeln!(out, "Boilerplate only (shared template text is not evidence that one copied the other):")?;
        let groups = boilerplate_groups(report, &boiler);
        for (why, pairs) in groups.iter().take(cap) {
            if let [p] = pairs[..] {
                let (a, b) = (super::article_label(report, p.a), super::article_label(report, p.b));
                writeln!(out, "  {a} ↔ {b}: {why}")?;
                continue;
            }
            let mut articles: Vec<u32> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
            articles.sort_unstable();
            articles.dedup();
            let ids = id_list(&labels(report, &articles), STORY_CHARS);
            let (n, m) = (thousands(pairs.len() as u64), thousands(articles.len() as u64));
            writeln!(out, "  {n} pairs among {m} articles: {why}")?;
            writeln!(out, "       articles: {ids}")?;
        }
        if groups.len() > cap {
            let rest: usize = groups[cap..].iter().map(|(_, pairs)| pairs.len()).sum();
            let (rest, more) = (thousands(rest as u64), thousands((groups.len() - cap) as u64));
            writeln!(out, "  … and {rest} more pair(s) in {more} more group(s).")?;
        }
    }
    outlets(report, cap.min(20), out)
}

/// The pairs `boiler` grouped by why they share only boilerplate (the same
/// rules and clusters): most pairs first, then in report order. A template
/// carried by 29 articles of one outlet is one line, not 28.
fn boilerplate_groups<'r>(report: &Report, boiler: &[&'r PairOut]) -> Vec<(String, Vec<&'r PairOut>)> {
    let mut groups: Vec<(String, Vec<&PairOut>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for &p in boiler {
        let why = boilerplate_why(report, p);
        match index.get(&why) {
            Some(&i) => groups[i].1.push(p),
            None => {
                index.insert(why.clone(), groups.len());
                groups.push((why, vec![p]));
            }
        }
    }
    groups.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then((x.1[0].a, x.1[0].b).cmp(&(y.1[0].a, y.1[0].b))));
    groups
}

/// Why pair `p` shares only boilerplate: each rule of its boilerplate
/// regions, with the clusters (`[3]`) and passages (`[P2]`) it decided.
fn boilerplate_why(report: &Report, p: &PairOut) -> String {
    let first_passage = report.matches.iter().position(|m| m.passage.is_some()).unwrap_or(0);
    let mut rules: Vec<(&str, Vec<String>)> = Vec::new();
    for r in p.regions.iter().filter(|r| r.kind == "boilerplate") {
        let place = match (r.cluster, r.r#match) {
            (Some(c), _) => Some(format!("cluster [{c}]")),
            (None, Some(m)) if report.matches[m].passage.is_some() => {
                Some(format!("passage [P{}]", m - first_passage + 1))
            }
            _ => None,
        };
        let at = match rules.iter().position(|(rule, _)| *rule == r.rule) {
            Some(at) => at,
            None => {
                rules.push((&r.rule, Vec::new()));
                rules.len() - 1
            }
        };
        let places = &mut rules[at].1;
        places.extend(place.filter(|x| !places.contains(x)));
    }
    let said: Vec<String> = rules
        .iter()
        .map(|(rule, places)| match places.is_empty() {
            true => rule.to_string(),
            false => format!("{rule} ({})", places.join(", ")),
        })
        .collect();
    said.join("; ")
}

fn weight(p: &PairOut) -> u64 {
    p.shared_words[0] + p.shared_words[1]
}

fn stories(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.stories.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Stories (articles sharing text beyond boilerplate):")?;
    for s in report.stories.iter().take(PAIRS_SHOWN) {
        let ids = id_list(&labels(report, &s.articles), STORY_CHARS);
        writeln!(out, "  [S{}] {} articles: {ids}", s.id, thousands(s.articles.len() as u64))?;
        if !s.sources.is_empty() {
            writeln!(out, "       sources named by two or more of them: {}", s.sources.join(", "))?;
        }
        versions(report, &s.versions, out)?;
    }
    if report.stories.len() > PAIRS_SHOWN {
        writeln!(out, "  … and {} more.", thousands((report.stories.len() - PAIRS_SHOWN) as u64))?;
    }
    Ok(())
}

/// The groups of versions of one report inside a story, the largest
/// [`VERSIONS_SHOWN`] with their articles.
fn versions(report: &Report, groups: &[Vec<u32>], out: &mut dyn Write) -> io::Result<()> {
    if groups.is_empty() {
        return Ok(());
    }
    let many = super::count(groups.len(), "group");
    writeln!(
        out,
        "       versions of one report inside it: {many} whose articles each share {share:.0}% or more of their \
         text with another of the group",
        share = crate::provenance::views::VERSION_SHARE * 100.0
    )?;
    for g in groups.iter().take(VERSIONS_SHOWN) {
        let ids = id_list(&labels(report, g), VERSION_CHARS);
        writeln!(out, "         {} articles: {ids}", thousands(g.len() as u64))?;
        if let Some(excerpt) = super::version_excerpt(report, g) {
            writeln!(out, "           > {}", super::cut_at_word(excerpt, VERSION_CHARS))?;
        }
    }
    if groups.len() > VERSIONS_SHOWN {
        let more = thousands((groups.len() - VERSIONS_SHOWN) as u64);
        writeln!(out, "         … and {more} smaller group(s) (--format json lists them all).")?;
    }
    Ok(())
}

/// The labels of `articles`: ids, with outlets when known.
fn labels(report: &Report, articles: &[u32]) -> Vec<String> {
    articles.iter().map(|&a| super::article_label(report, a)).collect()
}

/// `ids` joined by `, `, as many whole ids as fit in `max` characters,
/// then `, … and N more` for the ids left out.
fn id_list(ids: &[impl AsRef<str>], max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for (i, id) in ids.iter().enumerate() {
        let id = id.as_ref();
        let add = id.chars().count() + if i == 0 { 0 } else { 2 };
        if chars + add > max && i > 0 {
            return format!("{out}, … and {} more", ids.len() - i);
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(id);
        chars += add;
    }
    out
}

/// One pair: what they share, how much changed, the verdict and evidence.
fn pair(report: &Report, p: &PairOut, out: &mut dyn Write) -> io::Result<()> {
    let [a, b] = [&p.ids[0], &p.ids[1]];
    let (label_a, label_b) = (super::article_label(report, p.a), super::article_label(report, p.b));
    let what = super::relation_words(p.relation);
    writeln!(out)?;
    writeln!(
        out,
        "  {label_a} ↔ {label_b}: {what} · {} / {} words ({:.0}% / {:.0}% of each) · {:.0}% of the shared words changed",
        thousands(p.shared_words[0]),
        thousands(p.shared_words[1]),
        p.covered[0] * 100.0,
        p.covered[1] * 100.0,
        p.changed * 100.0
    )?;
    let d = &p.direction;
    let verdict = super::verdict_words(p, a, b);
    let confidence = if d.verdict == "undetermined" {
        String::new()
    } else {
        format!(" (confidence {:.2})", d.confidence)
    };
    writeln!(out, "    → {verdict}{confidence}")?;
    // Details are short by construction: each context is cut around its
    // name where the evidence is made, so every name claimed shows.
    for e in d.evidence.iter().take(EVIDENCE_SHOWN) {
        let against = if super::against(d.verdict, e.favours) {
            let way = match e.favours {
                "a" => format!("{a} as the source"),
                "b" => format!("{b} as the source"),
                _ => "a common source".to_string(),
            };
            format!("against (points to {way}): ")
        } else {
            String::new()
        };
        writeln!(out, "      · {against}{}", e.detail)?;
    }
    Ok(())
}

fn outlets(report: &Report, cap: usize, out: &mut dyn Write) -> io::Result<()> {
    if report.outlet_edges.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Whose wording is reused (source → reusing outlet or article, shared words):")?;
    for e in report.outlet_edges.iter().take(cap) {
        let (words, pairs) = (thousands(e.words), thousands(e.pairs as u64));
        writeln!(out, "  {} → {}: {words} word(s) in {pairs} pair(s)", e.from, e.to)?;
    }
    if report.outlet_edges.len() > cap {
        let more = thousands((report.outlet_edges.len() - cap) as u64);
        writeln!(out, "  … and {more} more (--format dot draws them all).")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::id_list;

    #[test]
    fn a_long_story_says_how_many_articles_are_left_out() {
        let ids: Vec<String> = (1000..1100).map(|i| i.to_string()).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let list = id_list(&ids, 30);
        let (shown, more) = list.split_once(", … and ").expect("a count of the rest");
        let shown: Vec<&str> = shown.split(", ").collect();
        assert!(shown.join(", ").chars().count() <= 30, "{list}");
        assert_eq!(shown, ids[..shown.len()], "whole ids, in order");
        assert_eq!(more, format!("{} more", ids.len() - shown.len()), "{list}");
        assert_eq!(id_list(&ids[..3], 30), "1000, 1001, 1002");
    }
}
