//! The one integration-test binary: each module is one area.

mod extract_fixtures;
mod extract_real;
