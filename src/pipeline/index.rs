//! Drives the index: a run's new documents indexed in one commit, the whole index rebuilt, or a
//! server's index caught up with what other processes store.

use std::time::Duration;

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

/// How often a server catches its search index up with the store.
pub const CATCH_UP_EVERY: Duration = Duration::from_secs(5);

/// Indexes, every [`CATCH_UP_EVERY`] until `stop` resolves, the documents stored after the index's
/// last commit: `minewatch serve` runs it beside the server, so a replica beside PostgreSQL
/// indexes what workers elsewhere stored. While another process (an ingest on this data dir)
/// writes the index, that process does it.
pub async fn catch_up(store: &Store, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = tokio::time::sleep(CATCH_UP_EVERY) => {}
            () = &mut stop => return,
        }
        match index::update(store, &[]).await {
            Ok(report) if report.counts.indexed > 0 => {
                tracing::info!(indexed = report.counts.indexed, "indexed documents stored since the last commit");
            }
            Ok(_) | Err(IndexError::Busy { .. }) => {}
            Err(e) => tracing::warn!("catching the search index up: {e}"),
        }
    }
}
