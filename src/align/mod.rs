//! Align: two texts -> the passages of one reused in the other, with byte
//! spans on both sides.
//!
//! The method follows the PAN text-alignment winner of 2014 (Sanchez-Perez,
//! Sidorov & Gelbukh, "A Winning Approach to Text Alignment for Text Reuse
//! Detection at PAN 2014"), in three steps:
//! 1. **seeding** — texts are cut into sentences, each a bag of stemmed
//!    content words; a pair of sentences is a seed when both its tf-idf
//!    cosine and its Dice coefficient reach their thresholds, which
//!    tolerates reordered, inserted and substituted words;
//! 2. **extension** — seeds are clustered by their gaps on both sides and
//!    each cluster, validated by the cosine of its two runs of sentences,
//!    becomes a fragment;
//! 3. **filtering** — fragments overlapping on side a keep the most similar
//!    one; fragments shorter than `min_bytes` on either side are dropped.
//!
//! Optionally, maximal runs of at least `verbatim_words` shared words that
//! no passage covers are passages too (lifted quotations; see `verbatim`).
//!
//! Spans start and end on words (a sentence's, trimmed to words shared with
//! the other side, or a verbatim run's), on UTF-8 character boundaries of
//! the original texts.

mod extend;
mod seeds;
mod sentences;
mod trim;
mod verbatim;

pub(crate) use sentences::is_stopword;

use crate::segment::Span;

/// Settings of the aligner; defaults are those of Sanchez-Perez et al.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignParams {
    /// Lowest tf-idf cosine of a seed sentence pair.
    pub min_cosine: f64,
    /// Lowest Dice coefficient of a seed sentence pair.
    pub min_dice: f64,
    /// Largest gap, in sentences, between two seeds of one fragment.
    pub max_gap: u32,
    /// Lowest cosine of a fragment's two runs of sentences.
    pub min_fragment_cosine: f64,
    /// Shortest passage kept, in bytes, on each side.
    pub min_bytes: usize,
    /// Largest gap, in sentences, when looking for a summary: a short
    /// passage of text a condensing a long one of text b.
    pub summary_gap: u32,
    /// A fragment found with `summary_gap` counts as a summary when its side
    /// b is at least this many times longer than its side a; it then
    /// replaces the ordinary fragments it overlaps. Infinite: no summaries
    /// (news, where a sentence "summarizing" a long stretch is not copied
    /// text: see `docs/passages.md`).
    pub summary_ratio: f64,
    /// Shared runs of at least this many consecutive words are passages
    /// too, when no sentence-level passage covers them (0: off).
    pub verbatim_words: usize,
    /// Keep function words in the sentence bags (their idf keeps their
    /// weight low), as Sanchez-Perez et al. do.
    pub keep_stopwords: bool,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            min_cosine: 0.33,
            min_dice: 0.33,
            max_gap: 4,
            min_fragment_cosine: 0.34,
            min_bytes: 150,
            summary_gap: 24,
            summary_ratio: 4.0,
            verbatim_words: 0,
            keep_stopwords: true,
        }
    }
}

/// A passage of text a reused in text b.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Passage {
    /// Byte span in text a.
    pub a: Span,
    /// Byte span in text b.
    pub b: Span,
    /// Number of seed sentence pairs inside.
    pub seeds: u32,
    /// Cosine of the two sides' tf-idf bags.
    pub cosine: f64,
}

/// The passages of `a` reused in `b`, ordered by their start in `a`.
pub fn align(a: &str, b: &str, params: &AlignParams) -> Vec<Passage> {
    align_prepared(&Prepared::new(a, params), &Prepared::new(b, params), params)
}

/// A text split into sentences once, to be aligned with many others.
#[derive(Clone, Debug)]
pub struct Prepared<'t> {
    text: &'t str,
    sentences: Vec<sentences::Sentence>,
    /// Words and their hashes, for verbatim runs (empty when they are off).
    words: Vec<(Span, u64)>,
    /// The windows of `words` a verbatim run may start from.
    windows: Vec<(u64, u32)>,
}

