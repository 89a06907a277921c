//! One ingest run: crawl (EDGAR, then press releases) → store → extract → resolve → index →
//! detect → alert, with a run record. Each stage reads what the previous one stored, so an interrupted run is finished by
//! the next one.

pub mod facts;
pub mod signals;

use std::io::IsTerminal;
use std::sync::atomic::Ordering;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::config::{Config, ConfigError};
use crate::crawl::http::{HttpClient, HttpError};
use crate::crawl::{self, CrawlReport};
use crate::index::{self, IndexCounts, IndexReport};
use crate::store::{RunCounts, Store, StoreError};
use facts::ExtractSummary;
use signals::SignalSummary;

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
    /// (URL, message) of every document or listing that failed to be fetched, read or indexed.
    pub failures: Vec<(String, String)>,
}

/// Runs one ingest of every company in `config`, recording it under `command`.
pub async fn ingest(config: &Config, store: &Store, command: &str) -> Result<RunSummary, PipelineError> {
    let started = Instant::now();
    config.user_agent()?;
    let http = HttpClient::new(&config.crawl)?;
    let run_id = store.start_run(command).await?;
    store.upsert_companies(&config.companies).await?;

    let progress = progress_bar(config.companies.len() as u64);
    let mut crawl = crawl::crawl_edgar(&http, store, &config.crawl, &config.companies, |company| {
        progress.set_message(company.ticker.clone());
        progress.inc(1);
    })
    .await?;
    progress.finish_and_clear();
    crawl.merge(crawl::crawl_press(&http, store, &config.crawl, &config.companies).await?);
    let pending = store.documents_pending_extraction().await?;
    let extract = facts::extract_documents(config, store, &pending).await?;

    let index = index_run(store, &crawl.new_documents).await;
    let (signals, alert_failure) = match signals::detect_and_alert(config, store).await {
        Ok(signals) => (signals, None),
        Err(e) => (SignalSummary::default(), Some(("alerts".to_string(), e.to_string()))),
    };
    let mut summary = summarize(run_id, &http, &crawl, extract, index, signals, started);
    summary.failures.extend(alert_failure);
    if !summary.failures.is_empty() {
        summary.status = "partial";
    }
    for (url, message) in &summary.failures {
        store.add_run_error(run_id, url, message).await?;
    }
    store.finish_run(run_id, summary.status, &summary.counts).await?;
    Ok(summary)
}

/// Indexes the run's documents in one commit. An index that cannot be written fails the run's
/// indexing only: the documents are stored, and the next open of the index picks them up.
async fn index_run(store: &Store, new_documents: &[i64]) -> IndexReport {
    index::update(store, new_documents).await.unwrap_or_else(|e| {
        tracing::error!("{e}");
        IndexReport { failures: vec![("search index".to_string(), e.to_string())], ..IndexReport::default() }
    })
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

/// A bar over companies on a terminal; nothing otherwise.
fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{spinner} crawling {pos}/{len} companies {wide_bar} {msg}") {
        bar.set_style(style);
    }
    bar
}
