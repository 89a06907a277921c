//! Company rows: the universe the stages follow, and what later stages read back (the search
//! index shows each hit's company name and CIK).
//!
//! The universe is stored, not configured: `companies.toml` seeds it ([`Store::upsert_companies`],
//! which never touches whether a company is followed), `follow` adds a company read from EDGAR
//! and `unfollow` drops one while keeping its documents and series, which reference its ticker.
//! A company's pivot rules that `follow --pivot` added are kept beside it.

use sqlx::Row;

use super::{Store, StoreError, now_text};
use crate::model::{Company, FilerKind, FiscalYearEnd, PivotRule};

/// A stored company: what a search hit shows beside the ticker.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CompanyRecord {
    pub ticker: String,
    pub name: String,
    pub cik: i64,
}

/// Where a company of the universe came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The config's `[[company]]` seed.
    Config,
    /// `minewatch follow`.
    Follow,
}

/// One followed company as stored (no label overrides or press sources: those stay in the config).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub company: Company,
    pub origin: Origin,
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

    /// Seeds the universe with the config's companies: new ones are followed, known ones get the
    /// config's name, CIK, fiscal-year end and filer kind, and an unfollowed one stays unfollowed.
    pub async fn upsert_companies(&self, companies: &[Company]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for c in companies {
            bind_company(sqlx::query(include_str!("../../queries/company_upsert.sql")), c).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Follows `company` (added, or followed again), as read from EDGAR.
    pub async fn follow(&self, company: &Company) -> Result<(), StoreError> {
        bind_company(sqlx::query(include_str!("../../queries/company_follow.sql")), company)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stops following `ticker`; false when no followed company has it.
    pub async fn unfollow(&self, ticker: &str) -> Result<bool, StoreError> {
        let done =
            sqlx::query(include_str!("../../queries/company_unfollow.sql")).bind(ticker).execute(&self.pool).await?;
        Ok(done.rows_affected() > 0)
    }

    /// Adds a pivot rule for `ticker` (`follow --pivot`); one it has already is kept as it is.
    pub async fn add_pivot(&self, ticker: &str, rule: &PivotRule) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/company_pivot_add.sql"))
            .bind(ticker)
            .bind(rule.to_string())
            .bind(now_text())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Every pivot rule `follow --pivot` added, as (ticker, rule).
    pub async fn pivots(&self) -> Result<Vec<(String, PivotRule)>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/company_pivots_all.sql")).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                let (ticker, text): (String, String) = (row.try_get("ticker")?, row.try_get("rule")?);
                let rule = PivotRule::parse(&text)
                    .map_err(|e| StoreError::Corrupt(format!("{ticker} has pivot rule {text:?}: {e}")))?;
                Ok((ticker, rule))
            })
            .collect()
    }

    /// The followed universe, by ticker.
    pub async fn followed(&self) -> Result<Vec<Member>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/companies_followed.sql")).fetch_all(&self.pool).await?;
        rows.iter().map(member).collect()
    }

    /// Whether a company's data is whole enough to detect on: its listing is not being crawled
    /// (nor left half-crawled by a process that died), its series is resolved from its latest
    /// facts, and none of its documents waits for extraction. Signals read from part of a
    /// history (the third quarter fetched before the second) would differ from the whole one's.
    pub async fn company_settled(&self, ticker: &str) -> Result<bool, StoreError> {
        let unsettled: i64 = sqlx::query_scalar(include_str!("../../queries/company_unsettled.sql"))
            .bind(ticker)
            .fetch_one(&self.pool)
            .await?;
        Ok(unsettled == 0)
    }

    /// Tickers whose facts changed since their series was last resolved (by a run that may have
    /// been killed before resolving them).
    pub async fn dirty_companies(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(include_str!("../../queries/companies_dirty.sql")).fetch_all(&self.pool).await?)
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds a company's columns in the order the upsert and follow statements take them.
fn bind_company<'q>(query: Query<'q>, c: &'q Company) -> Query<'q> {
    query
        .bind(&c.ticker)
        .bind(&c.name)
        .bind(c.cik as i64)
        .bind(format!("{:02}-{:02}", c.fiscal_year_end.month, c.fiscal_year_end.day))
        .bind(match c.filer_kind {
            FilerKind::Domestic => "domestic",
            FilerKind::Foreign => "foreign",
        })
}

fn member(row: &sqlx::any::AnyRow) -> Result<Member, StoreError> {
    let ticker: String = row.try_get("ticker")?;
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("company {ticker}: {what} {value:?}"));
    let fye: String = row.try_get("fiscal_year_end")?;
    let fiscal_year_end = fye
        .split_once('-')
        .and_then(|(m, d)| Some(FiscalYearEnd { month: m.parse().ok()?, day: d.parse().ok()? }))
        .ok_or_else(|| corrupt("fiscal_year_end", &fye))?;
    let kind: String = row.try_get("filer_kind")?;
    let filer_kind = match kind.as_str() {
        "domestic" => FilerKind::Domestic,
        "foreign" => FilerKind::Foreign,
        _ => return Err(corrupt("filer_kind", &kind)),
    };
    let origin_text: String = row.try_get("origin")?;
    let origin = match origin_text.as_str() {
        "config" => Origin::Config,
        "follow" => Origin::Follow,
        _ => return Err(corrupt("origin", &origin_text)),
    };
    let cik: i64 = row.try_get("cik")?;
    let company = Company {
        cik: u64::try_from(cik).map_err(|_| corrupt("cik", &cik.to_string()))?,
        name: row.try_get("name")?,
        ticker,
        fiscal_year_end,
        filer_kind,
        overrides: Vec::new(),
        press: Vec::new(),
    };
    Ok(Member { company, origin })
}
