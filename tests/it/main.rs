//! One integration-test binary: the library and the `minewatch` binary against the replay
//! server on 127.0.0.1, a real SQLite file, real blobs and the real documents in ../shared.

mod cli;
mod crawl;
mod ixbrl_arelle;
mod press;
mod store_queries;
mod support;
