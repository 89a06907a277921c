//! HTTP in: the polite client and the sources that use it (EDGAR, press releases).

mod dates;
pub mod discover;
pub mod edgar;
pub mod feed;
pub mod filer;
mod give_up;
pub mod http;
pub mod latest;
pub mod listing;
pub mod pace;
pub mod press;
mod refetch;
pub mod robots;

use std::future::Future;
use std::sync::Arc;

use tokio::task::JoinSet;

use crate::config::CrawlConfig;
use crate::model::{Company, Failure};
use crate::store::{Store, StoreError};
use edgar::Edgar;
use http::HttpClient;
pub use refetch::refetch_lost;

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
    #[error(transparent)]
    Feed(#[from] feed::FeedError),
}

/// What a crawl stored and what failed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CrawlReport {
    /// Row ids of documents stored by this crawl.
    pub new_documents: Vec<i64>,
    pub documents_unchanged: u64,
    /// Each document or listing that could not be fetched.
    pub failures: Vec<Failure>,
    /// The companies (by CIK) with a failure among them: crawled again, they fetch what is missing.
    pub unfinished: Vec<u64>,
    /// (URL, message) of what was odd but did not fail: an empty feed, a release listed twice,
    /// a link robots.txt disallows.
    pub warnings: Vec<(String, String)>,
}

impl CrawlReport {
    pub fn fail(&mut self, url: &str, message: &str) {
        tracing::error!(url, "{message}");
        self.failures.push(Failure::new(url, message));
    }

    pub fn warn(&mut self, url: &str, message: &str) {
        tracing::warn!(url, "{message}");
        self.warnings.push((url.to_string(), message.to_string()));
    }

    /// Adds another crawl's outcome to this one.
    pub fn merge(&mut self, other: CrawlReport) {
        self.new_documents.extend(other.new_documents);
        self.documents_unchanged += other.documents_unchanged;
        self.failures.extend(other.failures);
        self.unfinished.extend(other.unfinished);
        self.warnings.extend(other.warnings);
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
    let label = |c: &Company| format!("EDGAR {} (CIK {})", c.ticker, c.cik);
    let crawl = |company: Company| {
        let (http, store, config) = (http.clone(), store.clone(), Arc::clone(&config));
        async move {
            let mut report = CrawlReport::default();
            let outcome = Edgar { http: &http, store: &store, config: &config }.crawl(&company, &mut report).await;
            (report, outcome)
        }
    };
    for_each_company(companies, config.concurrency, label, crawl, on_company_done).await
}

/// What press crawls share: the client limited per host (`press_rate_per_second`, sharing the
/// EDGAR client's counters) and each host's robots.txt. A run makes one; a watch keeps one across
/// its polls, so a host's rate holds between polls and its robots.txt is not read every poll.
#[derive(Debug, Clone)]
pub struct PressClient {
    http: HttpClient,
    robots: Arc<press::RobotsCache>,
}

impl PressClient {
    pub fn new(http: &HttpClient, config: &CrawlConfig) -> PressClient {
        let token = robots::product_token(config.user_agent.as_deref().unwrap_or_default());
        PressClient {
            http: http.for_press(config.press_rate_per_second, config.press_base.as_deref()),
            robots: Arc::new(press::RobotsCache::new(token)),
        }
    }
}

/// Crawls every company's press sources, `config.concurrency` companies at a time, reading each
/// host's robots.txt once for the whole crawl.
pub async fn crawl_press(
    http: &HttpClient,
    store: &Store,
    config: &CrawlConfig,
    companies: &[Company],
) -> Result<CrawlReport, StoreError> {
    crawl_press_with(&PressClient::new(http, config), store, config, companies).await
}

/// [`crawl_press`] through `client`, whose robots.txt cache and per-host rate outlive the crawl.
pub async fn crawl_press_with(
    client: &PressClient,
    store: &Store,
    config: &CrawlConfig,
    companies: &[Company],
) -> Result<CrawlReport, StoreError> {
    let shared = Arc::new(config.clone());
    let label = |c: &Company| format!("press {}", c.ticker);
    let crawl = |company: Company| {
        let (http, store, robots) = (client.http.clone(), store.clone(), Arc::clone(&client.robots));
        let config = Arc::clone(&shared);
        async move {
            let mut report = CrawlReport::default();
            let press = press::Press { http: &http, store: &store, robots: &robots, config: &config };
            let outcome = press.crawl(&company, &mut report).await;
            (report, outcome)
        }
    };
    for_each_company(companies, config.concurrency, label, crawl, |_| {}).await
}

/// Runs `crawl` for each company, `concurrency` at a time, merging their reports. A company whose
/// crawl fails is a failure named by `label`; a store error stops everything.
async fn for_each_company<Fut>(
    companies: &[Company],
    concurrency: usize,
    label: impl Fn(&Company) -> String,
    crawl: impl Fn(Company) -> Fut,
    on_company_done: impl Fn(&Company),
) -> Result<CrawlReport, StoreError>
where
    Fut: Future<Output = (CrawlReport, Result<(), CrawlError>)> + Send + 'static,
{
    let mut report = CrawlReport::default();
    let mut pending = companies.iter().cloned();
    let mut tasks = JoinSet::new();
    loop {
        while tasks.len() < concurrency.max(1) {
            let Some(company) = pending.next() else { break };
            let work = crawl(company.clone());
            tasks.spawn(async move {
                let (report, outcome) = work.await;
                (company, report, outcome)
            });
        }
        let Some(joined) = tasks.join_next().await else { break };
        let (company, company_report, outcome) = match joined {
            Ok(done) => done,
            Err(e) => return Err(StoreError::Corrupt(format!("crawl task failed: {e}"))),
        };
        if outcome.is_err() || !company_report.failures.is_empty() {
            report.unfinished.push(company.cik);
        }
        report.merge(company_report);
        match outcome {
            Ok(()) => {}
            Err(CrawlError::Store(e)) => return Err(e),
            Err(e) => report.fail(&label(&company), &e.to_string()),
        }
        on_company_done(&company);
    }
    Ok(report)
}
