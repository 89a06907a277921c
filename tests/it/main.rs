//! One integration-test binary: the library and the `minewatch` binary against the replay
//! server on 127.0.0.1, a real SQLite file, real blobs; the extractors over the fixtures and
//! the real documents in ../shared.

// Tests unwrap: a failure is a panic with the value that broke, which is what a test reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod alerts;
mod browser;
mod chaos;
mod cli;
mod crawl;
mod demo_signals;
mod detect;
mod discover;
mod export;
mod extract_fixtures;
mod extract_real;
mod follow;
mod fuzz;
mod html_reader;
mod ixbrl_arelle;
mod ixbrl_revenue;
mod lines_as_reported;
mod lock;
mod pdf;
mod pivot;
mod press;
mod real_shapes;
mod resume;
mod search;
mod series;
mod serve;
mod store_queries;
mod support;
mod watch;
mod workers;
