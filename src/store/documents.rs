//! Filings, documents and the crawl state that makes re-runs cheap.

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::row::{RowExt, day, opt_day};
use super::{Backend, Store, StoreError, now_text};
use sqlx::{Any, Transaction};

/// Validators for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A document to store; its bytes go to the blob store first.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub ticker: &'a str,
    /// `edgar` or `press`.
    pub source: &'a str,
    pub url: &'a str,
    pub accession: Option<&'a str>,
    pub form: Option<&'a str>,
    /// `primary`, `exhibit` or `release`.
    pub role: &'a str,
    pub filed: Option<NaiveDate>,
    pub report_period: Option<NaiveDate>,
    pub title: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub validators: Validators,
}

/// A stored document row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DocumentRecord {
    pub id: i64,
    pub ticker: String,
    pub source: String,
    pub url: String,
    /// 1, 2, … for each new content fetched at the URL.
    pub version: i64,
    /// The newer version of this document, when there is one.
    pub superseded_by: Option<i64>,
    pub accession: Option<String>,
    pub form: Option<String>,
    pub role: String,
    pub filed: Option<NaiveDate>,
    pub report_period: Option<NaiveDate>,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub sha256: String,
    pub size: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub fetched_at: String,
    pub status: String,
    /// Commit order: each new document (and each restored one) is numbered after all others.
    pub seq: i64,
}

impl DocumentRecord {
    /// This document's metadata as a new document at `url` (no validators).
    pub fn again<'a>(&'a self, url: &'a str) -> NewDocument<'a> {
        NewDocument {
            ticker: &self.ticker,
            source: &self.source,
            url,
            accession: self.accession.as_deref(),
            form: self.form.as_deref(),
            role: &self.role,
            filed: self.filed,
            report_period: self.report_period,
            title: self.title.as_deref(),
            content_type: self.content_type.as_deref(),
            validators: Validators::default(),
        }
    }

    fn from_row(row: &AnyRow) -> Result<DocumentRecord, sqlx::Error> {
        Ok(DocumentRecord {
            id: row.try_get("id")?,
            ticker: row.try_get("ticker")?,
            source: row.try_get("source")?,
            url: row.try_get("url")?,
            version: row.try_get("version")?,
            superseded_by: row.try_get("superseded_by")?,
            accession: row.try_get("accession")?,
            form: row.try_get("form")?,
            role: row.try_get("role")?,
            filed: row.opt_date("filed")?,
            report_period: row.opt_date("report_period")?,
            title: row.try_get("title")?,
            content_type: row.try_get("content_type")?,
            sha256: row.try_get("sha256")?,
            size: row.try_get("size")?,
            etag: row.try_get("etag")?,
            last_modified: row.try_get("last_modified")?,
            fetched_at: row.try_get("fetched_at")?,
            status: row.try_get("status")?,
            seq: row.try_get("seq")?,
        })
    }
}

