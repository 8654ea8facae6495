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
    let copies = s.shared > 0 && s.shared == s.a_len && s.shared == s.b_len;
    // Written piece by piece: `write!` made this a twentieth of a pairs run.
    line.extend_from_slice(b"{\"a\":");
    line.extend_from_slice(a.as_bytes());
    line.extend_from_slice(b",\"a_para\":");
    push_u32(line, i);
    line.extend_from_slice(b",\"b\":");
    line.extend_from_slice(b.as_bytes());
    line.extend_from_slice(b",\"b_para\":");
    push_u32(line, j);
    line.extend_from_slice(b",\"jaccard\":");
    if copies {
        line.push(b'1');
    } else {
        push_ratio4(line, s.jaccard())?;
    }
    line.extend_from_slice(b"}\n");
    Ok(())
}

/// Appends `n` in decimal.
fn push_u32(line: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    line.extend_from_slice(&digits[at..]);
}

/// Appends `x` rounded to 4 decimals as `Display` writes that `f64`
/// (`0.8`, `0.8333`, `1`, `0`).
fn push_ratio4(line: &mut Vec<u8>, x: f64) -> std::io::Result<()> {
    let tenths = (x * 10_000.0).round();
    if !(0.0..10_000.0).contains(&tenths) {
        return write!(line, "{}", super::round4(x));
    }
    let k = tenths as u32;
    if k == 0 {
        line.push(b'0');
        return Ok(());
    }
    let digits = [k / 1000, k / 100 % 10, k / 10 % 10, k % 10].map(|d| b'0' + d as u8);
    let last = digits.iter().rposition(|&d| d != b'0').unwrap_or(0);
    line.extend_from_slice(b"0.");
    line.extend_from_slice(&digits[..=last]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, 10, 99, 100, 12345, u32::MAX] {
            let mut line = Vec::new();
            push_u32(&mut line, n);
            assert_eq!(line, n.to_string().into_bytes());
        }
        let mut x = 0.0f64;
        let steps = (0..=10_000).map(|k| f64::from(k) / 10_000.0).chain(std::iter::from_fn(|| {
            x = (x + 0.618_033_988_749_895) % 1.0;
            Some(x)
        }));
        for x in steps.take(60_000).chain([1.0, 0.99996, 0.99995, 0.00004, 0.00005, 1.5]) {
            let mut line = Vec::new();
            push_ratio4(&mut line, x).expect("write to a vector");
            assert_eq!(String::from_utf8(line).expect("ascii"), super::super::round4(x).to_string(), "{x}");
        }
    }
}
