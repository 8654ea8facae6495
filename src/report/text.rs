//! The human-readable report.

use std::io::{self, Write};

use super::{ClusterOut, Report, thousands as t};

/// Longest excerpt shown per cluster, in characters.
const EXCERPT_CHARS: usize = 180;

/// Largest corpus that gets a line per article.
const ARTICLE_TABLE_MAX: usize = 30;

/// Writes the text report; `limit` caps the clusters shown (0: all).
pub fn render_text(report: &Report, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    header(report, out)?;
    super::provenance_text::render_provenance(report, limit, out)?;
    let any_passage = report.matches.iter().any(|m| m.passage.is_some());
    if (any_passage || !report.clusters.is_empty()) && report.articles.len() <= ARTICLE_TABLE_MAX {
        articles(report, out)?;
    }
    let shown = if limit == 0 { report.clusters.len() } else { limit.min(report.clusters.len()) };
    for cluster in &report.clusters[..shown] {
        writeln!(out)?;
        render_cluster(report, cluster, out)?;
    }
    if shown > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "* marks the copy every other copy was verified against. ¶ numbers count paragraphs from 1 \
             (JSON counts from 0); bytes are offsets into the article's text as read."
        )?;
    }
    if shown < report.clusters.len() {
        writeln!(out)?;
        writeln!(
            out,
            "… and {} smaller cluster(s) not shown (--limit 0 shows all; --format json lists everything).",
            t((report.clusters.len() - shown) as u64)
        )?;
    }
    super::passages_text::render_passages(report, limit, out)?;
    warnings(report, out)
}

