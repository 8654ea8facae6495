//! Cover: pieces of one article's text found shared (the sides of regions,
//! which may overlap) -> the words they cover, each word counted once.
//!
//! A region's side is a byte span with a word count. Regions overlap: a
//! paragraph repeated in both articles of a pair gives a region for every
//! pair of copies, and a passage may lie inside a clustered paragraph.
//! Adding their words would count a word once per region covering it, so
//! the article's words are counted instead, paragraph by paragraph:
//!
//! - a paragraph a piece covers whole counts all its words;
//! - otherwise each stretch of it that pieces cover counts at the word
//!   density of the densest piece covering it (a piece's words spread
//!   evenly over its bytes inside paragraphs, after the words of the
//!   paragraphs it covers whole), and the paragraph counts at most its
//!   words.
//!
//! So the words covered never exceed the article's, a piece alone counts
//! exactly its words, and covering more text never counts fewer words
//! (pieces added can only raise a stretch's density or add stretches): an
//! article's cover by all its pairs is at least its cover by any one.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::regions::Region;
use crate::segment::Span;
use crate::sketch::ArticleSketch;

/// One side of a region: text of the article found in another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    /// Its bytes in the article.
    pub span: Span,
    /// Its words.
    pub words: u32,
    /// Share of its words inside quotation marks.
    pub quoted: f32,
}

impl Piece {
    /// Side `side` (0: a, 1: b) of region `r`.
    pub fn of(r: &Region, side: usize) -> Piece {
        Piece { span: r.spans[side], words: r.words[side], quoted: r.quoted[side] }
    }
}

/// The words pieces cover in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cover {
    /// Words covered.
    pub words: f64,
    /// Words covered outside page junk.
    pub content: f64,
    /// Words covered inside quotation marks.
    pub quoted: f64,
    /// Words credited to each piece (summing to `words`): a word covered by
    /// several pieces is credited to one of them.
    pub credited: Vec<f64>,
}

/// A piece's part inside one paragraph.
#[derive(Clone, Copy, Debug)]
struct Part {
    paragraph: usize,
    span: Span,
    whole: bool,
    density: f64,
    piece: usize,
}

/// The words of `article` that `pieces` cover.
pub fn cover(article: &ArticleSketch, pieces: &[Piece]) -> Cover {
    let mut parts = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        parts_of(article, i, piece, &mut parts);
    }
    parts.sort_by_key(|p| (p.paragraph, p.span.start, p.piece));
    let mut out = Cover { credited: vec![0.0; pieces.len()], ..Cover::default() };
    for group in parts.chunk_by(|x, y| x.paragraph == y.paragraph) {
        let paragraph = &article.paragraphs[group[0].paragraph];
        let all = f64::from(paragraph.words);
        let (words, quoted) = if let Some(whole) = group.iter().find(|p| p.whole) {
            out.credited[whole.piece] += all;
            (all, all * f64::from(paragraph.quoted))
        } else {
            stretches(group, pieces, all, &mut out.credited)
        };
        out.words += words;
        out.quoted += quoted;
        if !paragraph.junk {
            out.content += words;
        }
    }
    out
}

/// Adds to `out` the parts of `piece` (number `i`), one per paragraph it
/// overlaps, with the density of its words outside paragraphs it covers
/// whole.
fn parts_of(article: &ArticleSketch, i: usize, piece: &Piece, out: &mut Vec<Part>) {
    let s = piece.span;
    if s.end <= s.start || article.paragraphs.is_empty() {
        return;
    }
    let (first, last) = (article.paragraph_at(s.start), article.paragraph_at(s.end - 1));
    let from = out.len();
    let (mut whole_words, mut partial_bytes) = (0u64, 0usize);
    for (k, p) in article.paragraphs.iter().enumerate().take(last + 1).skip(first) {
        let span = Span { start: s.start.max(p.span.start), end: s.end.min(p.span.end) };
        if span.end <= span.start {
            continue;
        }
        let whole = span == p.span;
        if whole {
            whole_words += u64::from(p.words);
        } else {
            partial_bytes += span.end - span.start;
        }
        out.push(Part { paragraph: k, span, whole, density: 0.0, piece: i });
    }
    let rest = u64::from(piece.words).saturating_sub(whole_words) as f64;
    let density = if partial_bytes == 0 { 0.0 } else { rest / partial_bytes as f64 };
    for part in &mut out[from..] {
        part.density = density;
    }
}

/// A part waiting in the sweep: densest first, then the lowest piece.
struct Open {
    density: f64,
    piece: usize,
    end: usize,
}

