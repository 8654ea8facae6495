//! The side-by-side view of one pair: both whole texts, the text they share
//! highlighted (one colour per kind), words changed between the two
//! versions marked, and the evidence behind the verdict.
//!
//! Highlights come from the pair's regions (a cluster's members or a match,
//! so two members of a cluster that were each verified against its center
//! are highlighted too) and from any other match between the two; a span
//! is used only if it lies inside the text and on character boundaries, so
//! a text that does not fit its report shows unhighlighted rather than cut.

use std::fmt::Write as _;

use super::changed::changed_ranges;
use super::{chip, confidence, esc, kind_words, label, percent, relation_words, verdict_words};
use crate::pipeline::ArticleTexts;
use crate::report::thousands;
use crate::report::{PairOut, Place, Report};
use crate::segment::Span;

/// Kinds in the legend, in order.
const KINDS: [&str; 4] = ["syndication", "quote", "rewrite", "boilerplate"];

/// A highlighted span of one side: `[start, end)` bytes, of the pair's
/// shared text number `id`, which is match `m` if it is one.
struct Mark<'r> {
    start: usize,
    end: usize,
    id: usize,
    m: Option<usize>,
    kind: &'r str,
    rule: &'r str,
}

/// The side-by-side views of the `shown` pairs.
pub(super) fn pair_views(report: &Report, shown: &[usize], texts: &ArticleTexts, h: &mut String) {
    if shown.is_empty() {
        return;
    }
    h.push_str("<section id=\"views\">\n<h2>Side by side</h2>\n<p class=\"legend\">Highlights: ");
    for kind in KINDS {
        chip(h, kind, &format!("{kind}: {}", kind_words(kind)));
        h.push(' ');
    }
    h.push_str(
        "<br><span class=\"chg\">underlined red</span>: words of a shared passage that the other \
         version does not keep in the same order: left out, replaced, or moved (so a name both \
         versions have is underlined where one of them moved it). Click a highlight to find its \
         counterpart.</p>\n",
    );
    for &i in shown {
        if let Some(p) = report.pairs.get(i) {
            pair_view(report, i, p, texts, h);
        }
    }
    h.push_str("</section>\n");
}

/// One pair's view.
fn pair_view(report: &Report, i: usize, p: &PairOut, texts: &ArticleTexts, h: &mut String) {
    let (a, b) = (label(report, p.a), label(report, p.b));
    let _ = writeln!(h, "<section class=\"pair\" id=\"pair-{i}\">\n<h3>{} ↔ {}</h3>", esc(&a), esc(&b));
    h.push_str("<p class=\"what\">");
    chip(h, p.relation, relation_words(p.relation));
    if p.relation != "boilerplate" {
        let _ = write!(
            h,
            " {} / {} shared words ({} / {} of each article), {} of them changed",
            thousands(p.shared_words[0]),
            thousands(p.shared_words[1]),
            esc(&percent(p.covered[0])),
            esc(&percent(p.covered[1])),
            esc(&percent(p.changed))
        );
    }
    let conf = confidence(p);
    let _ = writeln!(
        h,
        "</p>\n<p class=\"verdict\">Verdict: <b>{}</b>{}</p>",
        esc(&verdict_words(report, p)),
        if conf.is_empty() { String::new() } else { format!(", confidence {conf}") }
    );
    evidence(report, p, h);
    h.push_str("<div class=\"sides\">\n");
    for article in [p.a, p.b] {
        side(report, p, article, texts, h);
    }
    h.push_str("</div>\n<p class=\"top\"><a href=\"#pairs\">back to the pairs</a></p>\n</section>\n");
}

/// The evidence list of a pair's verdict.
fn evidence(report: &Report, p: &PairOut, h: &mut String) {
    if p.direction.evidence.is_empty() {
        return;
    }
    h.push_str("<details open class=\"evidence\"><summary>Evidence</summary>\n<ul>\n");
    for e in &p.direction.evidence {
        let favours = match e.favours {
            "a" => format!("{} is the source", label(report, p.a)),
            "b" => format!("{} is the source", label(report, p.b)),
            _ => "both take from a common source".to_string(),
        };
        let against = crate::report::against(p.direction.verdict, e.favours);
        let _ = writeln!(
            h,
            "<li{}>{}<b>{}</b> (weight {:.1}) says {}: {}</li>",
            if against { " class=\"against\"" } else { "" },
            if against { "<span class=\"against-tag\">Against the verdict:</span> " } else { "" },
            esc(&capitalized(&e.signal.replace('_', " "))),
            e.weight,
            esc(&favours),
            esc(&e.detail)
        );
    }
    h.push_str("</ul>\n</details>\n");
}

/// `s` with its first letter in upper case.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One side: the article's whole text with its highlights.
fn side(report: &Report, p: &PairOut, article: u32, texts: &ArticleTexts, h: &mut String) {
    let art = report.articles.get(article as usize);
    let _ =
        write!(h, "<div class=\"side\" data-article=\"{article}\">\n<h4>{}", esc(&label(report, article)));
    if let Some(date) = art.and_then(|a| a.date.as_deref().or(a.dateline.as_deref())) {
        let _ = write!(h, " <span class=\"note\">{}</span>", esc(date));
    }
    h.push_str("</h4>\n");
    match texts.get(article) {
        Some(text) => {
            let marks = marks(report, p, article, text);
            h.push_str("<div class=\"text\">");
            highlighted(text, &marks, texts.inline_breaks(article), (article, report), h);
            h.push_str("</div>\n");
        }
        None => h.push_str("<p class=\"note\">Text not available (it could not be read again).</p>\n"),
    }
    h.push_str("</div>\n");
}

