//! Sketch: one [`Article`] -> its paragraphs' spans, word counts and LSH band
//! keys. The article's text is not kept: what later stages need of it
//! (shingle sets of candidate paragraphs, excerpts) is recomputed from a
//! second read, checked against [`ArticleSketch::text_hash`].
//!
//! Memory per paragraph: its span, counts and words digest (40 bytes); its LSH
//! band keys (`8 * bands` bytes, 312 at the default threshold) go to a
//! temporary file ([`crate::spill`]) as soon as its batch is sketched. Per
//! article, about 2 bytes per word of passage fingerprints.

use crate::input::{Article, ArticleKey, ArticleMeta};
use crate::lsh::LshParams;
use crate::minhash::MinHasher;
use crate::normalize::{Token, Tokenizer};
use crate::provenance::signals::{self, Signals};
use crate::segment::{self, Span};
use crate::shingle::{ShingleParams, shingle_set};

/// Settings of the sketch stage.
#[derive(Clone, Debug)]
pub struct SketchParams {
    /// Shingling of paragraphs.
    pub shingle: ShingleParams,
    /// Number of MinHash permutations available to the band layout.
    pub permutations: usize,
    /// Band layout.
    pub lsh: LshParams,
    /// Seed of word hashes and MinHash permutations.
    pub seed: u64,
    /// Paragraph separator given by the user; detected per text when `None`.
    pub separator: Option<String>,
    /// Whether to keep passage fingerprints (about 2 bytes per word; not
    /// needed when passages are not searched).
    pub fingerprints: bool,
    /// Whether to read what provenance needs in the text: paragraphs'
    /// quote shares and page-junk marks, the article's signals (left at
    /// zero, unmarked and empty otherwise).
    pub provenance: bool,
}

/// What is kept of one paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParagraphSketch {
    /// Byte span in the article's text.
    pub span: Span,
    /// Number of words.
    pub words: u32,
    /// Number of distinct shingles (0: too short to be matched).
    pub shingles: u32,
    /// Share of its words inside quotation marks.
    pub quoted: f32,
    /// Whether it is page junk (a disclaimer, a copyright line, a
    /// navigation bar; see `provenance::signals`).
    pub junk: bool,
    /// Whether it holds a page-junk marker, wherever it is (`junk` also
    /// needs it near an edge of the article).
    pub marked: bool,
    /// [`words_digest`](crate::shingle::words_digest) of its normalized
    /// words: equal for paragraphs with the same words in the same order,
    /// which therefore have the same shingle set and band keys. LSH groups
    /// copies by it, verification knows copies by it without their sets,
    /// and the words re-read for verification are kept once per digest.
    pub digest: u64,
}

/// What is kept of one article after sketching.
#[derive(Clone, Debug)]
pub struct ArticleSketch {
    /// Where to read it again.
    pub key: ArticleKey,
    /// Its descriptive fields.
    pub meta: ArticleMeta,
    /// Length of its text in bytes.
    pub text_len: usize,
    /// xxh3 of its text, to notice a file that changed between two reads.
    pub text_hash: u64,
    /// Paragraphs longer than [`segment::MAX_PARAGRAPH_BYTES`] that were
    /// split into pieces (each piece is one of `paragraphs`).
    pub long_paragraphs: u32,
    /// Its paragraphs in text order.
    pub paragraphs: Vec<ParagraphSketch>,
    /// `bands` keys per paragraph, paragraph after paragraph (zeros for a
    /// paragraph without shingles).
    pub band_keys: Vec<u64>,
    /// Sampled word 4-gram fingerprints for passage candidates, each with
    /// its paragraph (sorted, unique; see `passages`).
    pub fingerprints: Vec<(u64, u32)>,
    /// What its text says of its origin: sources named, dateline.
    pub signals: Signals,
}

impl ArticleSketch {
    /// The start of the paragraph holding byte `at` (0 if there is none).
    pub fn paragraph_start(&self, at: usize) -> usize {
        let i = self.paragraph_at(at);
        self.paragraphs.get(i).map_or(0, |p| p.span.start)
    }

    /// Index of the paragraph holding byte `at` (the last one starting at or
    /// before it).
    pub fn paragraph_at(&self, at: usize) -> usize {
        self.paragraphs.partition_point(|p| p.span.start <= at).saturating_sub(1)
    }
}

/// Sketches articles with fixed settings; cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Sketcher {
    params: SketchParams,
    hasher: MinHasher,
}

/// Per-call scratch buffers.
#[derive(Default)]
struct Scratch {
    tokenizer: Tokenizer,
    tokens: Vec<Token>,
    shingles: Vec<u64>,
    signature: Vec<u32>,
    keys: Vec<u64>,
}

impl Sketcher {
    /// A sketcher for `params`.
    ///
    /// # Panics
    ///
    /// If the band layout is empty or needs more values than there are
    /// permutations (a programming error: [`LshParams::for_threshold`] never
    /// makes such a layout).
    pub fn new(params: SketchParams) -> Self {
        let LshParams { bands, rows } = params.lsh;
        assert!(
            bands >= 1 && rows >= 1 && bands * rows <= params.permutations,
            "band layout {bands} x {rows} does not fit {} permutations",
            params.permutations
        );
        // The band layout may use fewer values than `permutations`; only
        // those are computed.
        let used = (params.lsh.bands * params.lsh.rows).min(params.permutations);
        let hasher = MinHasher::new(used, params.seed ^ 0x6d69_6e68_6173_6821);
        Sketcher { params, hasher }
    }

