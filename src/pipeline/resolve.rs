//! Drives resolve: a company's stored facts → its resolved quarterly series, stored typed.

use crate::model::{Company, ResolvedQuarter};
use crate::resolve::{self, SourcedFact};
use crate::store::{Store, StoreError};

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