/// Something the pair shares: its place on each side (by article), its
/// kind and rule, and the match it is, if it is one.
struct Shared<'r> {
    places: [&'r Place; 2],
    kind: &'r str,
    rule: &'r str,
    m: Option<usize>,
}

/// What pair `p` shares: its regions, then any match between the two that
/// no region places (a match between two clusters' paragraphs).
fn shared<'r>(report: &'r Report, p: &'r PairOut) -> Vec<Shared<'r>> {
    let mut out: Vec<Shared> = p
        .regions
        .iter()
        .filter_map(|r| {
            let places = match (r.cluster, r.members, r.r#match) {
                (Some(c), Some([x, y]), _) => {
                    let members = &report.clusters.get(c.checked_sub(1)?)?.members;
                    [members.get(x)?, members.get(y)?]
                }
                (_, _, Some(m)) => report.matches.get(m).map(|mo| [&mo.a, &mo.b])?,
                _ => return None,
            };
            Some(Shared { places, kind: r.kind, rule: &r.rule, m: r.r#match })
        })
        .collect();
    let same = |x: &Place, y: &Place| (x.article, x.start, x.end) == (y.article, y.start, y.end);
    for &m in &p.matches {
        let Some(mo) = report.matches.get(m) else { continue };
        let placed = out
            .iter()
            .any(|s| s.m == Some(m) || s.places.iter().zip([&mo.a, &mo.b]).all(|(x, y)| same(x, y)));
        if !placed {
            out.push(Shared { places: [&mo.a, &mo.b], kind: mo.kind, rule: &mo.rule, m: Some(m) });
        }
    }
    out
}

/// What the pair shares on `article`'s side, where it fits `text`, by
/// start; each mark's `id` is its index in [`shared`].
fn marks<'r>(report: &'r Report, p: &'r PairOut, article: u32, text: &str) -> Vec<Mark<'r>> {
    let mut marks: Vec<Mark> = shared(report, p)
        .into_iter()
        .enumerate()
        .filter_map(|(id, s)| {
            let place = s.places.into_iter().find(|x| x.article == article)?;
            let fits = place.start < place.end && text.get(place.start..place.end).is_some();
            fits.then_some(Mark {
                start: place.start,
                end: place.end,
                id,
                m: s.m,
                kind: s.kind,
                rule: s.rule,
            })
        })
        .collect();
    marks.sort_by_key(|k| (k.start, k.id));
    marks
}

/// Byte ranges of changed words inside the marks on `article`'s side.
fn changed(report: &Report, article: u32, text: &str, marks: &[Mark]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for k in marks {
        let Some(mo) = k.m.and_then(|m| report.matches.get(m)) else { continue };
        let Some(passage) = &mo.passage else { continue };
        let side = usize::from(mo.a.article != article);
        let Some(ranges) = changed_ranges(&text[k.start..k.end], &passage.text[side]) else { continue };
        out.extend(ranges.into_iter().map(|(s, e)| (k.start + s, k.start + e)));
    }
    out
}

/// Writes `text` escaped, each run covered by the same marks in a
/// `<mark>` whose `data-m` lists every mark covering it (coloured as the
/// lowest `id`), and changed words in a span. Listing them all keeps every
/// highlight's counterpart findable: where one side holds a passage twice
/// and the other once, the other side's one copy stands for both. The
/// `breaks` between paragraphs (a `" ### "` separator in a one-line text)
/// are written as paragraph breaks.
fn highlighted(
    text: &str,
    marks: &[Mark],
    breaks: &[Span],
    (article, report): (u32, &Report),
    h: &mut String,
) {
    let changed = changed(report, article, text, marks);
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(marks.iter().flat_map(|k| [k.start, k.end]));
    cuts.extend(changed.iter().flat_map(|&(s, e)| [s, e]));
    cuts.extend(breaks.iter().flat_map(|b| [b.start, b.end]).filter(|&at| text.is_char_boundary(at)));
    cuts.sort_unstable();
    cuts.dedup();
    let mut open: Vec<usize> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let mut cover: Vec<&Mark> = marks.iter().filter(|k| k.start <= s && e <= k.end).collect();
        cover.sort_by_key(|k| k.id);
        cover.dedup_by_key(|k| k.id);
        let ids: Vec<usize> = cover.iter().map(|k| k.id).collect();
        if ids != open {
            if !open.is_empty() {
                h.push_str("</mark>");
            }
            if let Some(k) = cover.first() {
                let list: Vec<String> = ids.iter().map(usize::to_string).collect();
                let _ = write!(
                    h,
                    "<mark class=\"k-{}\" data-m=\"{}\" title=\"{}: {}\">",
                    esc(k.kind),
                    list.join(" "),
                    esc(k.kind),
                    esc(k.rule)
                );
            }
            open = ids;
        }
        if breaks.iter().any(|b| b.start <= s && e <= b.end) {
            h.push_str("\n\n");
            continue;
        }
        let piece = esc(&text[s..e]);
        if changed.iter().any(|&(cs, ce)| cs <= s && e <= ce) {
            let _ = write!(h, "<span class=\"chg\">{piece}</span>");
        } else {
            h.push_str(&piece);
        }
    }
    if !open.is_empty() {
        h.push_str("</mark>");
    }
}
