//! Work claimed with leases, so that many processes on many machines share each stage's pending
//! work and never do one piece twice: a claim names its holder and lasts until a deadline; a
//! holder that dies leaves a claim that expires, and another process takes the work over.
//!
//! A claim also takes a fencing token, a number that grows with each claim of that piece of work:
//! what a holder writes as the work's outcome names its token, so a holder whose claim lapsed and
//! was taken over writes nothing over the new holder's.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use super::backend::dialect;
use super::{AlertFilter, AlertRecord, Store, StoreError};

/// One process's identity and how long its claims last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lease {
    pub holder: String,
    pub ttl: Duration,
}

impl Lease {
    /// A holder name unique to this process: host, pid and a random suffix.
    pub fn for_this_process(ttl: Duration) -> Lease {
        Lease { holder: format!("{}:{}:{:08x}", Lease::this_host(), std::process::id(), fastrand::u32(..)), ttl }
    }

    /// This machine's name, as holders name it.
    pub(crate) fn this_host() -> String {
        std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_default()
    }

    /// A claim statement with this lease's terms bound as its first three parameters, as every
    /// claim statement takes them: holder, until and now (Unix ms).
    fn claim(&self, statement: &'static str) -> Query<'static, Any, AnyArguments> {
        let now = now_ms();
        sqlx::query(statement).bind(self.holder.as_str()).bind(self.until(now)).bind(now)
    }

    /// When a claim renewed at `from` (Unix ms) lapses.
    pub fn until(&self, from: i64) -> i64 {
        from.saturating_add(i64::try_from(self.ttl.as_millis()).unwrap_or(i64::MAX))
    }
}

/// A piece of work this process claimed, with the fencing token of its claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed<T> {
    pub work: T,
    pub token: i64,
}

impl<T> Claimed<T>
where
    T: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any>,
{
    /// The work a claim statement returned in column `work`, with the token the claim took in
    /// column `token`.
    fn from_row(row: &AnyRow, work: &str, token: &str) -> Result<Claimed<T>, sqlx::Error> {
        Ok(Claimed { work: row.try_get(work)?, token: row.try_get(token)? })
    }
}

/// A company to resolve, with the generation of its facts it was dirty at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirty {
    pub ticker: String,
    pub generation: i64,
}

/// How much work is left in the store, claimed or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Remaining {
    pub crawl: i64,
    pub extract: i64,
    pub resolve: i64,
    pub deliver: i64,
}

impl Remaining {
    pub fn is_empty(&self) -> bool {
        *self == Remaining::default()
    }
}

/// Milliseconds since the Unix epoch, as leases and paces store time.
pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

impl Store {
    /// Claims up to `limit` documents pending extraction, in order of id.
    pub async fn claim_extraction(&self, lease: &Lease, limit: i64) -> Result<Vec<Claimed<i64>>, StoreError> {
        let rows = lease.claim(dialect!(self.backend, "documents_claim.sql")).bind(limit).fetch_all(&self.pool).await?;
        let mut claims =
            rows.iter().map(|row| Claimed::from_row(row, "id", "lease_token")).collect::<Result<Vec<_>, _>>()?;
        claims.sort_unstable_by_key(|claim| claim.work);
        Ok(claims)
    }

    /// Claims document `id` to extract it again whatever its status, unless another holder's
    /// claim on it runs (a worker is extracting it).
    pub async fn claim_document(&self, lease: &Lease, id: i64) -> Result<Option<Claimed<i64>>, StoreError> {
        let row =
            lease.claim(include_str!("../../queries/document_claim.sql")).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(|row| Claimed::from_row(row, "id", "lease_token")).transpose()?)
    }

    /// Claims one company whose series is stale.
    pub async fn claim_dirty_company(&self, lease: &Lease) -> Result<Option<Claimed<Dirty>>, StoreError> {
        let row = lease.claim(dialect!(self.backend, "companies_claim_dirty.sql")).fetch_optional(&self.pool).await?;
        let Some(row) = row else { return Ok(None) };
        let work = Dirty { ticker: row.try_get("ticker")?, generation: row.try_get("dirty")? };
        Ok(Some(Claimed { work, token: row.try_get("lease_token")? }))
    }

    /// Claims the company most overdue for a crawl among those due by `due_by` (a pass takes
    /// those due when it began, so a company due again soon waits for the next pass).
    pub async fn claim_due_crawl(
        &self,
        lease: &Lease,
        due_by: DateTime<Utc>,
    ) -> Result<Option<Claimed<String>>, StoreError> {
        self.claim_crawl(lease, None, due_by.timestamp_millis()).await
    }

    /// Claims `ticker`'s crawl whenever it is due, unless another holder's claim runs (an
    /// `ingest` beside workers crawls what no worker is crawling).
    pub async fn claim_crawl_of(&self, lease: &Lease, ticker: &str) -> Result<Option<Claimed<String>>, StoreError> {
        self.claim_crawl(lease, Some(ticker), i64::MAX).await
    }

    async fn claim_crawl(
        &self,
        lease: &Lease,
        ticker: Option<&str>,
        due_by: i64,
    ) -> Result<Option<Claimed<String>>, StoreError> {
        let row = lease
            .claim(dialect!(self.backend, "companies_claim_crawl.sql"))
            .bind(ticker)
            .bind(due_by)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(|row| Claimed::from_row(row, "ticker", "crawl_token")).transpose()?)
    }

    /// Records a claimed crawl as done (or given up for now), due again after `every` (or when
    /// it was due, if later), and releases the claim. False when the claim lapsed and another
    /// holder took it: nothing was written.
    pub async fn crawled(&self, claim: &Claimed<String>, every: Duration) -> Result<bool, StoreError> {
        let due = now_ms().saturating_add(i64::try_from(every.as_millis()).unwrap_or(i64::MAX));
        let row = sqlx::query(include_str!("../../queries/company_crawled.sql"))
            .bind(&claim.work)
            .bind(due)
            .bind(claim.token)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// Claims up to `limit` pending alerts that are due now, oldest first.
    pub async fn claim_alerts(&self, lease: &Lease, limit: i64) -> Result<Vec<Claimed<AlertRecord>>, StoreError> {
        let due_by = Utc::now();
        let rows = lease
            .claim(dialect!(self.backend, "alerts_claim.sql"))
            .bind(super::alerts::time_text(due_by))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        let mut tokens = HashMap::new();
        for row in rows {
            tokens.insert(row.try_get::<i64, _>("id")?, row.try_get::<i64, _>("lease_token")?);
        }
        let mut claimed: Vec<Claimed<AlertRecord>> = self
            .alerts(AlertFilter::DueBy(due_by))
            .await?
            .into_iter()
            .filter_map(|alert| Some(Claimed { token: *tokens.get(&alert.id)?, work: alert }))
            .collect();
        claimed.sort_by_key(|a| a.work.id);
        Ok(claimed)
    }

    /// What is left to do, by stage (work under another holder's claim included).
    pub async fn remaining(&self) -> Result<Remaining, StoreError> {
        let row = sqlx::query(include_str!("../../queries/work_remaining.sql"))
            .bind(now_ms())
            .bind(super::alerts::time_text(Utc::now()))
            .fetch_one(&self.pool)
            .await?;
        Ok(Remaining {
            crawl: row.try_get("crawl")?,
            extract: row.try_get("extract")?,
            resolve: row.try_get("resolve")?,
            deliver: row.try_get("deliver")?,
        })
    }
}
