//! One integration-test binary: the library and the `minewatch` binary against the replay
//! server on 127.0.0.1, a real SQLite file and real blobs.

mod alerts;
mod cli;
mod crawl;
mod detect;
mod lock;
mod series;
mod store_queries;
mod support;
