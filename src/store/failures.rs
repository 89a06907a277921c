//! Documents that fail to be fetched run after run, and those given up.

use sqlx::Row;

use super::row::RowExt;
use super::{Store, StoreError, now_text};

/// A document that failed on one or more runs in a row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FetchFailure {
    pub url: String,
    pub ticker: String,
    pub runs: i64,
    pub last_error: String,
    /// The last failure was a 404 or 410.
    pub permanent: bool,
    /// No longer fetched.
    pub given_up: bool,
    pub first_at: String,
    pub last_at: String,
}

/// A failure as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// Runs in a row in which it failed, this one included.
    pub runs: i64,
    pub given_up: bool,
}

impl Store {
    /// Records that `url` failed this run; a permanent failure on `give_up_after` runs in a row
    /// gives it up.
    pub async fn record_fetch_failure(
        &self,
        url: &str,
        ticker: &str,
        error: &str,
        permanent: bool,
        give_up_after: u32,
    ) -> Result<Recorded, StoreError> {
        let row = sqlx::query(include_str!("../../queries/fetch_failure_record.sql"))
            .bind(url)
            .bind(ticker)
            .bind(error)
            .bind(i64::from(permanent))
            .bind(now_text())
            .bind(i64::from(give_up_after))
            .fetch_one(&self.pool)
            .await?;
        Ok(Recorded { runs: row.try_get("runs")?, given_up: row.flag("given_up")? })
    }

    /// Whether `url` was given up: not to be fetched again.
    pub async fn is_given_up(&self, url: &str) -> Result<bool, StoreError> {
        let given_up: i64 = sqlx::query_scalar(include_str!("../../queries/fetch_failure_given_up.sql"))
            .bind(url)
            .fetch_one(&self.pool)
            .await?;
        Ok(given_up != 0)
    }

    /// Every document failing run after run, given-up ones first.
    pub async fn fetch_failures(&self) -> Result<Vec<FetchFailure>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/fetch_failures_all.sql")).fetch_all(&self.pool).await?;
        let failure = |row: &sqlx::any::AnyRow| -> Result<FetchFailure, sqlx::Error> {
            Ok(FetchFailure {
                url: row.try_get("url")?,
                ticker: row.try_get("ticker")?,
                runs: row.try_get("runs")?,
                last_error: row.try_get("last_error")?,
                permanent: row.flag("permanent")?,
                given_up: row.flag("given_up")?,
                first_at: row.try_get("first_at")?,
                last_at: row.try_get("last_at")?,
            })
        };
        Ok(rows.iter().map(failure).collect::<Result<_, _>>()?)
    }
}
