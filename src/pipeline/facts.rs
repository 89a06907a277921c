//! The extract stage: stored documents → facts → each touched company's resolved series.
//!
//! Extraction is pure and CPU-bound, so it runs on the blocking pool; a document that cannot be
//! read is recorded as failed (naming it and the problem) and the stage goes on.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::config::Config;
use crate::extract::resolve::{self, QuarterRow, SourcedFact};
use crate::extract::{self};
use crate::model::Company;
use crate::store::{ResolvedRecord, Store, StoreError};

/// What an extract stage did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExtractSummary {
    pub documents: u64,
    pub facts: u64,
    /// Warnings such as unrecognised revenue labels (kept as Other).
    pub warnings: u64,
    /// (URL, message) of every document that could not be extracted.
    pub failures: Vec<(String, String)>,
}

/// Extracts the documents `ids` and re-resolves every company they belong to.
pub async fn extract_documents(config: &Config, store: &Store, ids: &[i64]) -> Result<ExtractSummary, StoreError> {
    let mut summary = ExtractSummary::default();
    let mut touched = BTreeSet::new();
    for &id in ids {
        let Some(doc) = store.document(id).await? else { continue };
        let company = config.company(&doc.ticker).cloned();
        let bytes = match store.blobs().get(&doc.sha256) {
            Ok(bytes) => bytes,
            Err(e) => {
                summary.fail(&doc.url, &e.to_string());
                continue;
            }
        };
        let hint = doc.content_type.clone().unwrap_or_else(|| doc.url.clone());
        let read = tokio::task::spawn_blocking(move || extract::extract(&bytes, Some(&hint), company.as_ref())).await;
        summary.documents += 1;
        match read {
            Ok(Ok(extraction)) => {
                for warning in &extraction.warnings {
                    tracing::warn!(url = %doc.url, "{warning}");
                }
                summary.warnings += extraction.warnings.len() as u64;
                summary.facts += extraction.facts.len() as u64;
                store.replace_facts(id, &doc.ticker, &extraction.facts).await?;
                touched.insert(doc.ticker);
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
    for ticker in touched {
        if let Some(company) = config.company(&ticker) {
            resolve_company(store, company).await?;
        }
    }
    Ok(summary)
}

impl ExtractSummary {
    fn fail(&mut self, url: &str, message: &str) {
        tracing::error!(url, "{message}");
        self.failures.push((url.to_string(), message.to_string()));
    }
}

/// Rebuilds a company's resolved quarterly series from all its stored facts.
pub async fn resolve_company(store: &Store, company: &Company) -> Result<Vec<QuarterRow>, StoreError> {
    let facts: Vec<SourcedFact> = store
        .facts_of_company(&company.ticker)
        .await?
        .into_iter()
        .map(|f| SourcedFact {
            filed: f.filed.unwrap_or(f.fact.period.end),
            form: f.form.unwrap_or_else(|| "press release".to_string()),
            document_id: f.document_id,
            url: f.url,
            fact: f.fact,
        })
        .collect();
    let rows = resolve::resolve(company, &facts);
    let records = rows
        .iter()
        .flat_map(|row| {
            row.segments.iter().map(|(segment, resolved)| ResolvedRecord {
                fiscal_year: row.quarter.fiscal_year,
                fiscal_quarter: u8::try_from(row.quarter.quarter).unwrap_or(0),
                period: row.period,
                segment: *segment,
                value_usd: resolved.value_usd,
                derived: resolved.derived,
                disagreement: resolved.disagreement,
                sources: serde_json::to_value(&resolved.sources).unwrap_or_default(),
            })
        })
        .collect::<Vec<_>>();
    store.replace_resolved(&company.ticker, &records).await?;
    Ok(rows)
}
