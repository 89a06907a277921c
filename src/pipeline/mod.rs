//! One ingest run: crawl (EDGAR, then press releases) → store → extract → resolve → index →
//! detect → alert, with a run record. Each stage reads what the previous one stored, so an interrupted run is finished by
//! the next one.

pub mod detect;
pub mod discover;
pub mod extract;
pub mod index;
pub mod resolve;
pub mod universe;
pub mod watch;
pub mod worker;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::{Config, ConfigError};
use crate::crawl::http::{HttpClient, HttpError};
use crate::crawl::{self, CrawlReport};
use crate::index::{IndexCounts, IndexReport};
use crate::lock::{Lock, LockError, RUN_LOCK_FILE};
use crate::model::{Company, Failure};
use crate::store::{Claimed, Lease, RunCounts, Store, StoreError};
use detect::SignalSummary;
use extract::ExtractSummary;

/// Why a run could not go on at all (per-document failures are in the summary instead).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// What a run reports while it works, for a front end to draw (the CLI's progress bar).
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// The crawl starts over `companies` companies.
    Crawling { companies: usize },
    /// One company's EDGAR listing is done.
    Crawled { company: &'a Company },
    /// The EDGAR crawl is over.
    CrawlDone,
}

/// What a run did, as printed and stored.
#[derive(Debug, Clone, Serialize)]
pub struct RunSummary {
    pub run_id: i64,
    pub status: &'static str,
    pub counts: RunCounts,
    pub retries: u64,
    pub seconds: f64,
    pub extract: ExtractSummary,
    /// Documents added to the search index (new ones, and any a crash had left out).
    pub indexed: IndexCounts,
    pub signals: SignalSummary,
    /// Every document or listing that failed to be fetched, read or indexed.
    pub failures: Vec<Failure>,
}

/// Runs one ingest of every company in `config`, recording it under `command`, under the data
/// dir's run lock: a second run stops at once with a clear message instead of fetching
/// everything twice, and any run the store still shows as running whose heartbeat lapsed (on
/// any machine) was interrupted.
pub async fn ingest(config: &Config, store: &Store, command: &str) -> Result<RunSummary, PipelineError> {
    ingest_with_progress(config, store, command, &mut |_| {}, std::future::pending()).await
}

