//! Facts with provenance: each document's facts are replaced as a whole when it is re-extracted,
//! by the holder of its extraction claim only (the claim's fencing token is checked in the same
//! transaction), so a holder whose claim lapsed cannot write over its successor's facts.

use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

use super::row::{RowExt, day};
use super::{Claimed, Store, StoreError};
use crate::model::{Extractor, Fact, Period, Segment};

/// A stored fact and the document it came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredFact {
    pub id: i64,
    pub document_id: i64,
    pub fact: Fact,
    pub form: Option<String>,
    pub filed: Option<NaiveDate>,
    pub url: String,
}

impl Store {
    /// Replaces a claimed document's facts, marks it extracted and its company dirty, and
    /// releases the claim, in one transaction. False when the claim lapsed and another holder
    /// took it: nothing was written, and the new holder's facts stand.
    pub async fn replace_facts(&self, claim: &Claimed<i64>, ticker: &str, facts: &[Fact]) -> Result<bool, StoreError> {
        let document_id = claim.work;
        let mut tx = self.pool.begin().await?;
        // First, so that the fence is checked (and on PostgreSQL the row locked) before any fact
        // is written; a lapsed claim rolls back with the transaction dropped.
        if !extraction_done(&mut *tx, claim, "extracted", None).await? {
            return Ok(false);
        }
        sqlx::query(include_str!("../../queries/facts_delete_of_document.sql"))
            .bind(document_id)
            .execute(&mut *tx)
            .await?;
        for f in facts {
            sqlx::query(include_str!("../../queries/fact_insert.sql"))
                .bind(document_id)
                .bind(ticker)
                .bind(f.segment.as_str())
                .bind(day(f.period.start))
                .bind(day(f.period.end))
                .bind(f.value_usd)
                .bind(&f.label)
                .bind(&f.concept)
                .bind(f.extractor.as_str())
                .bind(f.confidence)
                .bind(&f.raw_text)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(include_str!("../../queries/company_mark_dirty.sql")).bind(ticker).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Records why a claimed document could not be extracted and releases the claim; its earlier
    /// facts, if any, stay. False when the claim lapsed and another holder took it.
    pub async fn mark_extract_failed(&self, claim: &Claimed<i64>, error: &str) -> Result<bool, StoreError> {
        extraction_done(&self.pool, claim, "extract_failed", Some(error)).await
    }

    /// Records that a claimed document's stored bytes are missing or damaged, so the next run
    /// fetches them again, and releases the claim. False when the claim lapsed.
    pub async fn mark_claimed_blob_lost(&self, claim: &Claimed<i64>, error: &str) -> Result<bool, StoreError> {
        extraction_done(&self.pool, claim, "blob_lost", Some(error)).await
    }

    /// Records that a document's stored bytes are missing or damaged, found outside an
    /// extraction (by the indexer): the next run fetches them again (its facts, if any, stay
    /// meanwhile). A claim on its extraction stays with its holder.
    pub async fn mark_blob_lost(&self, document_id: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/document_blob_lost.sql"))
            .bind(document_id)
            .bind(error)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Current documents whose stored bytes were found missing or damaged.
    pub async fn documents_blob_lost(&self) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(include_str!("../../queries/documents_blob_lost.sql")).fetch_all(&self.pool).await?)
    }

    /// Ids of documents not extracted yet.
    pub async fn documents_pending_extraction(&self) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(include_str!("../../queries/documents_pending_extraction.sql"))
            .fetch_all(&self.pool)
            .await?)
    }

    /// Ids of every stored document.
    pub async fn document_ids(&self) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(include_str!("../../queries/document_ids.sql")).fetch_all(&self.pool).await?)
    }

    /// Every fact of a company, by period end.
    pub async fn facts_of_company(&self, ticker: &str) -> Result<Vec<StoredFact>, StoreError> {
        let rows =
            sqlx::query(include_str!("../../queries/facts_of_company.sql")).bind(ticker).fetch_all(&self.pool).await?;
        rows.iter().map(stored_fact).collect()
    }
}

/// Writes where a claimed document's extraction ended (`status`, with why when it is not well)
/// and releases the claim, if the claim's token still holds; whether it did.
async fn extraction_done<'c>(
    executor: impl sqlx::Executor<'c, Database = Any>,
    claim: &Claimed<i64>,
    status: &str,
    error: Option<&str>,
) -> Result<bool, StoreError> {
    let row = sqlx::query(include_str!("../../queries/document_extraction_done.sql"))
        .bind(claim.work)
        .bind(status)
        .bind(error)
        .bind(claim.token)
        .fetch_optional(executor)
        .await?;
    Ok(row.is_some())
}

fn stored_fact(row: &AnyRow) -> Result<StoredFact, StoreError> {
    let segment: String = row.try_get("segment")?;
    let extractor: String = row.try_get("extractor")?;
    let corrupt = |what: &str, value: &str| StoreError::Corrupt(format!("fact has unknown {what} {value:?}"));
    Ok(StoredFact {
        id: row.try_get("id")?,
        document_id: row.try_get("document_id")?,
        fact: Fact {
            segment: Segment::parse(&segment).ok_or_else(|| corrupt("segment", &segment))?,
            period: Period { start: row.date("period_start")?, end: row.date("period_end")? },
            value_usd: row.try_get("value_usd")?,
            label: row.try_get("label")?,
            concept: row.try_get("concept")?,
            extractor: Extractor::parse(&extractor).ok_or_else(|| corrupt("extractor", &extractor))?,
            confidence: row.try_get::<f64, _>("confidence")? as f32,
            raw_text: row.try_get("raw_text")?,
        },
        form: row.try_get("form")?,
        filed: row.opt_date("filed")?,
        url: row.try_get("url")?,
    })
}
