//! Each company's series grouped by quarter, kept as one document per company for the universe
//! page: reading 500 documents is far cheaper than grouping 40,000 resolved rows on every request
//! (`migrations/*/…company_series.sql`). Written only by [`Store::replace_resolved`], in the same
//! transaction as the resolved rows it is grouped from, so the two never disagree.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::{Any, Row, Transaction};

use super::resolved::SeriesRow;
use super::{Store, StoreError};
use crate::model::{Period, ResolvedQuarter, Segment};

/// The version of the stored series document; any other is refused, never defaulted.
const SERIES_VERSION: u32 = 1;

/// `{"version": 1, "quarters": [...]}`, oldest quarter first.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesDocument {
    version: u32,
    quarters: Vec<StoredQuarter>,
}

/// `[fiscal_year, fiscal_quarter, period_start, period_end, mining, hpc, hosting, other, total,
/// derived, disagreement]`: an array, as the migration builds it from existing rows.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredQuarter(
    i32,
    u8,
    NaiveDate,
    NaiveDate,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    u8,
    u8,
);

impl From<&ResolvedQuarter> for StoredQuarter {
    fn from(q: &ResolvedQuarter) -> Self {
        let value = |segment| q.segments.get(&segment).map(|r| r.value_usd);
        let any = |flag: fn(&crate::model::Resolved) -> bool| u8::from(q.segments.values().any(flag));
        StoredQuarter(
            q.quarter.fiscal_year,
            q.quarter.quarter,
            q.period.start,
            q.period.end,
            value(Segment::Mining),
            value(Segment::Hpc),
            value(Segment::Hosting),
            value(Segment::Other),
            value(Segment::Total),
            any(|r| r.derived),
            any(|r| r.disagreement),
        )
    }
}

impl From<StoredQuarter> for SeriesRow {
    fn from(q: StoredQuarter) -> Self {
        let StoredQuarter(
            fiscal_year,
            fiscal_quarter,
            start,
            end,
            mining,
            hpc,
            hosting,
            other,
            total,
            derived,
            disagreement,
        ) = q;
        SeriesRow {
            fiscal_year,
            fiscal_quarter,
            period: Period { start, end },
            mining,
            hpc,
            hosting,
            other,
            total,
            derived: derived != 0,
            disagreement: disagreement != 0,
        }
    }
}

/// Writes `ticker`'s grouped series inside the transaction replacing its resolved rows.
pub(super) async fn put(
    tx: &mut Transaction<'_, Any>,
    ticker: &str,
    series: &[ResolvedQuarter],
) -> Result<(), StoreError> {
    let document =
        SeriesDocument { version: SERIES_VERSION, quarters: series.iter().map(StoredQuarter::from).collect() };
    let text = serde_json::to_string(&document).map_err(|e| StoreError::Corrupt(format!("series of {ticker}: {e}")))?;
    sqlx::query(include_str!("../../queries/company_series_put.sql"))
        .bind(ticker)
        .bind(text)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn decode(ticker: &str, text: &str) -> Result<Vec<SeriesRow>, StoreError> {
    let document: SeriesDocument =
        serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("series of {ticker}: {e}")))?;
    if document.version != SERIES_VERSION {
        return Err(StoreError::Corrupt(format!("series of {ticker}: unknown version {}", document.version)));
    }
    let mut rows: Vec<SeriesRow> = document.quarters.into_iter().map(SeriesRow::from).collect();
    // A migrated document lists its quarters in whatever order the database grouped them.
    rows.sort_by_key(|r| (r.fiscal_year, r.fiscal_quarter));
    Ok(rows)
}

impl Store {
    /// Every company's quarters across segments, oldest first, by ticker: one query for the
    /// universe page, however many companies. Equal to [`Store::series`] of each company.
    pub async fn all_series(&self) -> Result<BTreeMap<String, Vec<SeriesRow>>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/company_series_all.sql")).fetch_all(&self.pool).await?;
        let mut all = BTreeMap::new();
        for row in &rows {
            let ticker: String = row.try_get("ticker")?;
            let series = decode(&ticker, &row.try_get::<String, _>("series")?)?;
            if !series.is_empty() {
                all.insert(ticker, series);
            }
        }
        Ok(all)
    }
}
