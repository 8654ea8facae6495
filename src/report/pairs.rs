//! The pairs format: every verified paragraph pair, one JSON object per
//! line, straight from the [`Scan`] (no report is built).
//!
//! Unlike the reports, which show each cluster member against its center,
//! this lists all pairs at or above the threshold, so its size grows with
//! the square of a cluster's size (a boilerplate line carried by 1,000
//! articles is 499,500 lines). Pairs are in paragraph-table order: article
//! order, then paragraph order.

use std::io::Write;

use crate::pipeline::Scan;
use crate::verify::Edge;

/// Writes one line per verified pair:
/// `{"a":ID,"a_para":I,"b":ID,"b_para":J,"jaccard":X}`, paragraphs 0-based
/// as in the JSON report, Jaccard rounded to 4 decimals.
pub fn render_pairs(scan: &Scan, out: &mut dyn Write) -> std::io::Result<()> {
    let mut line = Vec::with_capacity(128);
    for edge in &scan.edges {
        line.clear();
        pair_line(scan, edge, &mut line)?;
        out.write_all(&line)?;
    }
    Ok(())
}

fn pair_line(scan: &Scan, edge: &Edge, line: &mut Vec<u8>) -> std::io::Result<()> {
    let side = |p: u32| {
        let place = scan.paragraphs.get(p as usize)?;
        let article = scan.articles.get(place.article as usize)?;
        Some((article.meta.id.as_str(), place.index))
    };
    let (Some((a, i)), Some((b, j))) = (side(edge.p), side(edge.q)) else {
        return Ok(());
    };
    line.extend_from_slice(b"{\"a\":");
    serde_json::to_writer(&mut *line, a)?;
    write!(line, ",\"a_para\":{i},\"b\":")?;
    serde_json::to_writer(&mut *line, b)?;
    let jaccard = super::round4(edge.similarity.jaccard());
    writeln!(line, ",\"b_para\":{j},\"jaccard\":{jaccard}}}")
}
