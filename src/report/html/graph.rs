//! The outlet graph of the HTML page: `outlet_edges` -> inline SVG drawn
//! here (no library, no network). Nodes sit on a circle in order of first
//! appearance among the edges (heaviest first), so the same report draws
//! the same picture; a node at an end of most edges (a wire service) sits
//! at its centre instead, its arrows as spokes. Arrows go from the source
//! to the outlet reusing its wording, thicker for more words.

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
    let index = |name: &str| nodes.iter().position(|n| n.name == name);
    let ends: Vec<Option<(usize, usize)>> =
        report.outlet_edges.iter().take(MAX_EDGES).map(|e| Some((index(&e.from)?, index(&e.to)?))).collect();
    let drawn: Vec<(usize, usize)> = ends.iter().flatten().copied().collect();
    let hub = hub(&drawn, nodes.len());
    let (at, slot) = layout(nodes.len(), hub);
    let centre = (SIZE.0 / 2.0, height(nodes.len()) / 2.0);
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
    for (e, ends) in report.outlet_edges.iter().zip(&ends) {
        let Some((f, t)) = *ends else { continue };
        let width = 1.5 + 6.0 * e.words as f64 / max_words;
        let along = label_along(hub, (f, t), &slot);
        let words = format!("{} words", crate::report::thousands(e.words));
        edge(h, arrow(at[f], at[t]), along, width, &words, &format!("{} → {}", e.from, e.to));
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

/// The node that is an end of more than half of the `drawn` edges (a
/// wire service most outlets take from), if any, and if there are enough
/// nodes for a ring around it. On the circle its arrows to its neighbours
/// there would be too short to label, their labels on top of the names.
fn hub(drawn: &[(usize, usize)], n: usize) -> Option<usize> {
    if n < 4 {
        return None;
    }
    (0..n).find(|&i| 2 * drawn.iter().filter(|&&(f, t)| f == i || t == i).count() > drawn.len())
}

/// Centres of `n` nodes, and each one's slot on the circle: `hub` at the
/// centre (its slot unused), the others on the circle in order.
fn layout(n: usize, hub: Option<usize>) -> (Vec<(f64, f64)>, Vec<usize>) {
    let ring = n - usize::from(hub.is_some());
    let slot: Vec<usize> = (0..n).map(|i| if hub.is_some_and(|h| i > h) { i - 1 } else { i }).collect();
    let centre = (SIZE.0 / 2.0, height(n) / 2.0);
    let at = (0..n).map(|i| if hub == Some(i) { centre } else { position(slot[i], ring, n) }).collect();
    (at, slot)
}

/// Where along an edge (0: its start, 1: its end) its label goes: the
/// middle, or for the spokes of a hub, nearer the ring and staggered in two
/// rings by slot, so that the labels of neighbouring spokes keep apart.
fn label_along(hub: Option<usize>, (f, t): (usize, usize), slot: &[usize]) -> f64 {
    // Slots alternate between two distances from the hub; on an odd ring
    // the last slot, next to the first, takes a third.
    let ring = slot.len().saturating_sub(1);
    let out = |s: usize| if ring % 2 == 1 && s + 1 == ring { 0.66 } else { [0.52, 0.8][s % 2] };
    match hub {
        Some(h) if f == h => out(slot[t]),
        Some(h) if t == h => 1.0 - out(slot[f]),
        _ => 0.5,
    }
}

/// Centre of slot `i` of `n` on the circle (the first at the top) of a
/// drawing sized for `nodes` nodes.
fn position(i: usize, n: usize, nodes: usize) -> (f64, f64) {
    let (cx, cy) = (SIZE.0 / 2.0, height(nodes) / 2.0);
    if n == 1 {
        return (cx, cy);
    }
    let r = height(nodes) / 2.0 - 50.0;
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    // Wider than tall, leaving room for the labels at the sides.
    let rx = (1.6 * r).min(SIZE.0 / 2.0 - 160.0);
    (cx + rx * angle.cos(), cy + r * angle.sin())
}

/// An arrow from `a` to `b`, shifted a little to its right so that the
/// arrows of both directions stay apart: its ends and its shift.
fn arrow(a: (f64, f64), b: (f64, f64)) -> [(f64, f64); 3] {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let (ux, uy) = (dx / len, dy / len);
    let (sx, sy) = (-uy * 4.0, ux * 4.0);
    let from = (a.0 + ux * NODE + sx, a.1 + uy * NODE + sy);
    let to = (b.0 - ux * (NODE + 2.0) + sx, b.1 - uy * (NODE + 2.0) + sy);
    [from, to, (sx, sy)]
}

/// Where the label of `arrow` goes, `along` the way.
fn label_at([from, to, (sx, sy)]: [(f64, f64); 3], along: f64) -> (f64, f64) {
    (from.0 + (to.0 - from.0) * along + sx * 2.0, from.1 + (to.1 - from.1) * along + sy * 2.0)
}

/// Draws `arrow` with its label `along` the way.
fn edge(h: &mut String, arrow: [(f64, f64); 3], along: f64, width: f64, label: &str, title: &str) {
    let [from, to, _] = arrow;
    let (lx, ly) = label_at(arrow, along);
    let _ = writeln!(
        h,
        "<g class=\"edge\"><title>{}</title><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
         stroke-width=\"{width:.1}\" marker-end=\"url(#arrow)\"/>\
         <text x=\"{lx:.1}\" y=\"{ly:.1}\" class=\"elabel\">{}</text></g>",
        esc(title),
        from.0,
        from.1,
        to.0,
        to.1,
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

#[cfg(test)]
mod tests {
    use super::{NODE, arrow, hub, label_along, label_at, layout};

    #[test]
    fn spoke_labels_of_a_wire_service_keep_clear_of_nodes_and_of_each_other() {
        // Helsinki: Associated Press is an end of 28 of the 30 edges drawn.
        // On the circle, its arrows to its neighbours there were ~67 px
        // long, their labels ("12206 words", its heaviest) under the names.
        let n = 30;
        let drawn: Vec<(usize, usize)> = (1..n).map(|t| (0, t)).collect();
        let hub = hub(&drawn, n);
        assert_eq!(hub, Some(0));
        let (at, slot) = layout(n, hub);
        let labels: Vec<(f64, f64)> = drawn
            .iter()
            .map(|&(f, t)| label_at(arrow(at[f], at[t]), label_along(hub, (f, t), &slot)))
            .collect();
        // A label "12206 words" is about 70 x 14 px, centred on its point.
        let (half_w, half_h) = (35.0, 8.0);
        for (k, &(lx, ly)) in labels.iter().enumerate() {
            for (i, &(x, y)) in at.iter().enumerate() {
                let clear = (lx - x).abs() > half_w + NODE || (ly - 4.0 - y).abs() > half_h + NODE;
                assert!(clear, "label of edge {k} at ({lx:.0}, {ly:.0}) on node {i} at ({x:.0}, {y:.0})");
            }
            for (j, &(mx, my)) in labels.iter().enumerate().skip(k + 1) {
                let apart = (lx - mx).abs() > 2.0 * half_w || (ly - my).abs() > 2.0 * half_h;
                assert!(apart, "labels of edges {k} and {j} overlap: ({lx:.0}, {ly:.0}), ({mx:.0}, {my:.0})");
            }
        }
    }

    #[test]
    fn no_hub_when_no_node_carries_most_edges() {
        assert_eq!(hub(&[(0, 1), (2, 3), (4, 5)], 6), None);
        assert_eq!(hub(&[(0, 1)], 2), None, "too few nodes for a ring");
    }
}
