//! Nodes of the outlet graph (`outlet_edges`), shared by the HTML page and
//! the DOT export: each outlet, article or named source once, in order of
//! first appearance among the edges (heaviest first), and whether it is a
//! source the texts name rather than an outlet reusing text.

use std::collections::HashSet;

use super::Report;

/// A node: its name and whether it is a named source rather than an outlet.
pub(super) struct Node<'r> {
    /// Outlet, source or article id.
    pub name: &'r str,
    /// A source named in the texts, never itself reusing anything.
    pub named_source: bool,
}

/// The nodes of the first `max` edges, in order of first appearance.
pub(super) fn nodes(report: &Report, max: usize) -> Vec<Node<'_>> {
    let mut reusers: HashSet<&str> = report.outlet_edges.iter().map(|e| e.to.as_str()).collect();
    for a in &report.articles {
        reusers.insert(&a.id);
        reusers.extend(a.outlet.as_deref());
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut nodes = Vec::new();
    for e in report.outlet_edges.iter().take(max) {
        for name in [e.from.as_str(), e.to.as_str()] {
            if seen.insert(name) {
                nodes.push(Node { name, named_source: !reusers.contains(name) });
            }
        }
    }
    nodes
}
