//! Drives extract: stored documents → facts, then resolves each company whose facts changed.
//!
//! Extraction is pure and CPU-bound, so it runs on the blocking pool; a document that cannot be
//! read is recorded as failed (naming it and the problem) and the stage goes on.

use serde::Serialize;

use super::PipelineError;
use super::resolve::resolve_dirty;
use crate::config::Config;
use crate::extract;
use crate::lock::{Lock, RUN_LOCK_FILE};
use crate::model::Failure;
use crate::store::{Lease, Store, StoreError};

/// What an extract stage did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExtractSummary {
    pub documents: u64,
    pub facts: u64,
    /// Warnings such as unrecognised revenue labels (kept as Other).
    pub warnings: u64,
    /// Every document that could not be extracted.
    pub failures: Vec<Failure>,
}

/// Re-extracts every stored document and re-resolves every company, under the run lock (no
/// ingest writes facts meanwhile); no HTTP request.
pub async fn extract_all(config: &Config, store: &Store) -> Result<ExtractSummary, PipelineError> {
    let _lock = Lock::acquire(store.data_dir(), RUN_LOCK_FILE, "run")?;
    let ids = store.document_ids().await?;
    Ok(extract_documents(config, store, &ids).await?)
}

/// Documents claimed at a time: few enough that a worker's claim is soon done, many enough that
/// claiming costs little beside extracting.
const CLAIM_BATCH: i64 = 8;

/// Extracts every document pending extraction, claiming them in batches under `lease` so that
/// processes sharing the store split them, then resolves every company whose facts changed.
pub async fn extract_pending(config: &Config, store: &Store, lease: &Lease) -> Result<ExtractSummary, StoreError> {
    let mut summary = ExtractSummary::default();
    loop {
        let ids = store.claim_extraction(lease, CLAIM_BATCH).await?;
        if ids.is_empty() {
            break;
        }
        extract_each(config, store, &ids, &mut summary).await?;
    }
    resolve_dirty(config, store, lease).await?;
    Ok(summary)
}

/// Extracts the documents `ids`, then resolves every company whose facts changed (theirs, and
/// any an interrupted run left unresolved).
pub async fn extract_documents(config: &Config, store: &Store, ids: &[i64]) -> Result<ExtractSummary, StoreError> {
    let mut summary = ExtractSummary::default();
    extract_each(config, store, ids, &mut summary).await?;
    resolve_dirty(config, store, &Lease::for_this_process(config.store.lease)).await?;
    Ok(summary)
}

/// Extracts the documents `ids` into `summary`.
async fn extract_each(
    config: &Config,
    store: &Store,
    ids: &[i64],
    summary: &mut ExtractSummary,
) -> Result<(), StoreError> {
    for &id in ids {
        let Some(doc) = store.document(id).await? else { continue };
        let company = config.company(&doc.ticker).cloned();
        let bytes = match store.blobs().get(&doc.sha256) {
            Ok(bytes) => bytes,
            Err(e) => {
                store.mark_blob_lost(id, &e.to_string()).await?;
                summary.fail(&doc.url, &format!("{e}; it is fetched again next run"));
                continue;
            }
        };
        let hint = doc.content_type.clone().unwrap_or_else(|| doc.url.clone());
        let read =
            tokio::task::spawn_blocking(move || extract::extract(&bytes, Some(&hint), company.as_ref(), doc.filed))
                .await;
        summary.documents += 1;
        match read {
            Ok(Ok(extraction)) => {
                for warning in &extraction.warnings {
                    tracing::warn!(url = %doc.url, "{warning}");
                }
                summary.warnings += extraction.warnings.len() as u64;
                summary.facts += extraction.facts.len() as u64;
                store.replace_facts(id, &doc.ticker, &extraction.facts).await?;
            }
            Ok(Err(e)) => {
                store.mark_extract_failed(id, &e.to_string()).await?;
                summary.fail(&doc.url, &e.to_string());
            }
            Err(e) => {
                store.mark_extract_failed(id, &format!("extractor crashed: {e}")).await?;
                summary.fail(&doc.url, &format!("extractor crashed: {e}"));
            }
        }
    }
    Ok(())
}

impl ExtractSummary {
    fn fail(&mut self, url: &str, message: &str) {
        tracing::error!(url, "{message}");
        self.failures.push(Failure::new(url, message));
    }
}
