//! Drives the index: a run's new documents indexed in one commit, or the whole index rebuilt.

use crate::index::{self, IndexError, IndexReport};
use crate::lock::{Lock, RUN_LOCK_FILE};
use crate::model::Failure;
use crate::store::Store;

/// Indexes the run's documents in one commit. An index that cannot be written fails the run's
/// indexing only: the documents are stored, and the next open of the index picks them up.
pub async fn index_run(store: &Store, new_documents: &[i64]) -> IndexReport {
    index::update(store, new_documents).await.unwrap_or_else(|e| {
        tracing::error!("{e}");
        IndexReport { failures: vec![Failure::new("search index", e.to_string())], ..IndexReport::default() }
    })
}

/// Rebuilds the index from the store under the run lock, so no ingest writes it meanwhile.
pub async fn reindex(store: &Store) -> Result<IndexReport, IndexError> {
    let _lock = Lock::acquire(store.data_dir(), RUN_LOCK_FILE, "run")?;
    index::rebuild(store).await
}
