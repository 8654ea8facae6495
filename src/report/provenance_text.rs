//! The provenance section of the text report: stories, who took from whom
//! (with the evidence), pairs that share only boilerplate, and the
//! heaviest outlet -> outlet reuse.

use std::io::{self, Write};

use super::{PairOut, Report, cut_at_word};

/// Pairs shown when `--limit` does not say.
const PAIRS_SHOWN: usize = 30;
/// Evidence lines shown per pair.
const EVIDENCE_SHOWN: usize = 3;

/// Writes the provenance section; `limit` caps the pairs and edges shown
/// (0: all).
pub(super) fn render_provenance(report: &Report, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    if report.pairs.is_empty() {
        return Ok(());
    }
    stories(report, out)?;
    let (mut content, boiler): (Vec<&PairOut>, Vec<&PairOut>) =
        report.pairs.iter().partition(|p| p.relation != "boilerplate");
    content.sort_by(|x, y| weight(y).cmp(&weight(x)).then((x.a, x.b).cmp(&(y.a, y.b))));
    let cap = if limit == 0 { usize::MAX } else { limit.max(PAIRS_SHOWN) };
    if !content.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "Who took from whom ({} pair(s) of articles sharing more than boilerplate):",
            content.len()
        )?;
        for p in content.iter().take(cap) {
            pair(p, out)?;
        }
        if content.len() > cap {
            writeln!(out, "  … and {} more pair(s) (--limit 0 shows all).", content.len() - cap)?;
        }
    }
    if !boiler.is_empty() {
        writeln!(out)?;
        writeln!(out, "Boilerplate only (shared template text is not evidence that one copied the other):")?;
        for p in boiler.iter().take(cap) {
            let why = p.matches.first().map_or("", |&m| report.matches[m].rule.as_str());
            writeln!(out, "  {} ↔ {}: {why}", p.ids[0], p.ids[1])?;
        }
        if boiler.len() > cap {
            writeln!(out, "  … and {} more pair(s).", boiler.len() - cap)?;
        }
    }
    outlets(report, cap.min(20), out)
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
        let ids: Vec<&str> = s.articles.iter().map(|&a| report.articles[a as usize].id.as_str()).collect();
        let ids = cut_at_word(&ids.join(", "), 300);
        writeln!(out, "  [S{}] {} articles: {ids}", s.id, s.articles.len())?;
        if !s.sources.is_empty() {
            writeln!(out, "       sources named by two or more of them: {}", s.sources.join(", "))?;
        }
    }
    if report.stories.len() > PAIRS_SHOWN {
        writeln!(out, "  … and {} more.", report.stories.len() - PAIRS_SHOWN)?;
    }
    Ok(())
}

/// One pair: what they share, how much changed, the verdict and evidence.
fn pair(p: &PairOut, out: &mut dyn Write) -> io::Result<()> {
    let [a, b] = [&p.ids[0], &p.ids[1]];
    let what = super::relation_words(p.relation);
    writeln!(out)?;
    writeln!(
        out,
        "  {a} ↔ {b}: {what} · {} / {} words ({:.0}% / {:.0}% of each) · {:.0}% of the shared words changed",
        p.shared_words[0],
        p.shared_words[1],
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
        let against = if super::against(d.verdict, e.favours) { "against: " } else { "" };
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
        writeln!(out, "  {} → {}: {} word(s) in {} pair(s)", e.from, e.to, e.words, e.pairs)?;
    }
    if report.outlet_edges.len() > cap {
        writeln!(out, "  … and {} more (--format dot draws them all).", report.outlet_edges.len() - cap)?;
    }
    Ok(())
}
