//! The alert outbox: one row per (signal, sink), pending until a delivery is acknowledged or the
//! sink's attempts run out. Each attempt is written as it ends, so a run killed mid-delivery
//! resumes with the right attempt count and never re-sends what was acknowledged.

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::signals::raised;
use super::{Store, StoreError, now_text};
use crate::model::RaisedSignal;

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertStatus {
    Pending,
    Delivered,
    /// Attempts ran out (dead letter); kept with its last error.
    Dead,
}

impl AlertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::Pending => "pending",
            AlertStatus::Delivered => "delivered",
            AlertStatus::Dead => "dead",
        }
    }

    fn parse(s: &str) -> Option<AlertStatus> {
        [AlertStatus::Pending, AlertStatus::Delivered, AlertStatus::Dead].into_iter().find(|a| a.as_str() == s)
    }
}

/// One alert row and the signal it announces.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AlertRecord {
    pub id: i64,
    pub signal_id: i64,
    pub signal: RaisedSignal,
    /// `webhook:<url>`, `jsonl:<path>` or `jsonl:-`.
    pub sink: String,
    pub status: AlertStatus,
    pub attempts: u32,
    pub next_attempt_at: String,
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
}

/// Which alerts to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertFilter {
    All,
    Pending,
    /// Pending and due by this time.
    DueBy(DateTime<Utc>),
}

impl Store {
    pub async fn alerts(&self, filter: AlertFilter) -> Result<Vec<AlertRecord>, StoreError> {
        let (pending_only, due_by) = match filter {
            AlertFilter::All => (false, None),
            AlertFilter::Pending => (true, None),
            AlertFilter::DueBy(at) => (true, Some(time_text(at))),
        };
        let rows = sqlx::query(include_str!("../../queries/alerts_list.sql"))
            .bind(pending_only)
            .bind(due_by)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(alert_record).collect()
    }

    /// Records one delivery attempt: delivered, dead, or pending again from `retry_at`.
    pub async fn record_attempt(
        &self,
        alert: i64,
        status: AlertStatus,
        retry_at: DateTime<Utc>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let delivered_at = (status == AlertStatus::Delivered).then(now_text);
        sqlx::query(include_str!("../../queries/alert_attempt.sql"))
            .bind(alert)
            .bind(status.as_str())
            .bind(time_text(retry_at))
            .bind(error)
            .bind(delivered_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

/// Times as stored (see `now_text`), so that text order is time order.
pub(super) fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn alert_record(row: &AnyRow) -> Result<AlertRecord, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(AlertRecord {
        id: row.try_get("id")?,
        signal_id: row.try_get("signal_id")?,
        signal: raised(row)?,
        sink: row.try_get("sink")?,
        status: AlertStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("alert has unknown status {status:?}")))?,
        attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(0),
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        delivered_at: row.try_get("delivered_at")?,
    })
}
