//! wiretrace finds reused text in news: near-duplicate paragraphs inside one
//! article and across articles, shared passages, and who took from whom.
//!
//! The modules follow the data, so reading them in order is reading the
//! pipeline:
//!
//! | stage | takes | gives |
//! |---|---|---|
//! | [`input`] | files, JSONL, CSV | [`input::Article`]s |
//! | [`segment`] | an article's text | paragraph byte spans |
//! | [`normalize`] | a paragraph | word tokens with their original spans |
//! | [`shingle`] | tokens | a sorted set of 64-bit shingle hashes |
//! | [`minhash`] | a shingle set | a signature |
//! | [`lsh`] | signatures | candidate paragraph pairs |
//! | [`sketch`] | an article | spans, counts and band keys (text dropped) |
//! | [`reread`] | candidate paragraphs | their shingle sets and excerpts, read again |
//! | [`verify`] | two shingle sets | exact Jaccard and containment |
//! | [`blocks`] | verified pairs | block matches of consecutive paragraphs |
//! | [`cluster`] | verified pairs | clusters of places sharing text |
//! | [`provenance`] | a scan | kinds of reuse, who took from whom, article/outlet/story views |
//! | [`report`] | a scan | the text and JSON reports |
//! | [`passages`] | articles' fingerprints | article pairs worth aligning |
//! | [`align`] | two texts | passages of one reused in the other |
//! | [`quotes`] | a passage | whether it is inside quotation marks |
//! | [`diff`] | two passages | the words each keeps of the other |
//! | [`pan`] | a PAN corpus | detection XML per pair, through [`align`] |
//! | [`derive`](mod@derive) | an article and its sources | how much it derives from them |
//! | [`meter`] | the METER corpus | each story classified against its PA copy |
//! | [`clean`] | a scan | a cleaned copy of the corpus and a log of what was removed |
//!
//! [`pipeline`] runs them over a corpus; it alone decides parallelism and
//! order, and catches a panic in one article's processing so that it
//! becomes a warning (`docs/bad-input.md`). The library never prints and
//! never exits. [`faults`] lets tests inject failures.

pub mod align;
pub mod blocks;
pub mod clean;
pub mod cluster;
pub mod config;
pub mod derive;
pub mod diff;
pub mod error;
pub mod faults;
pub mod input;
pub mod lsh;
pub mod meter;
pub mod minhash;
pub mod normalize;
pub mod pan;
pub mod passages;
pub mod pipeline;
pub mod provenance;
pub mod quotes;
pub mod report;
pub mod reread;
pub mod segment;
pub mod shingle;
pub mod sketch;
pub mod spill;
pub mod verify;

pub use config::Config;
pub use error::{Error, Warning};
pub use pipeline::{Scan, scan, scan_with};
