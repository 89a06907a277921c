//! Signals, each kept once per occurrence of (ticker, pivot rule, kind, fiscal quarter): a re-detected signal
//! with changed figures gets new evidence and `updated_at`, never a second row or a second alert.
//! A crossover that holds again after its retraction (or a retraction after the crossover was
//! raised again) is a new occurrence, with its own alerts. A new signal and its alert rows (the
//! outbox) are written in one transaction, so a crash can lose neither one without the other.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use super::row::{RowExt, day};
use super::{Store, StoreError, now_text};
use crate::model::Period;
use crate::model::{PivotRule, RaisedSignal, Signal, SignalKind};

/// A signal as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredSignal {
    pub id: i64,
    pub signal: Signal,
    /// 1 for the first raising of its key, 2 when raised again after its opposite, …
    pub occurrence: u32,
    pub raised_at: String,
    pub updated_at: String,
}

/// What recording a detected signal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// First seen, or seen again after its opposite: stored, with one pending alert per sink.
    New(i64),
    /// Seen before with other figures: evidence updated, no alert.
    Updated(i64),
    /// Seen before with the same figures.
    Unchanged(i64),
}

impl Store {
    /// Stores a detected signal once; a new one gets a pending alert for each of `sinks`.
    /// A signal without source facts is refused: every alert must say where its figures come from.
    pub async fn record_signal(&self, signal: &Signal, sinks: &[String]) -> Result<Recorded, StoreError> {
        if signal.evidence.sources.is_empty() {
            return Err(StoreError::NoEvidence(signal.key()));
        }
        let evidence = serde_json::to_string(&signal.evidence)
            .map_err(|e| StoreError::Corrupt(format!("signal {} evidence: {e}", signal.key())))?;
        let now = now_text();
        let mut tx = self.pool.begin().await?;
        let found = find(signal).fetch_optional(&mut *tx).await?;
        let occurrence = match &found {
            None => Some(1),
            Some(row) if row.flag("undone")? => Some(row.try_get::<i64, _>("occurrence")? + 1),
            Some(_) => None,
        };
        let recorded = match (found, occurrence) {
            (Some(row), None) => {
                let id: i64 = row.try_get("id")?;
                if row.try_get::<String, _>("evidence")? == evidence {
                    Recorded::Unchanged(id)
                } else {
                    sqlx::query(include_str!("../../queries/signal_update_evidence.sql"))
                        .bind(id)
                        .bind(&evidence)
                        .bind(&signal.company)
                        .bind(&signal.quarter)
                        .bind(day(signal.period.start))
                        .bind(day(signal.period.end))
                        .bind(&now)
                        .execute(&mut *tx)
                        .await?;
                    Recorded::Updated(id)
                }
            }
            (_, occurrence) => {
                let inserted: Option<i64> = sqlx::query_scalar(include_str!("../../queries/signal_insert.sql"))
                    .bind(&signal.ticker)
                    .bind(signal.kind.as_str())
                    .bind(signal.fiscal_year)
                    .bind(i64::from(signal.fiscal_quarter))
                    .bind(occurrence)
                    .bind(&signal.company)
                    .bind(&signal.quarter)
                    .bind(day(signal.period.start))
                    .bind(day(signal.period.end))
                    .bind(&evidence)
                    .bind(&now)
                    .bind(rule_text(signal.rule.as_ref()))
                    .fetch_optional(&mut *tx)
                    .await?;
                // Another process sharing the store recorded it first, with its alerts.
                let Some(id) = inserted else {
                    tx.commit().await?;
                    return Ok(Recorded::Unchanged(self.latest_signal_id(signal).await?));
                };
                for sink in sinks {
                    sqlx::query(include_str!("../../queries/alert_insert.sql"))
                        .bind(id)
                        .bind(sink)
                        .bind(&now)
                        .execute(&mut *tx)
                        .await?;
                }
                Recorded::New(id)
            }
        };
        tx.commit().await?;
        Ok(recorded)
    }

    /// The id of the latest occurrence of `signal`'s key.
    async fn latest_signal_id(&self, signal: &Signal) -> Result<i64, StoreError> {
        Ok(find(signal).fetch_one(&self.pool).await?.try_get("id")?)
    }

