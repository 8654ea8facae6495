//! HTML report: a [`Report`] and the texts of the articles it shows -> one
//! self-contained page for a reader without the docs: a summary in words,
//! the stories, the article pairs with who took from whom, an outlet graph,
//! the clusters, and a side-by-side view of each pair shown.
//!
//! The page needs no network: CSS, script and the graph (SVG drawn here)
//! are inline. Every string from the input is escaped ([`esc`]); byte spans
//! are used only where they fall on character boundaries of the text as
//! read; the same report and texts give the same bytes. Texts are embedded
//! only for the pairs shown ([`pairs_shown`]), so `--limit` bounds the
//! page's size on large corpora.

mod assets;
mod changed;
mod graph;
mod overview;
mod side;

use std::fmt::Write as _;
use std::io;

use super::{PairOut, Report, relation_words};
use crate::pipeline::ArticleTexts;

/// Writes the HTML page of `report`, with side-by-side views of the pairs
/// [`pairs_shown`] gives for `limit`, their texts taken from `texts`.
pub fn render_html(
    report: &Report,
    texts: &ArticleTexts,
    limit: usize,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let shown = pairs_shown(report, limit);
    let mut h = String::new();
    head(&mut h);
    overview::summary(report, &shown, &mut h);
    overview::stories(report, limit, &mut h);
    overview::pair_table(report, &shown, &mut h);
    graph::outlet_graph(report, &mut h);
    overview::clusters(report, limit, &mut h);
    side::pair_views(report, &shown, texts, &mut h);
    overview::warnings(report, texts, &mut h);
    h.push_str("</main>\n<script>\n");
    h.push_str(assets::SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

/// Indices into `report.pairs` of the pairs given a side-by-side view:
/// pairs sharing more than boilerplate, most shared words first, then pairs
/// that are no copy (`DirectionOut::no_copy`), then pairs sharing only
/// boilerplate; the first `limit` of them (0: all).
pub fn pairs_shown(report: &Report, limit: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..report.pairs.len()).collect();
    order.sort_by_key(|&i| {
        let p = &report.pairs[i];
        let words = std::cmp::Reverse(p.shared_words[0] + p.shared_words[1]);
        (p.relation == "boilerplate", p.direction.no_copy(), words, p.a, p.b)
    });
    if limit > 0 {
        order.truncate(limit);
    }
    order
}

/// The articles whose texts the page shows for `limit`: those of
/// [`pairs_shown`], sorted.
pub fn articles_shown(report: &Report, limit: usize) -> Vec<u32> {
    let mut articles: Vec<u32> =
        pairs_shown(report, limit).iter().flat_map(|&i| [report.pairs[i].a, report.pairs[i].b]).collect();
    articles.sort_unstable();
    articles.dedup();
    articles
}

/// `s` with the characters that mean something in HTML escaped (for text
/// and for quoted attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page's head, styles and title.
fn head(h: &mut String) {
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>wiretrace: reused text report</title>\n<style>\n");
    h.push_str(assets::STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n");
    h.push_str("<h1>Reused text: who copied whom</h1>\n");
}

/// How an article is named on the page: its id, and its outlet when known.
fn label(report: &Report, a: u32) -> String {
    crate::report::article_label(report, a)
}

/// A kind of shared text, in words, for legends and cluster lists.
fn kind_words(kind: &str) -> &'static str {
    match kind {
        "syndication" => "copied nearly word for word",
        "quote" => "the same quotation",
        "rewrite" => "the same sentences reworded",
        "boilerplate" => "template text of an outlet (not evidence of copying)",
        "repeat" => "the same text twice inside one article",
        _ => "shared text",
    }
}

/// The verdict on a pair, in words, with the articles' labels.
fn verdict_words(report: &Report, p: &PairOut) -> String {
    super::verdict_words(p, &label(report, p.a), &label(report, p.b))
}

/// A pair's confidence, for display (empty when undetermined).
fn confidence(p: &PairOut) -> String {
    if p.direction.verdict == "undetermined" {
        return String::new();
    }
    let c = p.direction.confidence;
    let words = if c >= 0.75 {
        "high"
    } else if c >= 0.5 {
        "moderate"
    } else {
        "low"
    };
    format!("{c:.2} ({words})")
}

/// A share as a whole percentage; a share that is not nothing (or not
/// all) never rounds to "0%" (or "100%"), since the page marks each
/// changed word and "0% changed" beside marked words reads as a contradiction.
fn percent(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        "<1%".to_string()
    } else if (0.995..1.0).contains(&x) {
        ">99%".to_string()
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

/// Writes `<span class="chip k-KIND">TEXT</span>`.
fn chip(h: &mut String, kind: &str, text: &str) {
    let _ = write!(h, "<span class=\"chip k-{}\">{}</span>", esc(kind), esc(text));
}

#[cfg(test)]
mod tests {
    use super::{esc, percent};

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(esc("Zelenskyy ⟦sic⟧"), "Zelenskyy ⟦sic⟧");
    }

    #[test]
    fn a_small_change_does_not_read_as_no_change() {
        // Helsinki: two captures of a Google News page, 0.29% of 3,784 shared
        // words changed, read "0% of them changed" beside words marked changed.
        assert_eq!(percent(0.0029), "<1%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.27), "27%");
        assert_eq!(percent(0.997), ">99%");
        assert_eq!(percent(1.0), "100%");
    }
}
