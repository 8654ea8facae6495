//! The one integration-test crate: runs the real binary on fixtures.

mod corpus;
mod determinism;
mod oracle;
mod schema;
mod util;