fn header(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let cfg = &report.settings;
    writeln!(
        out,
        "wiretrace: {} article(s) from {} file(s), {} paragraph(s), {} long enough to compare ({}+ words)",
        t(s.articles as u64),
        t(s.sources as u64),
        t(s.paragraphs as u64),
        t(s.matchable_paragraphs as u64),
        cfg.min_words
    )?;
    let repeats = report.clusters.iter().filter(|c| c.kind == "repeat").count();
    let across = report.clusters.len() - repeats;
    if report.clusters.is_empty() {
        writeln!(
            out,
            "No paragraph shares {}-word shingles with another at Jaccard ≥ {:.2} ({} candidate pair(s) checked).",
            cfg.shingle_size,
            cfg.threshold,
            t(s.candidate_pairs as u64)
        )?;
        if s.matchable_paragraphs < 2 {
            writeln!(out, "Too few paragraphs to compare: lower --min-words or check the input.")?;
        } else {
            writeln!(out, "Lower --threshold to see looser reuse.")?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "{} cluster(s) of shared text: {} repeated inside one article, {} shared across articles.",
        t(report.clusters.len() as u64),
        t(repeats as u64),
        t(across as u64),
    )?;
    writeln!(
        out,
        "Two paragraphs match when {:.0}% or more of the {}-word sequences found in either occur in both \
         (Jaccard ≥ {:.2}), ignoring case, punctuation, quotes and dashes.",
        cfg.threshold * 100.0,
        cfg.shingle_size,
        cfg.threshold
    )
}

/// One line per article: paragraphs shared with other articles (and with
/// which), paragraphs that repeat an earlier one of the same article, and
/// passages shared with other articles.
fn articles(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let n = report.articles.len();
    let mut shared = vec![0u32; n];
    let mut repeated = vec![0u32; n];
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in &report.clusters {
        let mut seen = Vec::new();
        for m in &c.members {
            let a = m.article as usize;
            if c.kind == "repeat" || seen.contains(&a) {
                if seen.contains(&a) {
                    repeated[a] += c.paragraphs;
                }
            } else {
                shared[a] += c.paragraphs;
                partners[a].extend(c.members.iter().map(|o| o.article as usize).filter(|&o| o != a));
            }
            seen.push(a);
        }
    }
    let mut passage_partners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for m in report.matches.iter().filter(|m| m.passage.is_some()) {
        passage_partners[m.a.article as usize].push(m.b.article as usize);
        passage_partners[m.b.article as usize].push(m.a.article as usize);
    }
    writeln!(out)?;
    writeln!(out, "Per article:")?;
    let width = report.articles.iter().map(|a| a.id.chars().count()).max().unwrap_or(0);
    for (i, a) in report.articles.iter().enumerate() {
        partners[i].sort_unstable();
        partners[i].dedup();
        let mut parts = Vec::new();
        if shared[i] > 0 {
            let with: Vec<&str> = partners[i].iter().map(|&p| report.articles[p].id.as_str()).collect();
            parts.push(format!("{} shared with {}", shared[i], with.join(", ")));
        }
        if repeated[i] > 0 {
            parts.push(format!("{} repeating an earlier paragraph", repeated[i]));
        }
        let count = passage_partners[i].len();
        if count > 0 {
            passage_partners[i].sort_unstable();
            passage_partners[i].dedup();
            let with: Vec<&str> =
                passage_partners[i].iter().map(|&p| report.articles[p].id.as_str()).collect();
            parts.push(format!("{count} passage(s) shared with {}", with.join(", ")));
        }
        if a.reused >= 0.005 {
            parts.push(format!("{:.0}% of its text shared with others", a.reused * 100.0));
        }
        if a.boilerplate >= 0.005 {
            parts.push(format!("{:.0}% boilerplate", a.boilerplate * 100.0));
        }
        let what = if parts.is_empty() { "nothing shared or repeated".to_string() } else { parts.join("; ") };
        writeln!(out, "  {:width$}  {:>3} ¶  {what}", a.id, a.paragraphs)?;
    }
    Ok(())
}

fn render_cluster(report: &Report, c: &ClusterOut, out: &mut dyn Write) -> io::Result<()> {
    let articles = {
        let mut ids: Vec<u32> = c.members.iter().map(|m| m.article).collect();
        ids.dedup();
        ids.len()
    };
    let adjective = match c.kind {
        "repeat" => "Repeated",
        "boilerplate" => "Boilerplate",
        "syndication" => "Syndicated",
        "quote" => "Quoted",
        _ => "Reworded",
    };
    let what = match c.paragraphs {
        1 => format!("{adjective} paragraph"),
        n => format!("{adjective} block of {n} paragraphs"),
    };
    let where_ = if c.kind == "repeat" {
        format!("{} copies in one article", t(c.members.len() as u64))
    } else if articles == c.members.len() {
        format!("in {} articles", t(articles as u64))
    } else {
        format!(
            "{} copies in {} articles (some carry it twice)",
            t(c.members.len() as u64),
            t(articles as u64)
        )
    };
    writeln!(out, "[{}] {what}, {where_}, {} · {} words", c.id, similarity(c), t(c.words))?;
    writeln!(out, "    {}: {}", c.kind, c.rule)?;
    let width = c.members.iter().map(|m| m.id.chars().count()).max().unwrap_or(0);
    for (i, m) in c.members.iter().enumerate() {
        let article = &report.articles[m.article as usize];
        let mut about: Vec<String> = article.outlet.iter().cloned().collect();
        about.extend(article.date.as_deref().map(|d| d.chars().take(16).collect::<String>()));
        let about = if about.is_empty() { String::new() } else { format!("  [{}]", about.join(", ")) };
        let mark = if i == c.center { '*' } else { ' ' };
        let paras = if m.paragraphs[0] == m.paragraphs[1] {
            format!("¶{}", m.paragraphs[0] + 1)
        } else {
            format!("¶{}–{}", m.paragraphs[0] + 1, m.paragraphs[1] + 1)
        };
        let place = format!("{:width$}  {paras:<8} bytes {}–{}", m.id, m.start, m.end);
        writeln!(out, "  {mark} {place}{about}")?;
    }
    writeln!(out, "    > {}", super::cut_at_word(&c.excerpt, EXCERPT_CHARS))
}

fn similarity(c: &ClusterOut) -> String {
    let (lo, hi) = (c.similarity.min, c.similarity.max);
    if lo >= 0.9999 {
        "identical after normalization".to_string()
    } else if (hi - lo).abs() < 0.005 {
        format!("Jaccard {lo:.2}")
    } else {
        format!("Jaccard {lo:.2}–{hi:.2}")
    }
}

fn warnings(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{} warning(s):", t(report.warnings.len() as u64))?;
    for w in &report.warnings {
        match w.line {
            Some(line) => writeln!(out, "  {}:{}: {}", w.source, line, w.message)?,
            None => writeln!(out, "  {}: {}", w.source, w.message)?,
        }
    }
    Ok(())
}
