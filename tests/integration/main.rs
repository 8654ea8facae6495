//! The one integration-test crate: runs the real binary on fixtures.

mod corpus;
mod determinism;
mod schema;
mod util;
