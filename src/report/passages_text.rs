//! The shared-passages section of the text report.

use std::io::{self, Write};

use super::{MatchOut, Report, cut_at_word};

/// Longest side shown per passage, in characters.
const SIDE_CHARS: usize = 400;

/// Writes the passages of `report` (at most `limit`, 0: all).
pub(super) fn render_passages(report: &Report, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    let passages: Vec<&MatchOut> = report.matches.iter().filter(|m| m.passage.is_some()).collect();
    if passages.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} shared passage(s): quotes and sentences found in two articles, outside the clusters above.",
        passages.len()
    )?;
    writeln!(out, "Words in ⟦ ⟧ are not in the other article's version.")?;
    let shown = if limit == 0 { passages.len() } else { limit.min(passages.len()) };
    for (i, m) in passages.iter().take(shown).enumerate() {
        writeln!(out)?;
        render_passage(i + 1, m, out)?;
    }
    if shown < passages.len() {
        writeln!(out)?;
        writeln!(out, "… and {} more passage(s) (--limit 0 shows all).", passages.len() - shown)?;
    }
    Ok(())
}

fn render_passage(n: usize, m: &MatchOut, out: &mut dyn Write) -> io::Result<()> {
    let Some(p) = &m.passage else { return Ok(()) };
    let para = |x: [u32; 2]| {
        if x[0] == x[1] { format!("¶{}", x[0] + 1) } else { format!("¶{}–{}", x[0] + 1, x[1] + 1) }
    };
    let words = if p.words[0] == p.words[1] {
        format!("{} words", p.words[0])
    } else {
        format!("{} / {} words", p.words[0], p.words[1])
    };
    let quoted = match p.quoted {
        [true, true] => "quoted in both".to_string(),
        [true, false] => format!("quoted in {} only", m.a.id),
        [false, true] => format!("quoted in {} only", m.b.id),
        [false, false] => "not quoted".to_string(),
    };
    let change = match p.changed_words {
        Some([0, 0]) => "word for word".to_string(),
        Some([x, y]) => format!("{x} and {y} words differ, word similarity {:.2}", m.similarity),
        None => "too long to compare word by word".to_string(),
    };
    writeln!(
        out,
        "[P{n}] {} · {} {} ↔ {} {} · {words} · {quoted} · {change}",
        m.kind,
        m.a.id,
        para(m.a.paragraphs),
        m.b.id,
        para(m.b.paragraphs)
    )?;
    let width = m.a.id.chars().count().max(m.b.id.chars().count());
    writeln!(
        out,
        "    {:width$}  bytes {}–{}: {}",
        m.a.id,
        m.a.start,
        m.a.end,
        cut_at_word(&p.text[0], SIDE_CHARS)
    )?;
    writeln!(
        out,
        "    {:width$}  bytes {}–{}: {}",
        m.b.id,
        m.b.start,
        m.b.end,
        cut_at_word(&p.text[1], SIDE_CHARS)
    )
}
