//! minewatch-core: the pure stages of minewatch, in flow order.
//!
//! Everything here is bytes or rows in, values out: no runtime, no database, no network, no
//! index. The `minewatch` crate does the I/O around it (crawl, store, index, alert, serve) and
//! its pipeline drivers call these stages. Keeping them in their own crate is what makes the
//! line hold: Cargo refuses an import of tokio, sqlx, reqwest, axum or tantivy here, and a change
//! in the I/O crate never recompiles the extractors.

/// The shared nouns: companies, periods, facts, resolved quarters, signals, failures.
pub mod model;

/// Bytes → revenue facts (iXBRL, HTML tables, PDF, prose).
pub mod extract;

/// Facts of many documents → one quarterly series per company.
pub mod resolve;

/// Quarterly series → signals (crossover, retraction, approaching).
pub mod detect;
