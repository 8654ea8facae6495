//! The one integration-test crate: runs the real binary on fixtures.

mod bad_input;
mod browser;
mod clean;
mod clean_check;
mod clean_cli;
mod clean_generated;
mod corpus;
mod degenerate;
mod determinism;
mod formats;
mod fuzz_regressions;
mod graph;
mod hostile;
mod matching;
mod meter;
mod oracle;
mod pairs;
mod pan;
mod passages;
mod progress;
mod provenance;
mod provenance_measures;
mod read_bytes;
mod realdata;
mod schema;
mod util;
