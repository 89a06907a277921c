//! Drives resolve: a company's stored facts → its resolved quarterly series, stored typed.
//!
//! Which companies need it is in the store, not in memory: storing a document's facts marks its
//! company dirty (a new generation) in the same transaction, and a resolve clears the generation
//! it read once the series is stored. A process killed between the two leaves the company dirty
//! and its claim expiring, and the next run (or another worker) resolves it.

use crate::config::Config;
use crate::model::{Company, LineSeries, ResolvedQuarter};
use crate::resolve::{self, SourcedFact};
use crate::store::{Lease, Store, StoreError};

/// Resolves every company whose facts changed since its series was last resolved, claiming
/// each under `lease` so that processes sharing the store split them; returns their tickers. A
/// company the config does not know is let go as it is.
pub async fn resolve_dirty(config: &Config, store: &Store, lease: &Lease) -> Result<Vec<String>, StoreError> {
    let mut resolved = Vec::new();
    while let Some(claim) = store.claim_dirty_company(lease).await? {
        if let Some(company) = config.company(&claim.work.ticker) {
            resolve_company(store, company).await?;
            resolved.push(claim.work.ticker.clone());
        }
        store.finish_resolve(&claim).await?;
    }
    Ok(resolved)
}

/// Rebuilds a company's resolved quarterly series from all its stored facts.
pub async fn resolve_company(store: &Store, company: &Company) -> Result<Vec<ResolvedQuarter>, StoreError> {
    let series = resolve::resolve(company, &sourced_facts(store, company).await?);
    store.replace_resolved(&company.ticker, &series).await?;
    Ok(series)
}

/// A company's revenue lines as reported, each its own series, resolved from its stored facts
/// as they are read (nothing is stored: the facts are the truth, and a line is theirs).
pub async fn lines_of(store: &Store, company: &Company) -> Result<Vec<LineSeries>, StoreError> {
    Ok(resolve::lines(company, &sourced_facts(store, company).await?))
}

/// Every stored fact of a company with the document it came from.
async fn sourced_facts(store: &Store, company: &Company) -> Result<Vec<SourcedFact>, StoreError> {
    Ok(store
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
        .collect())
}