    /// The settings in use.
    pub fn params(&self) -> &SketchParams {
        &self.params
    }

    /// The same sketcher with `separator` replacing blank lines (if the
    /// user gave none), for a source where that separator is obvious.
    pub fn for_source(&self, separator: Option<&str>) -> Sketcher {
        let mut sketcher = self.clone();
        if sketcher.params.separator.is_none() {
            sketcher.params.separator = separator.map(str::to_string);
        }
        sketcher
    }

    /// The paragraph spans of `text`.
    pub fn paragraphs(&self, text: &str) -> Vec<Span> {
        self.paragraphs_counting_long(text).0
    }

    /// The paragraph spans of `text`, and how many paragraphs were too long
    /// and split (see [`segment::MAX_PARAGRAPH_BYTES`]).
    fn paragraphs_counting_long(&self, text: &str) -> (Vec<Span>, usize) {
        let separator = self.params.separator.as_deref().or_else(|| segment::detect_separator(text));
        segment::paragraphs_counting_long(text, separator)
    }

    /// Sketches one article; its text is dropped.
    pub fn sketch(&self, article: Article) -> ArticleSketch {
        let mut scratch = Scratch::default();
        let bands = self.params.lsh.bands;
        let (spans, long_paragraphs) = self.paragraphs_counting_long(&article.text);
        let count = spans.len();
        let mut paragraphs = Vec::with_capacity(count);
        let mut band_keys = Vec::with_capacity(spans.len() * bands);
        let mut fingerprints = Vec::new();
        for (index, span) in spans.into_iter().enumerate() {
            self.shingles_into(&article.text, span, &mut scratch);
            if self.params.fingerprints {
                crate::passages::push_fingerprints(&scratch.tokens, index as u32, &mut fingerprints);
            }
            let shingles = saturating_u32(scratch.shingles.len());
            if shingles == 0 {
                band_keys.extend(std::iter::repeat_n(0, bands));
            } else {
                self.hasher.signature(&scratch.shingles, &mut scratch.signature);
                self.params.lsh.band_keys(&scratch.signature, &mut scratch.keys);
                band_keys.extend_from_slice(&scratch.keys);
            }
            let digest = crate::shingle::words_digest(scratch.tokens.iter().map(|t| t.hash));
            let words = scratch.tokens.len();
            let (mut quoted, mut marked) = (0.0, false);
            if self.params.provenance {
                let (all, inside) = crate::quotes::quoted_words(&article.text, span.start, span);
                quoted = if all == 0 { 0.0 } else { inside as f32 / all as f32 };
                // The marker wherever it is; `keep_junk_at_edges` keeps junk at the edges.
                marked = signals::is_junk(&article.text, span, words);
            }
            paragraphs.push(ParagraphSketch {
                span,
                words: saturating_u32(words),
                shingles,
                quoted,
                junk: marked,
                marked,
                digest,
            });
        }
        signals::keep_junk_at_edges(&mut paragraphs);
        let signals = if self.params.provenance {
            let spans: Vec<Span> = paragraphs.iter().map(|p| p.span).collect();
            signals::signals(&article.text, &spans)
        } else {
            Signals::default()
        };
        ArticleSketch {
            signals,
            key: article.key,
            meta: article.meta,
            text_len: article.text.len(),
            text_hash: text_hash(&article.text),
            long_paragraphs: saturating_u32(long_paragraphs),
            paragraphs,
            band_keys,
            fingerprints: {
                fingerprints.sort_unstable();
                fingerprints.dedup();
                fingerprints
            },
        }
    }

    /// The sorted shingle set of `text[span]`.
    pub fn shingle_set(&self, text: &str, span: Span) -> Vec<u64> {
        self.shingles_and_words(text, span).0
    }

    /// The sorted shingle set of `text[span]` and its normalized words'
    /// hashes in text order.
    pub fn shingles_and_words(&self, text: &str, span: Span) -> (Vec<u64>, Vec<u64>) {
        let mut scratch = Scratch::default();
        self.shingles_into(text, span, &mut scratch);
        (scratch.shingles, scratch.tokens.iter().map(|t| t.hash).collect())
    }

    /// The normalized words' hashes of `text[span]`, in text order.
    pub fn words(&self, text: &str, span: Span) -> Vec<u64> {
        // About one word per 6 bytes of news text: room for most at once.
        let mut hashes = Vec::with_capacity((span.end - span.start) / 6 + 1);
        Tokenizer::default().hashes(text, span, self.params.seed, &mut hashes);
        hashes
    }

    fn shingles_into(&self, text: &str, span: Span, scratch: &mut Scratch) {
        scratch.tokens.clear();
        scratch.tokenizer.tokens(text, span, self.params.seed, &mut scratch.tokens);
        shingle_set(&scratch.tokens, &self.params.shingle, &mut scratch.shingles);
    }
}

/// A count as `u32`, capped (cannot be reached: articles and paragraphs
/// are bounded by `input::MAX_ARTICLE_BYTES` and `segment::MAX_PARAGRAPH_BYTES`).
fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Hash identifying an article's text between two reads.
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}
