//! Run records: what each ingest did and what went wrong, for `minewatch status`.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row};

use super::backend::dialect;
use super::work::now_ms;
use super::{Lease, Store, StoreError, now_text};
use crate::model::Failure;

/// Counters of one run, filled as it goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunCounts {
    pub requests: u64,
    pub not_modified: u64,
    pub documents_new: u64,
    pub documents_unchanged: u64,
    pub documents_failed: u64,
    pub bytes: u64,
    pub facts: u64,
    pub signals_new: u64,
    pub alerts_delivered: u64,
}

/// A finished or running run, as `status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub command: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub counts: RunCounts,
    pub errors: i64,
}

/// Totals of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StoreCounts {
    pub companies: i64,
    pub filings: i64,
    pub documents: i64,
    pub bytes: i64,
}

impl Store {
    /// Records a run under way, held by `lease` (whose heartbeat, [`Store::hold`], renews it);
    /// returns its id. A run still marked running whose heartbeat lapsed was cut short (killed,
    /// crashed, the machine went down): it is marked interrupted first. One still renewed, by a
    /// process here or on another machine sharing the store, is left running.
    pub async fn start_run(&self, command: &str, lease: &Lease) -> Result<i64, StoreError> {
        let (now, now_ms) = (now_text(), now_ms());
        let mut tx = self.pool.begin().await?;
        sqlx::query(include_str!("../../queries/runs_mark_interrupted.sql"))
            .bind(&now)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        let id = sqlx::query_scalar(include_str!("../../queries/run_start_held.sql"))
            .bind(command)
            .bind(&now)
            .bind(&lease.holder)
            .bind(lease.until(now_ms))
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn finish_run(&self, id: i64, status: &str, c: &RunCounts) -> Result<(), StoreError> {
        finish(id, status, c).execute(&self.pool).await?;
        Ok(())
    }

    /// Records a per-document failure of a run.
    pub async fn add_run_error(&self, run: i64, url: &str, message: &str) -> Result<(), StoreError> {
        error(run, url, message).execute(&self.pool).await?;
        Ok(())
    }

    /// Records a run that is already over (a worker's pass), with its failures, in one
    /// transaction: never left `running`, so it marks no other process's run interrupted.
    pub async fn record_run(
        &self,
        command: &str,
        started_at: &str,
        status: &str,
        counts: &RunCounts,
        failures: &[Failure],
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(include_str!("../../queries/run_start.sql"))
            .bind(command)
            .bind(started_at)
            .fetch_one(&mut *tx)
            .await?;
        finish(id, status, counts).execute(&mut *tx).await?;
        for failure in failures {
            error(id, &failure.url, &failure.message).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The latest `limit` runs, newest first.
    pub async fn recent_runs(&self, limit: i64) -> Result<Vec<RunRecord>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/runs_recent.sql")).bind(limit).fetch_all(&self.pool).await?;
        let count = |row: &sqlx::any::AnyRow, name: &str| -> Result<u64, sqlx::Error> {
            Ok(row.try_get::<i64, _>(name)?.max(0) as u64)
        };
        rows.iter()
            .map(|row| {
                Ok(RunRecord {
                    id: row.try_get("id")?,
                    command: row.try_get("command")?,
                    started_at: row.try_get("started_at")?,
                    finished_at: row.try_get("finished_at")?,
                    status: row.try_get("status")?,
                    counts: RunCounts {
                        requests: count(row, "requests")?,
                        not_modified: count(row, "not_modified")?,
                        documents_new: count(row, "documents_new")?,
                        documents_unchanged: count(row, "documents_unchanged")?,
                        documents_failed: count(row, "documents_failed")?,
                        bytes: count(row, "bytes")?,
                        facts: count(row, "facts")?,
                        signals_new: count(row, "signals_new")?,
                        alerts_delivered: count(row, "alerts_delivered")?,
                    },
                    errors: row.try_get("errors")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The failures recorded for a run.
    pub async fn run_errors(&self, run: i64) -> Result<Vec<Failure>, StoreError> {
        let rows = sqlx::query(dialect!(self.backend, "run_errors_of.sql")).bind(run).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| Ok(Failure { url: row.try_get("url")?, message: row.try_get("message")? }))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    pub async fn counts(&self) -> Result<StoreCounts, StoreError> {
        let row = sqlx::query(include_str!("../../queries/store_counts.sql")).fetch_one(&self.pool).await?;
        Ok(StoreCounts {
            companies: row.try_get("companies")?,
            filings: row.try_get("filings")?,
            documents: row.try_get("documents")?,
            bytes: row.try_get("bytes")?,
        })
    }
}

/// The statement ending run `id` now with `status` and its counts.
fn finish<'q>(id: i64, status: &'q str, c: &RunCounts) -> Query<'q, Any, AnyArguments> {
    sqlx::query(include_str!("../../queries/run_finish.sql"))
        .bind(id)
        .bind(now_text())
        .bind(status)
        .bind(c.requests as i64)
        .bind(c.not_modified as i64)
        .bind(c.documents_new as i64)
        .bind(c.documents_unchanged as i64)
        .bind(c.documents_failed as i64)
        .bind(c.bytes as i64)
        .bind(c.facts as i64)
        .bind(c.signals_new as i64)
        .bind(c.alerts_delivered as i64)
}

/// The statement recording one failure of run `run`.
fn error<'q>(run: i64, url: &'q str, message: &'q str) -> Query<'q, Any, AnyArguments> {
    sqlx::query(include_str!("../../queries/run_error_insert.sql")).bind(run).bind(url).bind(message)
}
