//! Drives resolve: a company's stored facts → its resolved quarterly series, stored typed.
//!
//! Which companies need it is in the store, not in memory: storing a document's facts marks its
//! company dirty in the same transaction, and storing the series clears the mark. A run killed
//! between the two leaves the company dirty, and the next run resolves it first.

use crate::config::Config;
use crate::model::{Company, ResolvedQuarter};
use crate::resolve::{self, SourcedFact};
use crate::store::{Store, StoreError};

/// Resolves every company of `config` whose facts changed since its series was last resolved;
/// returns their tickers.
pub async fn resolve_dirty(config: &Config, store: &Store) -> Result<Vec<String>, StoreError> {
    let mut resolved = Vec::new();
    for ticker in store.dirty_companies().await? {
        if let Some(company) = config.company(&ticker) {
            resolve_company(store, company).await?;
            resolved.push(ticker);
        }
    }
    Ok(resolved)
}

/// Rebuilds a company's resolved quarterly series from all its stored facts.
pub async fn resolve_company(store: &Store, company: &Company) -> Result<Vec<ResolvedQuarter>, StoreError> {
    let facts: Vec<SourcedFact> = store
        .facts_of_company(&company.ticker)
        .await?
        .into_iter()
        .map(|f| SourcedFact {
            filed: f.filed,
            form: f.form.unwrap_or_else(|| "press release".to_string()),
            document_id: f.document_id,
            url: f.url,
            fact: f.fact,
        })
        .collect();
    let series = resolve::resolve(company, &facts);
    store.replace_resolved(&company.ticker, &series).await?;
    Ok(series)
}
