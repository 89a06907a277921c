//! HTTP in: the polite client and the sources that use it.

pub mod edgar;
pub mod http;

use std::sync::Arc;

use tokio::task::JoinSet;

use crate::config::CrawlConfig;
use crate::model::Company;
use crate::store::{Store, StoreError};
use edgar::Edgar;
use http::HttpClient;

/// Why a source could not be crawled. Store failures stop the run; the rest are per source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CrawlError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Http(#[from] http::HttpError),
    #[error("{url}: malformed response: {message}")]
    Malformed { url: String, message: String },
}

/// What a crawl stored and what failed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CrawlReport {
    /// Row ids of documents stored by this crawl.
    pub new_documents: Vec<i64>,
    pub documents_unchanged: u64,
    /// (URL, message) of each document or listing that could not be fetched.
    pub failures: Vec<(String, String)>,
}

impl CrawlReport {
    pub fn fail(&mut self, url: &str, message: &str) {
        tracing::error!(url, "{message}");
        self.failures.push((url.to_string(), message.to_string()));
    }

    fn merge(&mut self, other: CrawlReport) {
        self.new_documents.extend(other.new_documents);
        self.documents_unchanged += other.documents_unchanged;
        self.failures.extend(other.failures);
    }
}

/// Crawls EDGAR for every company, `config.concurrency` companies at a time, all sharing the
/// client's one rate limit. `on_company_done` is called after each company (for progress).
pub async fn crawl_edgar(
    http: &HttpClient,
    store: &Store,
    config: &CrawlConfig,
    companies: &[Company],
    on_company_done: impl Fn(&Company),
) -> Result<CrawlReport, StoreError> {
    let config = Arc::new(config.clone());
    let mut report = CrawlReport::default();
    let mut pending = companies.iter().cloned();
    let mut tasks = JoinSet::new();
    loop {
        while tasks.len() < config.concurrency {
            let Some(company) = pending.next() else { break };
            let (http, store, config) = (http.clone(), store.clone(), Arc::clone(&config));
            tasks.spawn(async move {
                let mut report = CrawlReport::default();
                let edgar = Edgar { http: &http, store: &store, config: &config };
                let outcome = edgar.crawl(&company, &mut report).await;
                (company, report, outcome)
            });
        }
        let Some(joined) = tasks.join_next().await else { break };
        let (company, company_report, outcome) = match joined {
            Ok(done) => done,
            Err(e) => return Err(StoreError::Corrupt(format!("crawl task failed: {e}"))),
        };
        report.merge(company_report);
        match outcome {
            Ok(()) => {}
            Err(CrawlError::Store(e)) => return Err(e),
            Err(e) => report.fail(&format!("EDGAR {} (CIK {})", company.ticker, company.cik), &e.to_string()),
        }
        on_company_done(&company);
    }
    Ok(report)
}
