//! Company rows as later stages read them back (the search index shows each hit's company name and CIK).

use sqlx::Row;

use super::{Store, StoreError};

/// A stored company: what a search hit shows beside the ticker.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CompanyRecord {
    pub ticker: String,
    pub name: String,
    pub cik: i64,
}

impl Store {
    /// Every stored company, by ticker.
    pub async fn companies(&self) -> Result<Vec<CompanyRecord>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/companies_all.sql")).fetch_all(&self.pool).await?;
        let record = |row: &sqlx::any::AnyRow| -> Result<CompanyRecord, sqlx::Error> {
            Ok(CompanyRecord { ticker: row.try_get("ticker")?, name: row.try_get("name")?, cik: row.try_get("cik")? })
        };
        Ok(rows.iter().map(record).collect::<Result<_, _>>()?)
    }

    /// Tickers whose facts changed since their series was last resolved (by a run that may have
    /// been killed before resolving them).
    pub async fn dirty_companies(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(include_str!("../../queries/companies_dirty.sql")).fetch_all(&self.pool).await?)
    }
}
