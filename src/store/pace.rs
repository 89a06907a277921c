//! The shared request pace: one row per limit (EDGAR, each press host) whose next free slot every
//! process sharing the store takes in turn, so workers on many machines stay within one limit.
//! One statement per request, rather than a crawl leader elected by lock: any process may crawl,
//! and one that dies stalls nobody. Slots are kept by the database's clock, so machines whose
//! clocks disagree still keep one pace.

use std::time::Duration;

use futures_util::future::BoxFuture;

use super::backend::dialect;
use super::{Store, StoreError};
use crate::crawl::pace::{Pace, PaceError};

impl Pace for Store {
    fn next_slot<'a>(&'a self, name: &'a str, interval: Duration) -> BoxFuture<'a, Result<Duration, PaceError>> {
        Box::pin(async move {
            let wait_ms: i64 = sqlx::query_scalar(dialect!(self.backend, "pace_take.sql"))
                .bind(name)
                .bind(i64::try_from(interval.as_millis()).unwrap_or(i64::MAX).max(1))
                .fetch_one(&self.pool)
                .await
                .map_err(StoreError::from)?;
            Ok(Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0)))
        })
    }
}