impl PartialEq for Open {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Open {}

impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Open {
    fn cmp(&self, other: &Self) -> Ordering {
        self.density.total_cmp(&other.density).then(other.piece.cmp(&self.piece))
    }
}

/// Words and quoted words of one paragraph of `all` words covered in part
/// by `group` (sorted by start), crediting each stretch to the densest part
/// covering it; scaled down to `all` words if they add up to more.
fn stretches(group: &[Part], pieces: &[Piece], all: f64, credited: &mut [f64]) -> (f64, f64) {
    let mut bounds: Vec<usize> = group.iter().flat_map(|p| [p.span.start, p.span.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let (mut open, mut next) = (BinaryHeap::new(), 0);
    let mut found: Vec<(usize, f64)> = Vec::new();
    for w in bounds.windows(2) {
        while next < group.len() && group[next].span.start <= w[0] {
            let p = &group[next];
            open.push(Open { density: p.density, piece: p.piece, end: p.span.end });
            next += 1;
        }
        while open.peek().is_some_and(|o| o.end <= w[0]) {
            open.pop();
        }
        if let Some(top) = open.peek() {
            found.push((top.piece, top.density * (w[1] - w[0]) as f64));
        }
    }
    let sum: f64 = found.iter().map(|f| f.1).sum();
    let scale = if sum > all { all / sum } else { 1.0 };
    let mut quoted = 0.0;
    for (piece, words) in found {
        credited[piece] += words * scale;
        quoted += words * scale * f64::from(pieces[piece].quoted);
    }
    (sum * scale, quoted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{ArticleKey, ArticleMeta};
    use crate::sketch::ParagraphSketch;

    /// An article of paragraphs of `words` words, 10 bytes a word, one byte
    /// apart; the last paragraph is page junk.
    fn article(words: &[u32]) -> ArticleSketch {
        let mut at = 0;
        let paragraphs = words
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let span = Span { start: at, end: at + 10 * w as usize };
                at = span.end + 1;
                ParagraphSketch {
                    span,
                    words: w,
                    shingles: w,
                    quoted: if i == 0 { 1.0 } else { 0.0 },
                    junk: i + 1 == words.len(),
                    marked: false,
                    digest: i as u64,
                }
            })
            .collect();
        ArticleSketch {
            key: ArticleKey { source: 0, line: 0 },
            meta: ArticleMeta::default(),
            text_len: at,
            text_hash: 0,
            long_paragraphs: 0,
            paragraphs,
            band_keys: Vec::new(),
            fingerprints: Vec::new(),
            signals: Default::default(),
        }
    }

    fn piece(start: usize, end: usize, words: u32) -> Piece {
        Piece { span: Span { start, end }, words, quoted: 0.0 }
    }

    #[test]
    fn a_word_covered_by_many_pieces_counts_once() {
        let a = article(&[20, 30, 5]);
        // Paragraph 1 (bytes 201-501) whole, eight times over, and a passage inside it.
        let mut pieces = vec![piece(201, 501, 30); 8];
        pieces.push(piece(250, 350, 10));
        let c = cover(&a, &pieces);
        assert_eq!((c.words, c.content), (30.0, 30.0));
        assert_eq!(c.credited.iter().sum::<f64>(), 30.0);
        // Overlapping passages inside paragraph 0: 100 bytes + 100 bytes
        // overlapping by 50 bytes, 10 words each: 15 words, not 20.
        let c = cover(&a, &[piece(0, 100, 10), piece(50, 150, 10)]);
        assert!((c.words - 15.0).abs() < 1e-9, "{c:?}");
        assert!((c.quoted - 0.0).abs() < 1e-9, "passages say whether they are quoted");
    }

    #[test]
    fn a_piece_alone_counts_its_words_and_junk_is_not_content() {
        let a = article(&[20, 30, 5]);
        // Half of paragraph 0, all of 1 and 2: 37 words said, 30 + 5 whole.
        let c = cover(&a, &[piece(100, a.text_len, 37)]);
        assert!((c.words - 37.0).abs() < 1e-9 && (c.content - 32.0).abs() < 1e-9, "{c:?}");
        // A piece claiming more words than its paragraph holds is capped.
        let c = cover(&a, &[piece(0, 100, 500)]);
        assert_eq!(c.words, 20.0);
    }

    #[test]
    fn more_pieces_never_cover_fewer_words() {
        let a = article(&[20, 30, 40, 5]);
        let all = [piece(0, 120, 14), piece(60, 200, 9), piece(201, 501, 30), piece(520, 700, 25)];
        for mask in 0u32..16 {
            for extra in 0..4 {
                let some: Vec<Piece> = (0..4).filter(|i| mask >> i & 1 == 1).map(|i| all[i]).collect();
                let mut more = some.clone();
                more.push(all[extra]);
                assert!(cover(&a, &more).words + 1e-9 >= cover(&a, &some).words, "{mask} + {extra}");
            }
        }
    }
}