    /// Every stored signal, oldest first.
    pub async fn signals(&self) -> Result<Vec<StoredSignal>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/signals_all.sql")).fetch_all(&self.pool).await?;
        rows.iter().map(stored_signal).collect()
    }

    /// The signals raised for a company, as the detector's retraction rule takes them.
    pub async fn raised_signals(&self, ticker: &str) -> Result<Vec<RaisedSignal>, StoreError> {
        let rows =
            sqlx::query(include_str!("../../queries/signals_raised_of.sql")).bind(ticker).fetch_all(&self.pool).await?;
        rows.iter().map(raised).collect()
    }

    /// The signals raised for every company, as [`Store::raised_signals`] gives one company's.
    pub async fn all_raised_signals(&self) -> Result<Vec<RaisedSignal>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/signals_raised_all.sql")).fetch_all(&self.pool).await?;
        rows.iter().map(raised).collect()
    }
}

/// The statement finding the latest occurrence of `signal`'s key.
fn find(signal: &Signal) -> Query<'_, Any, AnyArguments> {
    sqlx::query(include_str!("../../queries/signal_find.sql"))
        .bind(&signal.ticker)
        .bind(signal.kind.as_str())
        .bind(signal.fiscal_year)
        .bind(i64::from(signal.fiscal_quarter))
        .bind(signal.kind.opposite().map(SignalKind::as_str))
        .bind(rule_text(signal.rule.as_ref()))
}

/// A rule as its column holds it: its text, '' for the miners' rule.
fn rule_text(rule: Option<&PivotRule>) -> String {
    rule.map_or(String::new(), ToString::to_string)
}

/// The rule of a row with a `rule` column.
fn rule(row: &AnyRow) -> Result<Option<PivotRule>, StoreError> {
    let text: String = row.try_get("rule")?;
    if text.is_empty() {
        return Ok(None);
    }
    PivotRule::parse(&text).map(Some).map_err(|e| StoreError::Corrupt(format!("signal has pivot rule {text:?}: {e}")))
}

/// A signal's identity from a row with `ticker`, `rule`, `kind`, `fiscal_year` and `fiscal_quarter`.
pub(super) fn raised(row: &AnyRow) -> Result<RaisedSignal, StoreError> {
    Ok(RaisedSignal {
        ticker: row.try_get("ticker")?,
        rule: rule(row)?,
        kind: kind(row)?,
        fiscal_year: row.try_get("fiscal_year")?,
        fiscal_quarter: fiscal_quarter(row)?,
    })
}

fn kind(row: &AnyRow) -> Result<SignalKind, StoreError> {
    let kind: String = row.try_get("kind")?;
    SignalKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("signal has unknown kind {kind:?}")))
}

fn fiscal_quarter(row: &AnyRow) -> Result<u8, StoreError> {
    let quarter: i64 = row.try_get("fiscal_quarter")?;
    u8::try_from(quarter)
        .ok()
        .filter(|q| (1..=4).contains(q))
        .ok_or_else(|| StoreError::Corrupt(format!("signal has fiscal quarter {quarter}")))
}

fn stored_signal(row: &AnyRow) -> Result<StoredSignal, StoreError> {
    let evidence: String = row.try_get("evidence")?;
    let id: i64 = row.try_get("id")?;
    let occurrence: i64 = row.try_get("occurrence")?;
    let (start, end) = (row.date("period_start")?, row.date("period_end")?);
    Ok(StoredSignal {
        id,
        signal: Signal {
            ticker: row.try_get("ticker")?,
            company: row.try_get("company")?,
            rule: rule(row)?,
            kind: kind(row)?,
            fiscal_year: row.try_get("fiscal_year")?,
            fiscal_quarter: fiscal_quarter(row)?,
            quarter: row.try_get("quarter")?,
            period: Period { start, end },
            evidence: serde_json::from_str(&evidence)
                .map_err(|e| StoreError::Corrupt(format!("signal {id} evidence: {e}")))?,
        },
        occurrence: u32::try_from(occurrence)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| StoreError::Corrupt(format!("signal {id} has occurrence {occurrence}")))?,
        raised_at: row.try_get("raised_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}
