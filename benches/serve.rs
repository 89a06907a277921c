//! `/api/search` under load on loopback while an ingest writes the same data dir: 2,000 requests,
//! 8 at a time, over a rotation of phrase, term and filtered queries. Reports requests/s and
//! p50/p99 latency, and how many requests were answered while the ingest was still running. The
//! world is the EDGAR fixtures (ingested first, untimed); the concurrent ingest then crawls the
//! press fixtures, so it stores, extracts and indexes new documents while the server reads.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use minewatch::config::{Config, DEFAULT_CONFIG, MAX_RATE_PER_SECOND};
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::serve::{self, AppState};
use minewatch::store::Store;

const REQUESTS: usize = 2_000;
const CONCURRENCY: usize = 8;
const QUERIES: [&str; 6] = [
    "q=%22HPC+lease+revenue%22",
    "q=revenue&limit=20",
    "q=colocation+OR+%22AI+cloud%22",
    "q=bitcoin+mining&ticker=WULF&ticker=CORZ&form=10-Q",
    "q=revenue&from=2026-01-01&offset=10",
    "q=%22digital+asset%22&limit=100",
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let edgar = ReplayServer::start(&here.join("fixtures/edgar"), loopback, ReplayOptions::default()).await?;
    let press = ReplayServer::start(&here.join("fixtures/press"), loopback, ReplayOptions::default()).await?;
    let mut config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-bench bench@minewatch.invalid"))?;
    config.aim_at(&edgar.base_url());
    config.aim_press_at(&press.base_url());
    config.crawl.rate_per_second = MAX_RATE_PER_SECOND;
    let mut edgar_only = config.clone();
    edgar_only.companies.iter_mut().for_each(|c| c.press.clear());

    let dir = tempfile::tempdir()?;
    let writer = Store::open(dir.path()).await?;
    let world = minewatch::pipeline::ingest(&edgar_only, &writer, "bench").await?;
    println!("world: {} EDGAR documents ingested (untimed)", world.counts.documents_new);

    let state = AppState::open(Store::open(dir.path()).await?, &config, None).await?;
    let listener = serve::bind(loopback).await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(serve::serve(listener, state));

    let ingest = tokio::spawn(async move { minewatch::pipeline::ingest(&config, &writer, "bench").await });
    let client = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, next, base) = (client.clone(), next.clone(), base.clone());
            tokio::spawn(async move {
                let mut seen = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= REQUESTS {
                        return seen;
                    }
                    let sent = Instant::now();
                    let status = match client.get(format!("{base}/api/search?{}", QUERIES[i % QUERIES.len()])).send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let _ = response.bytes().await;
                            status
                        }
                        Err(_) => 0,
                    };
                    seen.push((sent.elapsed(), status, sent.duration_since(started)));
                }
            })
        })
        .collect();
    let mut samples = Vec::with_capacity(REQUESTS);
    for worker in workers {
        samples.extend(worker.await?);
    }
    let elapsed = started.elapsed();
    let ingest_running_for = {
        let summary = ingest.await??;
        println!(
            "concurrent ingest: {} new press documents, {} indexed, {:.1} s",
            summary.counts.documents_new, summary.indexed.indexed, summary.seconds
        );
        Duration::from_secs_f64(summary.seconds)
    };

    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1];
    let failed = samples.iter().filter(|s| s.1 != 200).count();
    let during = samples.iter().filter(|s| s.2 < ingest_running_for).count();
    println!("/api/search on loopback, {REQUESTS} requests, {CONCURRENCY} at a time:");
    println!("  throughput   {:.0} requests/s ({:.2} s)", REQUESTS as f64 / elapsed.as_secs_f64(), elapsed.as_secs_f64());
    println!("  latency      p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms", ms(at(0.50)), ms(at(0.99)), ms(at(1.0)));
    println!("  not 200      {failed}");
    println!("  answered while the ingest ran: {during} of {REQUESTS}");
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
