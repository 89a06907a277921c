//! minewatch: watches listed bitcoin miners turn into AI/HPC data-center companies.
//!
//! The stages in flow order (see `../shared/DESIGN.md`); each reads from and writes to the store,
//! none calls another's internals, and `pipeline` drives them.

/// Signals → the outbox → Atom feed, webhooks, JSON lines.
pub mod alert;
/// The config file and the company universe, validated before any I/O.
pub mod config;
/// HTTP in: the polite client, EDGAR and the press feeds.
pub mod crawl;
/// The demo world: the bundled fixtures replayed and a config aimed at them.
pub mod demo;
/// Quarterly series → signals (crossover, retraction, approaching); pure.
pub mod detect;
/// Bytes → revenue facts (iXBRL, HTML, PDF, prose); pure.
pub mod extract;
/// The full-text index and search.
pub mod index;
/// One run at a time: the data dir's lock files.
pub mod lock;
/// The shared nouns: companies, periods, facts, resolved quarters, signals, failures.
pub mod model;
/// The drivers: read the store, run a stage, write the store; one ingest run.
pub mod pipeline;
/// EDGAR-shaped folders served on loopback, for the demo and the tests.
pub mod replay;
/// Facts of many documents → one quarterly series per company; pure.
pub mod resolve;
/// Ingest on a schedule (`schedule`).
pub mod schedule;
/// The JSON API and web pages.
pub mod serve;
/// The database and content-addressed blobs.
pub mod store;
