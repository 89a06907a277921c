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
use crate::store::{Claimed, Lease, Store, StoreError};

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
        let claims = store.claim_extraction(lease, CLAIM_BATCH).await?;
        if claims.is_empty() {
            break;
        }
        for claim in &claims {
            extract_one(config, store, claim, &mut summary).await?;
        }
    }
    resolve_dirty(config, store, lease).await?;
    Ok(summary)
}

/// Extracts the documents `ids` (whatever their status), each claimed as a worker claims it, so
/// one another process is extracting is left to it; then resolves every company whose facts
/// changed (theirs, and any an interrupted run left unresolved).
pub async fn extract_documents(config: &Config, store: &Store, ids: &[i64]) -> Result<ExtractSummary, StoreError> {
    let lease = Lease::for_this_process(config.store.lease);
    let mut summary = ExtractSummary::default();
    for &id in ids {
        match store.claim_document(&lease, id).await? {
            Some(claim) => extract_one(config, store, &claim, &mut summary).await?,
            None => tracing::info!(id, "document left to the process extracting it"),
        }
    }
    resolve_dirty(config, store, &lease).await?;
    Ok(summary)
}

/// Extracts the claimed document into `summary`, writing its facts (or why it has none) under
/// the claim: nothing is written when the claim lapsed and another process took the document.
async fn extract_one(
    config: &Config,
    store: &Store,
    claim: &Claimed<i64>,
    summary: &mut ExtractSummary,
) -> Result<(), StoreError> {
    let Some(doc) = store.document(claim.work).await? else { return Ok(()) };
    let company = config.company(&doc.ticker).cloned();
    let bytes = match store.blobs().get(&doc.sha256) {
        Ok(bytes) => bytes,
        Err(e) => {
            if store.mark_claimed_blob_lost(claim, &e.to_string()).await? {
                summary.fail(&doc.url, &format!("{e}; it is fetched again next run"));
            } else {
                lapsed(&doc.url);
            }
            return Ok(());
        }
    };
    let hint = doc.content_type.clone().unwrap_or_else(|| doc.url.clone());
    let read =
        tokio::task::spawn_blocking(move || extract::extract(&bytes, Some(&hint), company.as_ref(), doc.filed)).await;
    summary.documents += 1;
    let error = match read {
        Ok(Ok(extraction)) => {
            if store.replace_facts(claim, &doc.ticker, &extraction.facts).await? {
                for warning in &extraction.warnings {
                    tracing::warn!(url = %doc.url, "{warning}");
                }
                summary.warnings += extraction.warnings.len() as u64;
                summary.facts += extraction.facts.len() as u64;
            } else {
                lapsed(&doc.url);
            }
            return Ok(());
        }
        Ok(Err(e)) => e.to_string(),
        Err(e) => format!("extractor crashed: {e}"),
    };
    if store.mark_extract_failed(claim, &error).await? {
        summary.fail(&doc.url, &error);
    } else {
        lapsed(&doc.url);
    }
    Ok(())
}

/// A claim that lapsed while its document was read: the process that took the document over
/// writes its outcome, and this one wrote nothing.
fn lapsed(url: &str) {
    tracing::warn!(url, "the extraction claim lapsed and another process took the document over; nothing written");
}

impl ExtractSummary {
    fn fail(&mut self, url: &str, message: &str) {
        tracing::error!(url, "{message}");
        self.failures.push(Failure::new(url, message));
    }
}
