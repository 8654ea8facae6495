//! DOT export: `outlet_edges` -> a Graphviz `digraph` of whose wording is
//! reused, source -> reusing outlet (or article, when its outlet is
//! unknown), named sources drawn apart from outlets.
//!
//! Every identifier is quoted and escaped ([`quote`]); edges keep the
//! report's order (heaviest first), so the same report gives the same
//! bytes. Each edge says its words in `label`, its pairs in `tooltip`,
//! pulls its ends closer (`weight`, 1 to 11), and is drawn thicker for more words.

use std::fmt::Write as _;
use std::io;

use super::Report;
use super::outlets::nodes;

/// Widest edge, in points.
const MAX_PEN: f64 = 8.0;

/// Writes the DOT graph of `report`'s outlet edges.
pub fn render_dot(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let mut d = String::new();
    d.push_str("digraph wiretrace {\n");
    d.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", label=\"Whose wording is reused: source -> reusing outlet (label: shared words)\"];\n");
    d.push_str(
        "  node [fontname=\"Helvetica\", shape=box, style=\"rounded,filled\", fillcolor=\"#8ab4f8\"];\n",
    );
    d.push_str("  edge [fontname=\"Helvetica\", color=\"#555555\"];\n");
    for n in nodes(report, usize::MAX) {
        if n.named_source {
            let _ = writeln!(
                d,
                "  {} [shape=ellipse, fillcolor=\"#f6b26b\", tooltip=\"named source\"];",
                quote(n.name)
            );
        } else {
            let _ = writeln!(d, "  {};", quote(n.name));
        }
    }
    let max_words = report.outlet_edges.iter().map(|e| e.words).max().unwrap_or(1).max(1);
    for e in &report.outlet_edges {
        let share = e.words as f64 / max_words as f64;
        let pen = 1.0 + (MAX_PEN - 1.0) * share;
        let _ = writeln!(
            d,
            "  {} -> {} [label=\"{} words\", tooltip=\"{} pair(s)\", weight={}, penwidth={pen:.2}];",
            quote(&e.from),
            quote(&e.to),
            e.words,
            e.pairs,
            1 + (10.0 * share).round() as u32
        );
    }
    d.push_str("}\n");
    out.write_all(d.as_bytes())
}

/// `s` as a quoted DOT identifier: `"` and `\` escaped, line breaks and
/// other control characters turned into spaces.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_and_escapes_identifiers() {
        assert_eq!(quote("Financial Times"), "\"Financial Times\"");
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("two\nlines\\"), "\"two lines\\\\\"");
    }
}
