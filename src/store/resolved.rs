//! The resolved quarterly series and the analyst queries over it (`queries/analyst/`).

use std::collections::BTreeMap;

use sqlx::Row;
use sqlx::any::AnyRow;

use super::backend::dialect;
use super::row::{RowExt, day};
use super::{Claimed, Dirty, Store, StoreError};
use crate::model::{Company, FiscalQuarter, Period, Resolved, ResolvedQuarter, Segment, Source};

/// One resolved (fiscal quarter, segment) value of a company, as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ResolvedRecord {
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
    pub period: Period,
    pub segment: Segment,
    #[serde(flatten)]
    pub resolved: Resolved,
}

/// The version of the stored sources document; any other is refused, never defaulted.
const SOURCES_VERSION: u32 = 1;

/// The stored form of a value's sources: `{"version": 1, "sources": [...]}`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesDocument {
    version: u32,
    sources: Vec<Source>,
}

fn encode_sources(sources: &[Source]) -> Result<String, StoreError> {
    let document = SourcesDocument { version: SOURCES_VERSION, sources: sources.to_vec() };
    serde_json::to_string(&document).map_err(|e| StoreError::Corrupt(format!("resolved sources: {e}")))
}

fn decode_sources(text: &str) -> Result<Vec<Source>, StoreError> {
    let document: SourcesDocument =
        serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("resolved sources: {e}")))?;
    if document.version != SOURCES_VERSION {
        return Err(StoreError::Corrupt(format!("resolved sources: unknown version {}", document.version)));
    }
    Ok(document.sources)
}

/// A company's quarter across segments (`queries/analyst/series.sql`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SeriesRow {
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
    pub period: Period,
    pub mining: Option<i64>,
    pub hpc: Option<i64>,
    pub hosting: Option<i64>,
    pub other: Option<i64>,
    pub total: Option<i64>,
    pub derived: bool,
    pub disagreement: bool,
}

impl SeriesRow {
    /// The quarter's value of `segment`, when reported.
    pub fn value(&self, segment: Segment) -> Option<i64> {
        match segment {
            Segment::Mining => self.mining,
            Segment::Hpc => self.hpc,
            Segment::Hosting => self.hosting,
            Segment::Other => self.other,
            Segment::Total => self.total,
        }
    }
}

/// A quarter of a company's series as people read it: named in its fiscal calendar, with every
/// statement of each segment's value (`facts --json`, the HTTP API and the company page).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NamedQuarter {
    pub quarter: FiscalQuarter,
    #[serde(flatten)]
    pub values: SeriesRow,
    /// Per segment, every source considered, the chosen one marked.
    pub sources: BTreeMap<Segment, Vec<Source>>,
}

/// A company's latest quarter (`queries/analyst/latest_quarters.sql`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LatestQuarter {
    pub ticker: String,
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
    pub period_end: chrono::NaiveDate,
    pub mining: Option<i64>,
    pub hpc: Option<i64>,
    pub hosting: Option<i64>,
    pub total: Option<i64>,
    /// HPC ÷ (HPC + mining + hosting), when any of them is reported.
    pub hpc_share: Option<f64>,
}