impl Store {
    /// Stores the bytes (once per content) and a document row: the URL's first version, or a new
    /// one that supersedes the older versions (which keep their facts); returns the row id. The
    /// bytes of the URL's current version again are that version — held by a unique index, so
    /// processes storing the same bytes at once make one version.
    pub async fn put_document(&self, doc: &NewDocument<'_>, bytes: &[u8]) -> Result<i64, StoreError> {
        let sha = self.blobs.put(bytes)?;
        if let Some(current) = self.document_by_url(doc.url).await?
            && current.sha256 == sha
        {
            return Ok(current.id);
        }
        // Writes first: a transaction that read before writing cannot wait for another writer.
        let mut tx = self.pool.begin().await?;
        self.lock_seq(&mut tx).await?;
        let id: Option<i64> = sqlx::query_scalar(include_str!("../../queries/document_insert.sql"))
            .bind(doc.ticker)
            .bind(doc.source)
            .bind(doc.url)
            .bind(doc.accession)
            .bind(doc.form)
            .bind(doc.role)
            .bind(opt_day(doc.filed))
            .bind(opt_day(doc.report_period))
            .bind(doc.title)
            .bind(doc.content_type)
            .bind(&sha)
            .bind(bytes.len() as i64)
            .bind(&doc.validators.etag)
            .bind(&doc.validators.last_modified)
            .bind(now_text())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(id) = id else {
            tx.rollback().await?;
            let current = self.document_by_url(doc.url).await?;
            return current
                .map(|d| d.id)
                .ok_or_else(|| StoreError::Corrupt(format!("{}: no current version", doc.url)));
        };
        sqlx::query(include_str!("../../queries/document_supersede.sql")).bind(id).execute(&mut *tx).await?;
        sqlx::query(include_str!("../../queries/fetch_failure_clear.sql")).bind(doc.url).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Puts back the lost bytes of a document (checked against its hash by the caller) and
    /// makes it pending extraction, and due for indexing, again.
    pub async fn restore_blob(&self, document_id: i64, bytes: &[u8]) -> Result<(), StoreError> {
        self.blobs.put(bytes)?;
        let mut tx = self.pool.begin().await?;
        self.lock_seq(&mut tx).await?;
        sqlx::query(include_str!("../../queries/document_restore.sql")).bind(document_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Holds the document numbering until `tx` ends, so `seq` follows commit order (SQLite's one
    /// writer at a time does that by itself).
    async fn lock_seq(&self, tx: &mut Transaction<'_, Any>) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            sqlx::query(include_str!("../../queries/postgres/document_seq_lock.sql")).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Documents numbered after `seq`, in commit order: what a search replica at `seq` lacks.
    pub async fn documents_after(&self, seq: i64) -> Result<Vec<DocumentRecord>, StoreError> {
        let rows =
            sqlx::query(include_str!("../../queries/documents_after.sql")).bind(seq).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(DocumentRecord::from_row).collect::<Result<_, _>>()?)
    }

    /// The current version of the document at `url`.
    pub async fn document_by_url(&self, url: &str) -> Result<Option<DocumentRecord>, StoreError> {
        let row =
            sqlx::query(include_str!("../../queries/document_by_url.sql")).bind(url).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(DocumentRecord::from_row).transpose()?)
    }

    /// The first document of `ticker` whose bytes hash to `sha256`.
    pub async fn document_by_sha256(&self, ticker: &str, sha256: &str) -> Result<Option<DocumentRecord>, StoreError> {
        let row = sqlx::query(include_str!("../../queries/document_by_sha256.sql"))
            .bind(ticker)
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(DocumentRecord::from_row).transpose()?)
    }

    pub async fn document(&self, id: i64) -> Result<Option<DocumentRecord>, StoreError> {
        let row =
            sqlx::query(include_str!("../../queries/document_by_id.sql")).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(DocumentRecord::from_row).transpose()?)
    }

    /// Every stored document, oldest row first.
    pub async fn documents(&self) -> Result<Vec<DocumentRecord>, StoreError> {
        let rows = sqlx::query(include_str!("../../queries/documents_all.sql")).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(DocumentRecord::from_row).collect::<Result<_, _>>()?)
    }

    /// Whether every document of this filing is already stored.
    pub async fn filing_is_complete(&self, accession: &str) -> Result<bool, StoreError> {
        let complete: i64 = sqlx::query_scalar(include_str!("../../queries/filing_is_complete.sql"))
            .bind(accession)
            .fetch_one(&self.pool)
            .await?;
        Ok(complete != 0)
    }

    /// Marks a filing complete: the crawler will not visit it again.
    pub async fn complete_filing(
        &self,
        accession: &str,
        ticker: &str,
        form: &str,
        filed: NaiveDate,
        report_period: Option<NaiveDate>,
        items: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/filing_complete.sql"))
            .bind(accession)
            .bind(ticker)
            .bind(form)
            .bind(day(filed))
            .bind(opt_day(report_period))
            .bind(items)
            .bind(now_text())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The validators last seen for a listing URL, unless they were saved under a later `since`
    /// (then the listing must be read in full again).
    pub async fn validators(&self, url: &str, since: Option<NaiveDate>) -> Result<Validators, StoreError> {
        let row = sqlx::query(include_str!("../../queries/crawl_state_get.sql"))
            .bind(url)
            .bind(opt_day(since))
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Validators { etag: row.try_get("etag")?, last_modified: row.try_get("last_modified")? },
            None => Validators::default(),
        })
    }

    /// Remembers a listing URL's validators once everything it listed since `since` is stored.
    pub async fn put_validators(&self, url: &str, v: &Validators, since: Option<NaiveDate>) -> Result<(), StoreError> {
        sqlx::query(include_str!("../../queries/crawl_state_put.sql"))
            .bind(url)
            .bind(&v.etag)
            .bind(&v.last_modified)
            .bind(now_text())
            .bind(opt_day(since))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
