//! `minewatch worker`: every stage in a loop over a store that many processes share, on one
//! machine or many. Each pass claims what is pending (companies due for a crawl, documents to
//! extract, companies to resolve, alerts to deliver) under this process's lease, so N workers
//! split the work and never do one piece twice; requests take slots from the store's shared pace,
//! so together they stay within the crawl limit. Each worker keeps its own search index (its data
//! dir's), caught up from the store every pass.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::Utc;
use serde::Serialize;

use super::detect::{SignalSummary, detect_and_alert};
use super::extract::{ExtractSummary, extract_pending};
use super::{PipelineError, universe};
use crate::config::Config;
use crate::crawl::http::HttpClient;
use crate::crawl::{self, CrawlReport, PressClient};
use crate::index::{self, IndexCounts};
use crate::model::Failure;
use crate::store::{Lease, RunCounts, Store, now_text};

/// How a worker runs.
#[derive(Debug, Clone, Copy)]
pub struct WorkerOptions {
    /// Time between two crawls of one company.
    pub every: Duration,
    /// Time to wait after a pass that found nothing to do.
    pub idle: Duration,
    /// Stop once the store has no work left for any worker (claimed or not), instead of waiting.
    pub until_idle: bool,
}

/// What a worker did, over all its passes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WorkerReport {
    pub passes: u64,
    /// Companies this worker crawled.
    pub crawled: Vec<String>,
    pub documents_new: u64,
    pub extracted: u64,
    pub facts: u64,
    pub signals_new: u64,
    pub alerts_delivered: u64,
    pub indexed: u64,
    pub failures: Vec<Failure>,
}

/// Runs passes until `stop` resolves, or with [`WorkerOptions::until_idle`] until no work is
/// left. A stop ends the pass under way at its next await: what it committed stays (every write
/// is one transaction, every blob a rename), and every claim it held is given back.
pub async fn run(
    config: &Config,
    store: &Store,
    options: WorkerOptions,
    stop: impl Future<Output = ()>,
) -> Result<WorkerReport, PipelineError> {
    config.user_agent()?;
    store.upsert_companies(&config.companies).await?;
    store.give_back_dead_here().await?;
    let lease = Lease::for_this_process(config.store.lease);
    let heartbeat = store.hold(&lease);
    let http = HttpClient::new(&config.crawl)?.paced_by(store.clone());
    let press = PressClient::new(&http, &config.crawl);
    let mut report = WorkerReport::default();
    let outcome = passes(config, store, (&http, &press), &lease, options, stop, &mut report).await;
    drop(heartbeat);
    store.give_back(&lease.holder).await?;
    outcome?;
    tracing::info!(holder = lease.holder, passes = report.passes, "worker stops");
    Ok(report)
}

/// Runs passes until `stop` resolves (cutting the pass under way) or, with
/// [`WorkerOptions::until_idle`], no work is left.
async fn passes(
    config: &Config,
    store: &Store,
    (http, press): (&HttpClient, &PressClient),
    lease: &Lease,
    options: WorkerOptions,
    stop: impl Future<Output = ()>,
    report: &mut WorkerReport,
) -> Result<(), PipelineError> {
    tokio::pin!(stop);
    loop {
        let busy = tokio::select! {
            biased;
            () = &mut stop => return Ok(()),
            busy = pass(config, store, http, press, lease, options.every, report) => busy?,
        };
        if busy {
            continue;
        }
        if options.until_idle && store.remaining().await?.is_empty() {
            return Ok(());
        }
        tokio::select! {
            () = tokio::time::sleep(options.idle) => {}
            () = &mut stop => return Ok(()),
        }
    }
}

/// One pass over every stage; whether it found work to do. A pass that did is recorded as a
/// `worker` run, so `minewatch status` shows what the workers do.
async fn pass(
    config: &Config,
    store: &Store,
    http: &HttpClient,
    press: &PressClient,
    lease: &Lease,
    every: Duration,
    report: &mut WorkerReport,
) -> Result<bool, PipelineError> {
    report.passes += 1;
    // The universe as it is now: a company followed or unfollowed since the last pass counts.
    let config = &universe::read(config, store).await?;
    let started_at = now_text();
    let stats = http.stats();
    let counter = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let before = (counter(&stats.requests), counter(&stats.not_modified), counter(&stats.bytes));
    let mut crawl = CrawlReport::default();
    let mut crawled = 0;
    let due_by = Utc::now();
    while let Some(claim) = store.claim_due_crawl(lease, due_by).await? {
        if let Some(company) = config.company(&claim.work) {
            let one = std::slice::from_ref(company);
            crawl.merge(crawl::crawl_edgar(http, store, &config.crawl, one, |_| {}).await?);
            crawl.merge(crawl::crawl_press_with(press, store, &config.crawl, one).await?);
            report.crawled.push(claim.work.clone());
        }
        if !store.crawled(&claim, every).await? {
            tracing::warn!(
                ticker = claim.work,
                "the crawl claim lapsed and another process took it; it records the crawl"
            );
        }
        crawled += 1;
    }
    let extract: ExtractSummary = extract_pending(config, store, lease).await?;
    let mut failures: Vec<Failure> = crawl.failures.iter().chain(&extract.failures).cloned().collect();
    let signals = detect_and_alert(config, store, lease).await.unwrap_or_else(|e| {
        failures.push(Failure::new("alerts", e.to_string()));
        SignalSummary::default()
    });
    let indexed = match index::update(store, &[]).await {
        Ok(indexed) => {
            failures.extend(indexed.failures);
            indexed.counts
        }
        Err(e) => {
            tracing::warn!("search index: {e}; caught up next pass");
            IndexCounts::default()
        }
    };
    let busy = crawled > 0 || extract.documents > 0 || signals.new > 0 || signals.delivery.attempts > 0;
    if busy {
        let counts = RunCounts {
            requests: counter(&stats.requests) - before.0,
            not_modified: counter(&stats.not_modified) - before.1,
            documents_new: crawl.new_documents.len() as u64,
            documents_unchanged: crawl.documents_unchanged,
            documents_failed: (crawl.failures.len() + extract.failures.len()) as u64,
            bytes: counter(&stats.bytes) - before.2,
            facts: extract.facts,
            signals_new: signals.new as u64,
            alerts_delivered: signals.delivery.delivered as u64,
        };
        let status = if failures.is_empty() { "ok" } else { "partial" };
        store.record_run("worker", &started_at, status, &counts, &failures).await?;
    }
    report.documents_new += crawl.new_documents.len() as u64;
    report.extracted += extract.documents;
    report.facts += extract.facts;
    report.signals_new += signals.new as u64;
    report.alerts_delivered += signals.delivery.delivered as u64;
    report.indexed += indexed.indexed;
    report.failures.extend(failures);
    Ok(busy)
}
