//! Discovery's rows: each filing of a filer outside the universe read once, with its revenue
//! lines as reported, and each candidate raised once per CIK. The keys (accession, CIK) make
//! "once" hold across polls, restarts and workers sharing the store: whoever inserts first wins,
//! and the others learn that they were second.

use sqlx::Row;

use super::row::{RowExt, day};
use super::{Store, StoreError, now_text};
use crate::model::{Candidate, DiscoveredFiling, LineFigure, Period};

impl Store {
    /// Whether discovery has read the filing `accession` already.
    pub async fn is_discovered(&self, accession: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(include_str!("../../queries/discovered_filing_known.sql"))
            .bind(accession)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// Keeps a filing discovery read and its line figures, in one transaction; false when
    /// another process kept it first (its lines are then that process's).
    pub async fn put_discovered(&self, filing: &DiscoveredFiling, lines: &[LineFigure]) -> Result<bool, StoreError> {
        let cik = cik_value(filing.cik)?;
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(include_str!("../../queries/discovered_filing_insert.sql"))
            .bind(&filing.accession)
            .bind(cik)
            .bind(&filing.company)
            .bind(&filing.form)
            .bind(&filing.index_url)
            .bind(&filing.document_url)
            .bind(now_text())
            .execute(&mut *tx)
            .await?;
        if inserted.rows_affected() == 0 {
            return Ok(false);
        }
        for l in lines {
            sqlx::query(include_str!("../../queries/discovered_line_insert.sql"))
                .bind(&filing.accession)
                .bind(cik)
                .bind(&l.line)
                .bind(day(l.period.start))
                .bind(day(l.period.end))
                .bind(l.value_usd)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Every line figure discovery kept for the filer `cik`, oldest period first.
    pub async fn discovered_lines(&self, cik: u64) -> Result<Vec<LineFigure>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/discovered_lines_of.sql"))
            .bind(cik_value(cik)?)
            .fetch_all(&self.pool)
            .await?;
        let figure = |row: &sqlx::any::AnyRow| -> Result<LineFigure, sqlx::Error> {
            Ok(LineFigure {
                line: row.try_get("line")?,
                period: Period { start: row.date("period_start")?, end: row.date("period_end")? },
                value_usd: row.try_get("value_usd")?,
            })
        };
        Ok(rows.iter().map(figure).collect::<Result<_, _>>()?)
    }

    /// Raises `candidate`; false when its filer was raised before (by any process).
    pub async fn raise_candidate(&self, candidate: &Candidate) -> Result<bool, StoreError> {
        let (reason, figures) = (to_json(&candidate.reason)?, to_json(&candidate.figures)?);
        let f = &candidate.filing;
        let done = sqlx::query(include_str!("../../queries/candidate_insert.sql"))
            .bind(cik_value(f.cik)?)
            .bind(&f.company)
            .bind(&f.form)
            .bind(&f.accession)
            .bind(&f.index_url)
            .bind(&f.document_url)
            .bind(&candidate.line)
            .bind(&candidate.term)
            .bind(&candidate.term_reason)
            .bind(reason)
            .bind(figures)
            .bind(now_text())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every candidate raised, in the order raised.
    pub async fn candidates(&self) -> Result<Vec<Candidate>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/candidates_all.sql")).fetch_all(&self.pool).await?;
        rows.iter().map(candidate).collect()
    }

    /// Marks the candidate `cik` followed under `ticker` (once `follow` promoted it); false when
    /// the filer was never a candidate.
    pub async fn candidate_followed(&self, cik: u64, ticker: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(include_str!("../../queries/candidate_followed.sql"))
            .bind(cik_value(cik)?)
            .bind(ticker)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// A JSON column's text.
fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("a candidate as JSON: {e}")))
}

fn cik_value(cik: u64) -> Result<i64, StoreError> {
    i64::try_from(cik).map_err(|_| StoreError::Corrupt(format!("CIK {cik} does not fit a database integer")))
}

fn candidate(row: &sqlx::any::AnyRow) -> Result<Candidate, StoreError> {
    let cik: i64 = row.try_get("cik")?;
    let corrupt = |what: &str, e: &dyn std::fmt::Display| StoreError::Corrupt(format!("candidate {cik}: {what}: {e}"));
    let reason: String = row.try_get("reason")?;
    let figures: String = row.try_get("figures")?;
    Ok(Candidate {
        filing: DiscoveredFiling {
            cik: u64::try_from(cik).map_err(|e| corrupt("cik", &e))?,
            company: row.try_get("company")?,
            form: row.try_get("form")?,
            accession: row.try_get("accession")?,
            index_url: row.try_get("index_url")?,
            document_url: row.try_get("document_url")?,
        },
        line: row.try_get("line")?,
        term: row.try_get("term")?,
        term_reason: row.try_get("term_reason")?,
        reason: serde_json::from_str(&reason).map_err(|e| corrupt("reason", &e))?,
        figures: serde_json::from_str(&figures).map_err(|e| corrupt("figures", &e))?,
        followed: row.try_get("followed")?,
    })
}
