//! The outlet graph of the HTML page: `outlet_edges` -> inline SVG drawn
//! here (no library, no network). Nodes sit on a circle in order of first
//! appearance among the edges (heaviest first), so the same report draws
//! the same picture; arrows go from the source to the outlet reusing its
//! wording, thicker for more words.

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::esc;
use crate::report::outlets::{Node, nodes};
use crate::report::{Report, cut_at_word};

/// Edges drawn, heaviest first; the rest are counted under the graph.
const MAX_EDGES: usize = 30;
/// Width of the drawing, and its height for up to 8 nodes (it grows with
/// more, so that labels keep apart).
const SIZE: (f64, f64) = (960.0, 360.0);
/// Radius of a node.
const NODE: f64 = 11.0;
/// Longest node label, in characters.
const LABEL_CHARS: usize = 30;

/// The outlet graph section (nothing when there are no edges).
pub(super) fn outlet_graph(report: &Report, h: &mut String) {
    if report.outlet_edges.is_empty() {
        return;
    }
    let nodes = nodes(report, MAX_EDGES);
    let at: Vec<(f64, f64)> = (0..nodes.len()).map(|i| position(i, nodes.len())).collect();
    let centre = (SIZE.0 / 2.0, height(nodes.len()) / 2.0);
    let index = |name: &str| nodes.iter().position(|n| n.name == name);
    let max_words = report.outlet_edges.iter().map(|e| e.words).max().unwrap_or(1).max(1) as f64;
    h.push_str("<section id=\"graph\">\n<h2>Whose wording is reused</h2>\n");
    let _ = writeln!(
        h,
        "<svg class=\"graph\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" \
         aria-label=\"outlet graph\">",
        SIZE.0,
        height(nodes.len()),
        SIZE.0,
        height(nodes.len())
    );
    h.push_str(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"12\" \
         markerHeight=\"12\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n",
    );
    for e in report.outlet_edges.iter().take(MAX_EDGES) {
        let (Some(f), Some(t)) = (index(&e.from), index(&e.to)) else { continue };
        let width = 1.5 + 6.0 * e.words as f64 / max_words;
        edge(h, at[f], at[t], width, &format!("{} words", e.words), &format!("{} → {}", e.from, e.to));
    }
    for (n, &(x, y)) in nodes.iter().zip(&at) {
        node(h, n, (x, y), centre);
    }
    h.push_str(
        "</svg>\n<p class=\"note\">Arrows go from the source to the outlet (or article, when its \
        outlet is unknown) that reuses its wording; thicker arrows, more shared words. \
        <span class=\"src-dot\"></span> a source the articles name (such as a newspaper they credit), \
        <span class=\"out-dot\"></span> an outlet or article.",
    );
    if report.outlet_edges.len() > MAX_EDGES {
        let _ = write!(
            h,
            " The {} heaviest of {} edges are drawn (--format dot gives them all).",
            MAX_EDGES,
            report.outlet_edges.len()
        );
    }
    h.push_str("</p>\n</section>\n");
}

/// Height of the drawing for `n` nodes.
fn height(n: usize) -> f64 {
    SIZE.1 + 24.0 * n.saturating_sub(8) as f64
}

/// Centre of node `i` of `n` on the circle (the first at the top).
fn position(i: usize, n: usize) -> (f64, f64) {
    let (cx, cy) = (SIZE.0 / 2.0, height(n) / 2.0);
    if n == 1 {
        return (cx, cy);
    }
    let r = height(n) / 2.0 - 50.0;
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    // Wider than tall, leaving room for the labels at the sides.
    let rx = (1.6 * r).min(SIZE.0 / 2.0 - 160.0);
    (cx + rx * angle.cos(), cy + r * angle.sin())
}

/// An arrow from `a` to `b`, shifted a little to its right so that the
/// arrows of both directions stay apart, with its label at the middle.
fn edge(h: &mut String, a: (f64, f64), b: (f64, f64), width: f64, label: &str, title: &str) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (sx, sy) = (-uy * 4.0, ux * 4.0);
    let from = (a.0 + ux * NODE + sx, a.1 + uy * NODE + sy);
    let to = (b.0 - ux * (NODE + 2.0) + sx, b.1 - uy * (NODE + 2.0) + sy);
    let _ = writeln!(
        h,
        "<g class=\"edge\"><title>{}</title><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
         stroke-width=\"{width:.1}\" marker-end=\"url(#arrow)\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" class=\"elabel\">{}</text></g>",
        esc(title),
        from.0,
        from.1,
        to.0,
        to.1,
        (from.0 + to.0) / 2.0 + sx * 2.0,
        (from.1 + to.1) / 2.0 + sy * 2.0,
        esc(label)
    );
}

/// A node with its label outside the circle around `centre`.
fn node(h: &mut String, n: &Node, (x, y): (f64, f64), (cx, cy): (f64, f64)) {
    let (dx, dy) = (x - cx, y - cy);
    let anchor = if dx > 20.0 {
        "start"
    } else if dx < -20.0 {
        "end"
    } else {
        "middle"
    };
    let lx = x + dx.signum() * (NODE + 6.0) * f64::from(u8::from(anchor != "middle"));
    let ly = if anchor == "middle" { y + dy.signum().max(-1.0) * (NODE + 14.0) + 4.0 } else { y + 5.0 };
    let class = if n.named_source { "source" } else { "outlet" };
    let _ = writeln!(
        h,
        "<g class=\"node {class}\"><title>{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{NODE}\"/>\
         <text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text></g>",
        esc(n.name),
        esc(&cut_at_word(n.name, LABEL_CHARS))
    );
}
