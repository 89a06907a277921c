//! The alert outbox: one row per (signal, sink), pending until a delivery is acknowledged or the
//! sink's attempts run out. A delivery claim is held across its holder's attempts; each attempt
//! is counted as it begins (only while the alert is pending under that claim, so nothing is sent
//! for an alert acknowledged or taken over) and its outcome written as it ends, so a run killed
//! mid-delivery resumes with the right attempt count and never re-sends what was acknowledged.

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::signals::raised;
use super::{Claimed, Store, StoreError, now_text};
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

    /// Counts a POST about to be sent under `claim`, holding the claim until `until` (Unix ms);
    /// its attempt number, or `None` when the alert is no longer pending under that claim (it was
    /// acknowledged, or the claim lapsed and another holder took it): then nothing may be sent.
    pub async fn begin_attempt(&self, claim: &Claimed<AlertRecord>, until: i64) -> Result<Option<u32>, StoreError> {
        let attempts: Option<i64> = sqlx::query_scalar(include_str!("../../queries/alert_attempt_begin.sql"))
            .bind(claim.work.id)
            .bind(claim.token)
            .bind(until)
            .fetch_optional(&self.pool)
            .await?;
        Ok(attempts.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
    }

    /// Records a failed attempt under `claim`: `Pending` again from `retry_at` with the claim held
    /// until `until` (Unix ms), or `Dead` with the claim released. False when the claim is no
    /// longer the alert's (or the alert is no longer pending): nothing was written.
    pub async fn attempt_failed(
        &self,
        claim: &Claimed<AlertRecord>,
        status: AlertStatus,
        retry_at: DateTime<Utc>,
        until: i64,
        error: &str,
    ) -> Result<bool, StoreError> {
        let written = sqlx::query(include_str!("../../queries/alert_attempt.sql"))
            .bind(claim.work.id)
            .bind(status.as_str())
            .bind(time_text(retry_at))
            .bind(error)
            .bind(claim.token)
            .bind(until)
            .fetch_optional(&self.pool)
            .await?;
        Ok(written.is_some())
    }

    /// Records that a receiver acknowledged the alert: delivered, for good.
    pub async fn acknowledged(&self, alert: i64) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/alert_acknowledged.sql"))
            .bind(alert)
            .bind(now_text())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives an alert claimed under `claim` back undelivered, due at once for the next claimer.
    pub async fn release_alert(&self, claim: &Claimed<AlertRecord>) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/alert_release.sql"))
            .bind(claim.work.id)
            .bind(claim.token)
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
