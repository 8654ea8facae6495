//! The shared-passages section of the text report.

use std::io::{self, Write};

use super::{MatchOut, Report, cut_at_word, thousands};
use crate::diff::MARK;

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
        thousands(passages.len() as u64)
    )?;
    writeln!(out, "Words in ⟦ ⟧ are not in the other article's version.")?;
    let shown = if limit == 0 { passages.len() } else { limit.min(passages.len()) };
    for (i, m) in passages.iter().take(shown).enumerate() {
        writeln!(out)?;
        render_passage(i + 1, m, out)?;
    }
    if shown < passages.len() {
        writeln!(out)?;
        writeln!(
            out,
            "… and {} more passage(s) (--limit 0 shows all).",
            thousands((passages.len() - shown) as u64)
        )?;
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
        Some(changed) => format!("{}, word similarity {:.2}", differ(changed), m.similarity),
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
        cut_marked(&p.text[0], SIDE_CHARS)
    )?;
    writeln!(
        out,
        "    {:width$}  bytes {}–{}: {}",
        m.b.id,
        m.b.start,
        m.b.end,
        cut_marked(&p.text[1], SIDE_CHARS)
    )
}

/// How many words differ on each side, in words: "3 and 5 words differ",
/// with "word" where the count is 1 ("1 word differs on each side", "0
/// words and 1 word differ").
fn differ([x, y]: [usize; 2]) -> String {
    match (x, y) {
        (1, 1) => "1 word differs on each side".to_string(),
        (x, 1) => format!("{x} words and 1 word differ"),
        (x, y) => format!("{x} and {y} words differ"),
    }
}

/// A passage side's marked text cut like [`cut_at_word`] within `max`
/// characters, a `⟦` left open by the cut closed before the `…`, so the
/// reader sees where the differing words stop.
fn cut_marked(text: &str, max: usize) -> String {
    let open = |head: &str| head.matches(MARK.0).count() > head.matches(MARK.1).count();
    let cut = cut_at_word(text, max);
    if text.chars().count() <= max || !open(&cut) {
        return cut;
    }
    // One character less, for the closing mark.
    let cut = cut_at_word(text, max.saturating_sub(1));
    let head = cut.strip_suffix('…').unwrap_or(&cut).trim_end();
    let head = head.strip_suffix(MARK.0).map_or(head, str::trim_end);
    if open(head) { format!("{head}{}…", MARK.1) } else { format!("{head}…") }
}

#[cfg(test)]
mod tests {
    use super::{cut_marked, differ};

    #[test]
    fn a_cut_inside_changed_words_closes_their_mark() {
        let text = "the ⟦new documents, raises the stakes⟧ for all";
        let cut = cut_marked(text, 24);
        assert!(cut.chars().count() <= 24, "{cut}");
        assert_eq!(cut, "the ⟦new documents,⟧…");
        assert_eq!(cut_marked("short ⟦text⟧", 40), "short ⟦text⟧");
        let text = "a ⟦b⟧ c ⟦dd ee ff gg⟧ h ⟦i⟧ ⟦jj kk⟧ ll";
        for max in 1..=text.chars().count() {
            let cut = cut_marked(text, max);
            assert!(cut.chars().count() <= max, "{max}: {cut}");
            assert_eq!(cut.matches('⟦').count(), cut.matches('⟧').count(), "{max}: {cut}");
            let head = cut.trim_end_matches('…').trim_end_matches('⟧');
            assert!(text.starts_with(head), "{max}: {cut}");
        }
    }

    #[test]
    fn one_word_is_singular() {
        assert_eq!(differ([1, 1]), "1 word differs on each side");
        assert_eq!(differ([0, 1]), "0 words and 1 word differ");
        assert_eq!(differ([1, 4]), "1 and 4 words differ");
        assert_eq!(differ([2, 5]), "2 and 5 words differ");
    }
}