/// [`ingest`], telling `progress` how far it got, until `stop` resolves: then the stage under way
/// ends at its next await (what it committed stays, what it claimed is given back) and the run
/// is recorded as `stopped`.
pub async fn ingest_with_progress(
    config: &Config,
    store: &Store,
    command: &str,
    progress: &mut (dyn FnMut(Progress<'_>) + Send),
    stop: impl Future<Output = ()>,
) -> Result<RunSummary, PipelineError> {
    let _lock = Lock::acquire(store.data_dir(), RUN_LOCK_FILE, "run")?;
    store.blobs().remove_leftovers()?;
    let started = Instant::now();
    config.user_agent()?;
    let http = HttpClient::new(&config.crawl)?.paced_by(store.clone());
    let lease = Lease::for_this_process(config.store.lease);
    let run_id = store.start_run(command, &lease).await?;
    let heartbeat = store.hold(&lease);
    let config = &universe::adopt(config, store).await?;
    store.give_back_dead_here().await?;
    let summary = tokio::select! {
        biased;
        () = stop => stopped(store, &http, run_id, started).await,
        summary = stages(config, store, &http, &lease, run_id, progress, started) => summary,
    };
    drop(heartbeat);
    store.give_back(&lease.holder).await?;
    summary
}

/// Every stage of a run under `lease`: the companies no other process is crawling are claimed
/// and crawled, then [`process`] runs the rest.
async fn stages(
    config: &Config,
    store: &Store,
    http: &HttpClient,
    lease: &Lease,
    run_id: i64,
    progress: &mut (dyn FnMut(Progress<'_>) + Send),
    started: Instant,
) -> Result<RunSummary, PipelineError> {
    resolve::resolve_dirty(config, store, lease).await?;
    let refetched = crawl::refetch_lost(http, store, &config.crawl).await?;
    let (companies, claims) = claim_crawls(store, lease, &config.companies).await?;
    progress(Progress::Crawling { companies: companies.len() });
    let crawled = std::sync::Mutex::new(&mut *progress);
    let mut crawl = crawl::crawl_edgar(http, store, &config.crawl, &companies, |company| {
        if let Ok(mut progress) = crawled.lock() {
            progress(Progress::Crawled { company });
        }
    })
    .await?;
    progress(Progress::CrawlDone);
    crawl.merge(crawl::crawl_press(http, store, &config.crawl, &companies).await?);
    crawl.merge(refetched);
    for claim in &claims {
        store.crawled(claim, Duration::ZERO).await?;
    }
    process(config, store, http, lease, run_id, &crawl, started).await
}

/// A run stopped part-way, recorded with the requests it made.
async fn stopped(store: &Store, http: &HttpClient, run_id: i64, started: Instant) -> Result<RunSummary, PipelineError> {
    let crawl = CrawlReport::default();
    let mut summary = summarize(
        run_id,
        http,
        &crawl,
        ExtractSummary::default(),
        IndexReport::default(),
        SignalSummary::default(),
        started,
    );
    summary.status = "stopped";
    store.finish_run(run_id, summary.status, &summary.counts).await?;
    Ok(summary)
}

/// The companies a run or a watch's poll crawls, each claimed as a worker claims it, so one that
/// a worker is crawling now is left to that worker.
pub(super) async fn claim_crawls(
    store: &Store,
    lease: &Lease,
    companies: &[Company],
) -> Result<(Vec<Company>, Vec<Claimed<String>>), StoreError> {
    let (mut claimed, mut claims) = (Vec::new(), Vec::new());
    for company in companies {
        match store.claim_crawl_of(lease, &company.ticker).await? {
            Some(claim) => {
                claimed.push(company.clone());
                claims.push(claim);
            }
            None => tracing::info!(ticker = company.ticker, "another process is crawling it: left to that one"),
        }
    }
    Ok((claimed, claims))
}

/// The stages after the crawl, over what the store holds: extract whatever is pending, resolve,
/// index, detect and alert; then the run record is finished with what they did.
async fn process(
    config: &Config,
    store: &Store,
    http: &HttpClient,
    lease: &Lease,
    run_id: i64,
    crawl: &CrawlReport,
    started: Instant,
) -> Result<RunSummary, PipelineError> {
    let extract = extract::extract_pending(config, store, lease).await?;

    let index = index::index_run(store, &crawl.new_documents).await;
    let (signals, alert_failure) = match detect::detect_and_alert(config, store, lease).await {
        Ok(signals) => (signals, None),
        Err(e) => (SignalSummary::default(), Some(Failure::new("alerts", e.to_string()))),
    };
    let mut summary = summarize(run_id, http, crawl, extract, index, signals, started);
    summary.failures.extend(alert_failure);
    if !summary.failures.is_empty() {
        summary.status = "partial";
    }
    for failure in &summary.failures {
        store.add_run_error(run_id, &failure.url, &failure.message).await?;
    }
    store.finish_run(run_id, summary.status, &summary.counts).await?;
    Ok(summary)
}

fn summarize(
    run_id: i64,
    http: &HttpClient,
    crawl: &CrawlReport,
    extract: ExtractSummary,
    index: IndexReport,
    signals: SignalSummary,
    started: Instant,
) -> RunSummary {
    let stats = http.stats();
    let counts = RunCounts {
        requests: stats.requests.load(Ordering::Relaxed),
        not_modified: stats.not_modified.load(Ordering::Relaxed),
        documents_new: crawl.new_documents.len() as u64,
        documents_unchanged: crawl.documents_unchanged,
        documents_failed: (crawl.failures.len() + extract.failures.len()) as u64,
        bytes: stats.bytes.load(Ordering::Relaxed),
        facts: extract.facts,
        signals_new: signals.new as u64,
        alerts_delivered: signals.delivery.delivered as u64,
    };
    let failures: Vec<_> = crawl.failures.iter().chain(&extract.failures).chain(&index.failures).cloned().collect();
    RunSummary {
        run_id,
        status: if failures.is_empty() { "ok" } else { "partial" },
        counts,
        retries: stats.retries.load(Ordering::Relaxed),
        seconds: started.elapsed().as_secs_f64(),
        extract,
        indexed: index.counts,
        signals,
        failures,
    }
}