impl<'t> Prepared<'t> {
    /// Splits `text` into sentences of stemmed words (content words only,
    /// unless `params.keep_stopwords`).
    pub fn new(text: &'t str, params: &AlignParams) -> Self {
        Prepared::with_blocks(text, &[Span { start: 0, end: text.len() }], params)
    }

    /// Like [`Prepared::new`], with no sentence crossing the boundaries of
    /// `blocks` (the paragraphs); a passage may still run over several
    /// adjacent sentences, and so over a paragraph boundary.
    pub fn with_blocks(text: &'t str, blocks: &[Span], params: &AlignParams) -> Self {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let words = if params.verbatim_words > 0 { crate::normalize::word_hashes(text) } else { Vec::new() };
        Prepared {
            text,
            sentences: sentences::sentences(text, blocks, &stemmer, params.keep_stopwords),
            windows: verbatim::windows(&words, params.verbatim_words),
            words,
        }
    }
}

/// [`align`] over texts prepared once.
pub fn align_prepared(pa: &Prepared, pb: &Prepared, params: &AlignParams) -> Vec<Passage> {
    let (a, b, sa, sb) = (pa.text, pb.text, &pa.sentences, &pb.sentences);
    if sa.is_empty() || sb.is_empty() {
        return Vec::new();
    }
    let idf = seeds::idf(sa, sb);
    let seeds = seeds::seeds(sa, sb, &idf, params.min_cosine, params.min_dice);
    // Trimmed before the length filter: a passage that is long only by the
    // unrelated words around it does not survive it.
    let to_passage = |f: extend::Fragment| {
        let pa = Span { start: sa[f.a.0 as usize].span.start, end: sa[f.a.1 as usize].span.end };
        let pb = Span { start: sb[f.b.0 as usize].span.start, end: sb[f.b.1 as usize].span.end };
        let (a, b) = trim::trim_both(a, b, pa, pb, sa, sb);
        Passage { a, b, seeds: f.seeds, cosine: f.cosine }
    };
    let fragments = |gap| extend::fragments(&seeds, sa, sb, &idf, gap, params.min_fragment_cosine);
    let summaries: Vec<Passage> = if params.summary_ratio.is_finite() {
        fragments(params.summary_gap)
            .into_iter()
            .map(to_passage)
            .filter(|p| (p.b.end - p.b.start) as f64 >= params.summary_ratio * (p.a.end - p.a.start) as f64)
            .collect()
    } else {
        Vec::new()
    };
    let summary_bytes = union(summaries.iter().map(|s| s.a).collect());
    let overlaps_summary = |p: &Passage| overlaps_any(&summary_bytes, p.a);
    let mut passages: Vec<Passage> = fragments(params.max_gap)
        .into_iter()
        .map(to_passage)
        .filter(|p| !overlaps_summary(p))
        .chain(summaries.iter().copied())
        .filter(|p| p.a.end - p.a.start >= params.min_bytes && p.b.end - p.b.start >= params.min_bytes)
        .collect();
    passages = without_overlaps(passages);
    let runs = verbatim::runs((&pa.words, &pa.windows), (&pb.words, &pb.windows), params.verbatim_words);
    let mut taken = Taken::default();
    for p in &passages {
        taken.insert(p.a);
    }
    for (ra, rb) in runs {
        let long_enough = ra.end - ra.start >= params.min_bytes && rb.end - rb.start >= params.min_bytes;
        if long_enough && !taken.overlaps(ra) {
            taken.insert(ra);
            passages.push(Passage { a: ra, b: rb, seeds: 0, cosine: 1.0 });
        }
    }
    passages.sort_by_key(|p| (p.a.start, p.b.start));
    passages
}

/// Of passages overlapping on side a, keeps the most similar (then the
/// longest, then the first).
fn without_overlaps(mut passages: Vec<Passage>) -> Vec<Passage> {
    passages.sort_by(|x, y| {
        y.cosine
            .total_cmp(&x.cosine)
            .then((y.a.end - y.a.start).cmp(&(x.a.end - x.a.start)))
            .then(x.a.start.cmp(&y.a.start))
    });
    let (mut kept, mut taken) = (Vec::new(), Taken::default());
    for p in passages {
        if !taken.overlaps(p.a) {
            taken.insert(p.a);
            kept.push(p);
        }
    }
    kept
}

