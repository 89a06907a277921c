//! Full-text search over every stored document: a tantivy index in `<data_dir>/index`.
//!
//! Analysts look for where a phrase appears ("HPC lease revenue", "Core42") across every filing,
//! narrowed by company, form and date, with the passage shown. Only this module touches tantivy:
//! the rest of the crate sees [`IndexDocument`] in, [`Query`] → [`Results`] out.
//!
//! - `schema`: the fields and the conversions to and from tantivy documents.
//! - `handle`: opening the index, the writer (one commit per run), which ids are indexed.
//! - `sync`: store → index: a run's new documents, repair after a crash, full rebuild.
//! - `search`: query parsing (with the error position), filters, BM25 hits, snippets, facets.
//! - `heading`: what a hit is called (company · form · what the document is).
//! - `phrase`: quoted phrases matched exactly (stop words kept), their snippets marked whole.
//! - `facets`: a collector counting hits per ticker and form over all hits, not just the page.

mod facets;
mod handle;
mod heading;
mod phrase;
mod schema;
mod search;
mod sync;

use std::path::PathBuf;

pub use handle::{INDEX_DIR, SearchIndex, WRITER_MEMORY_BYTES, Writer};
pub use schema::IndexDocument;
pub use search::{DEFAULT_LIMIT, FacetCount, Hit, Query, QueryError, Results, Snippet};
pub use sync::{IndexCounts, IndexReport, open_repaired, rebuild, update};

use crate::lock::LockError;
use crate::store::StoreError;

/// Why the index could not be opened, written or searched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    #[error("search index {path}: {source}")]
    Open { path: PathBuf, source: tantivy::TantivyError },
    #[error("search index {path} is being written by another minewatch process; try again when it is done")]
    Busy { path: PathBuf },
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The query text does not parse; the caller's mistake, not the index's.
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("indexing document {id} ({url}): {message}")]
    Document { id: i64, url: String, message: String },
    #[error(transparent)]
    Lock(#[from] LockError),
}