impl Store {
    /// Replaces a company's resolved series, in one transaction.
    pub async fn replace_resolved(&self, ticker: &str, series: &[ResolvedQuarter]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(include_str!("../../queries/resolved_delete_of_company.sql"))
            .bind(ticker)
            .execute(&mut *tx)
            .await?;
        for quarter in series {
            for (segment, r) in &quarter.segments {
                sqlx::query(include_str!("../../queries/resolved_insert.sql"))
                    .bind(ticker)
                    .bind(quarter.quarter.fiscal_year)
                    .bind(i64::from(quarter.quarter.quarter))
                    .bind(day(quarter.period.start))
                    .bind(day(quarter.period.end))
                    .bind(segment.as_str())
                    .bind(r.value_usd)
                    .bind(i64::from(r.derived))
                    .bind(i64::from(r.disagreement))
                    .bind(encode_sources(&r.sources)?)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        super::company_series::put(&mut tx, ticker, series).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a claimed company's series up to date with the facts it was claimed at, and lets it
    /// go: facts stored since leave it dirty for the next claim. Nothing is written when the
    /// claim lapsed and another holder took it.
    pub async fn finish_resolve(&self, claim: &Claimed<Dirty>) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/company_mark_resolved.sql"))
            .bind(&claim.work.ticker)
            .bind(claim.work.generation)
            .bind(claim.token)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A company's resolved values with their sources, by period.
    pub async fn resolved_of_company(&self, ticker: &str) -> Result<Vec<ResolvedRecord>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/resolved_of_company.sql"))
            .bind(ticker)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(resolved_record).collect()
    }

    /// A company's resolved series, oldest quarter first, named in its fiscal calendar.
    pub async fn resolved_series(&self, company: &Company) -> Result<Vec<ResolvedQuarter>, StoreError> {
        let mut series: BTreeMap<FiscalQuarter, ResolvedQuarter> = BTreeMap::new();
        for r in self.resolved_of_company(&company.ticker).await? {
            let quarter = FiscalQuarter::new(r.fiscal_year, r.fiscal_quarter, company.fiscal_year_end);
            series
                .entry(quarter)
                .or_insert_with(|| ResolvedQuarter { quarter, period: r.period, segments: BTreeMap::new() })
                .segments
                .insert(r.segment, r.resolved);
        }
        Ok(series.into_values().collect())
    }

    /// Resolved values whose sources disagree by more than 1%, with the ticker.
    pub async fn disagreements(&self) -> Result<Vec<(String, ResolvedRecord)>, StoreError> {
        let rows = sqlx::query(dialect!(self.backend, "analyst/disagreements.sql")).fetch_all(&self.pool).await?;
        rows.iter().map(|row| Ok((row.try_get("ticker")?, resolved_record(row)?))).collect()
    }

    /// A company's quarters across segments, oldest first.
    pub async fn series(&self, ticker: &str) -> Result<Vec<SeriesRow>, StoreError> {
        let rows =
            sqlx::query(include_str!("../../queries/analyst/series.sql")).bind(ticker).fetch_all(&self.pool).await?;
        rows.iter().map(series_row).collect()
    }

    /// A company's quarters across segments with their sources, oldest first.
    pub async fn named_series(&self, company: &Company) -> Result<Vec<NamedQuarter>, StoreError> {
        let mut resolved: BTreeMap<(i32, u8), BTreeMap<Segment, Vec<Source>>> = BTreeMap::new();
        for r in self.resolved_of_company(&company.ticker).await? {
            resolved.entry((r.fiscal_year, r.fiscal_quarter)).or_default().insert(r.segment, r.resolved.sources);
        }
        let named = self
            .series(&company.ticker)
            .await?
            .into_iter()
            .map(|row| NamedQuarter {
                quarter: FiscalQuarter::new(row.fiscal_year, row.fiscal_quarter, company.fiscal_year_end),
                sources: resolved.remove(&(row.fiscal_year, row.fiscal_quarter)).unwrap_or_default(),
                values: row,
            })
            .collect();
        Ok(named)
    }

    /// Every company's latest resolved quarter.
    pub async fn latest_quarters(&self) -> Result<Vec<LatestQuarter>, StoreError> {
        let rows = sqlx::query(dialect!(self.backend, "analyst/latest_quarters.sql")).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(LatestQuarter {
                    ticker: row.try_get("ticker")?,
                    fiscal_year: row.try_get("fiscal_year")?,
                    fiscal_quarter: quarter(row)?,
                    period_end: row.date("period_end")?,
                    mining: row.try_get("mining")?,
                    hpc: row.try_get("hpc")?,
                    hosting: row.try_get("hosting")?,
                    total: row.try_get("total")?,
                    hpc_share: row.try_get("hpc_share")?,
                })
            })
            .collect()
    }
}

fn series_row(row: &AnyRow) -> Result<SeriesRow, StoreError> {
    Ok(SeriesRow {
        fiscal_year: row.try_get("fiscal_year")?,
        fiscal_quarter: quarter(row)?,
        period: Period { start: row.date("period_start")?, end: row.date("period_end")? },
        mining: row.try_get("mining")?,
        hpc: row.try_get("hpc")?,
        hosting: row.try_get("hosting")?,
        other: row.try_get("other")?,
        total: row.try_get("total")?,
        derived: row.flag("derived")?,
        disagreement: row.flag("disagreement")?,
    })
}

fn quarter(row: &AnyRow) -> Result<u8, StoreError> {
    let q: i64 = row.try_get("fiscal_quarter")?;
    u8::try_from(q).map_err(|_| StoreError::Corrupt(format!("fiscal quarter {q}")))
}

fn resolved_record(row: &AnyRow) -> Result<ResolvedRecord, StoreError> {
    let segment: String = row.try_get("segment")?;
    let sources: String = row.try_get("sources")?;
    Ok(ResolvedRecord {
        fiscal_year: row.try_get("fiscal_year")?,
        fiscal_quarter: quarter(row)?,
        period: Period { start: row.date("period_start")?, end: row.date("period_end")? },
        segment: Segment::parse(&segment).ok_or_else(|| StoreError::Corrupt(format!("segment {segment:?}")))?,
        resolved: Resolved {
            value_usd: row.try_get("value_usd")?,
            derived: row.flag("derived")?,
            disagreement: row.flag("disagreement")?,
            sources: decode_sources(&sources)?,
        },
    })
}
