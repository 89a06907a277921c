//! Documents that fail run after run. A transient failure is retried every run; a permanent one
//! (404, 410) is given up after `crawl.give_up_after_runs` runs, so that one missing exhibit does
//! not keep its filing incomplete, and its company from a quiet night, for ever.

use super::{CrawlError, CrawlReport};
use crate::store::{Store, StoreError};

/// Records that `url` of `ticker` failed with `error` this run and reports it; true when it is
/// now given up (the caller then counts it as done, so its filing or source can complete).
pub(super) async fn fetch_failed(
    store: &Store,
    ticker: &str,
    url: &str,
    error: &CrawlError,
    give_up_after: u32,
    report: &mut CrawlReport,
) -> Result<bool, StoreError> {
    let permanent = matches!(error, CrawlError::Http(e) if e.is_permanent());
    let recorded = store.record_fetch_failure(url, ticker, &error.to_string(), permanent, give_up_after).await?;
    if recorded.given_up {
        let message = format!("{error}; failed on {} runs in a row: given up, no longer fetched", recorded.runs);
        report.warn(url, &message);
    } else {
        report.fail(url, &error.to_string());
    }
    Ok(recorded.given_up)
}
