//! minewatch: watches listed bitcoin miners turn into AI/HPC data-center companies.
//!
//! The modules in flow order (`ARCHITECTURE.md` is the map): companies.toml → crawl → store →
//! extract → resolve → detect → alert, with the index and `serve` reading the store. Each stage
//! reads from and writes to the store, none calls another's internals, and `pipeline` drives
//! them. The pure stages (`model`, `extract`, `resolve`, `detect`) live in `minewatch-core` and
//! are re-exported here under their own names.

/// The config file and the company universe, validated before any I/O.
pub mod config;

/// HTTP in: the polite client, EDGAR and the press feeds.
pub mod crawl;

/// The database and content-addressed blobs.
pub mod store;

/// The shared nouns: companies, periods, facts, resolved quarters, signals, failures; pure.
pub use minewatch_core::model;

/// Bytes → revenue facts (iXBRL, HTML, PDF, prose); pure.
pub use minewatch_core::extract;

/// Facts of many documents → one quarterly series per company; pure.
pub use minewatch_core::resolve;

/// Quarterly series → signals (crossover, retraction, approaching); pure.
pub use minewatch_core::detect;

/// Signals → the outbox → Atom feed, webhooks, JSON lines.
pub mod alert;

/// The full-text index and search.
pub mod index;

/// The drivers: read the store, run a stage, write the store; one ingest run, the worker loop,
/// the live watch.
pub mod pipeline;

/// Ingest on a schedule (`schedule`).
pub mod schedule;

/// One run at a time: the data dir's lock files.
pub mod lock;

/// The series and signals as CSV, for `facts --csv`, `signals --csv` and the HTTP exports.
pub mod export;

/// The JSON API and web pages.
pub mod serve;

/// EDGAR-shaped folders served on loopback, for the demo and the tests.
pub mod replay;

/// The demo world: the bundled fixtures replayed and a config aimed at them.
pub mod demo;
