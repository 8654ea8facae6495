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
    // Ids are escaped once per article, not once per pair: a boilerplate
    // paragraph makes millions of lines.
    let ids = scan
        .articles
        .iter()
        .map(|a| serde_json::to_string(&a.meta.id))
        .collect::<Result<Vec<String>, _>>()?;
    let mut line = Vec::with_capacity(128);
    for edge in &scan.edges {
        line.clear();
        pair_line(scan, &ids, edge, &mut line)?;
        out.write_all(&line)?;
    }
    Ok(())
}

fn pair_line(scan: &Scan, ids: &[String], edge: &Edge, line: &mut Vec<u8>) -> std::io::Result<()> {
    let side = |p: u32| {
        let place = scan.paragraphs.get(p as usize)?;
        Some((ids.get(place.article as usize)?, place.index))
    };
    let (Some((a, i)), Some((b, j))) = (side(edge.p), side(edge.q)) else {
        return Ok(());
    };
    let s = edge.similarity;
    if s.shared > 0 && s.shared == s.a_len && s.shared == s.b_len {
        writeln!(line, "{{\"a\":{a},\"a_para\":{i},\"b\":{b},\"b_para\":{j},\"jaccard\":1}}")
    } else {
        let jaccard = super::round4(s.jaccard());
        writeln!(line, "{{\"a\":{a},\"a_para\":{i},\"b\":{b},\"b_para\":{j},\"jaccard\":{jaccard}}}")
    }
}