/// Spans that do not overlap, by start: an overlap test in logarithmic
/// time, so that keeping one of many overlapping passages stays linear.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    /// Whether `s` shares a byte with a span taken (spans taken never
    /// overlap, so the last one starting before `s` ends is the only
    /// candidate).
    fn overlaps(&self, s: Span) -> bool {
        self.0.range(..s.end).next_back().is_some_and(|(_, &end)| end > s.start)
    }

    /// Takes `s`, which must not overlap a span taken.
    fn insert(&mut self, s: Span) {
        self.0.insert(s.start, s.end);
    }
}

/// The bytes covered by `spans`, as sorted disjoint spans.
fn union(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Whether `s` shares a byte with one of `union` (sorted, disjoint).
fn overlaps_any(union: &[Span], s: Span) -> bool {
    let i = union.partition_point(|u| u.end <= s.start);
    union.get(i).is_some_and(|u| u.start < s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "The harbour authority confirmed on Monday that the northern pier will close for \
        repairs. Engineers found cracks in three of its supporting columns during a routine inspection. \
        Local traders said the closure would cost them business during the busiest weeks of the summer. \
        They asked the council to speed up the work or offer temporary berths elsewhere.";

    #[test]
    fn finds_a_reworded_passage_inside_unrelated_text() {
        let copy = "Weather was mild across the region. Officials opened a new library downtown. \
            On Monday the harbour authority confirmed the northern pier would close for repairs. \
            During a routine inspection engineers found cracks in three supporting columns. \
            Traders said the closure would cost them business in the busiest summer weeks. \
            They asked the council to speed the work up or offer berths elsewhere. \
            In sport, the local team won again.";
        let found = align(copy, SOURCE, &AlignParams::default());
        assert_eq!(found.len(), 1, "{found:?}");
        let text = &copy[found[0].a.start..found[0].a.end];
        // "On Monday" is a word pair of the source too, so "On" is kept.
        assert!(text.starts_with("On Monday the harbour") && text.ends_with("berths elsewhere"), "{text}");
        let source = &SOURCE[found[0].b.start..found[0].b.end];
        assert!(
            source.starts_with("The harbour authority") && source.ends_with("berths elsewhere"),
            "{source}"
        );
    }

    #[test]
    fn verbatim_runs_obey_the_minimum_length() {
        let a = "Markets were calm. He said it was totally false and misleading today. Rain fell.";
        let b = "Stocks rose. Officials said it was totally false and misleading today, again.";
        let params = |min_bytes| AlignParams { verbatim_words: 8, min_bytes, ..AlignParams::default() };
        assert!(!align(a, b, &params(20)).is_empty(), "an 8-word run of about 45 bytes is found");
        assert!(align(a, b, &params(60)).is_empty(), "and dropped when 60 bytes are required");
    }

    #[test]
    fn a_text_repeating_itself_aligns_in_linear_time() {
        // 30,000 identical sentences on each side: every sentence pair shares
        // every term and every word window repeats, so seeding all pairs
        // (or following every start of a run) would take 10^9 steps.
        let text = "Alpha beta gamma delta epsilon. ".repeat(30_000);
        let params = AlignParams { verbatim_words: 8, ..AlignParams::default() };
        assert_eq!(align(&text, &text, &params), Vec::new(), "a refrain is not a quote");
        // A real passage inside such text is still found.
        let a = format!("{text}{SOURCE}");
        let found = align(&a, SOURCE, &params);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&a[found[0].a.start..found[0].a.end], &SOURCE[found[0].b.start..found[0].b.end]);
    }

    #[test]
    fn unrelated_texts_give_nothing() {
        let other = "Markets rallied on Friday as investors welcomed lower inflation figures. \
            Bond yields fell sharply across the curve. Analysts expect further gains next week.";
        assert!(align(other, SOURCE, &AlignParams::default()).is_empty());
    }
}
