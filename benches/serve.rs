//! `/api/search` under load on loopback while an ingest writes the same data dir: rounds of 2,000
//! requests, 8 at a time, over a rotation of phrase, term and filtered queries, repeated until the
//! ingest has finished (at most 10 rounds, so the load is bounded and spans the ingest's index
//! commit). Reports requests/s and p50/p99 latency per round and overall. The world is the EDGAR
//! fixtures (ingested first, untimed); the concurrent ingest then crawls the press fixtures, so it
//! stores, extracts, indexes and detects over new documents while the server reads.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
/// Rounds at most, however long the ingest takes.
const MAX_ROUNDS: usize = 10;
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

    let reader = Store::open(dir.path()).await?;
    let state = AppState::open(reader.clone(), &config, None).await?;
    let listener = serve::bind(loopback).await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(serve::serve(listener, state, std::future::pending()));
    tokio::spawn(async move { minewatch::pipeline::index::catch_up(&reader, std::future::pending()).await });

    let ingest = tokio::spawn(async move { minewatch::pipeline::ingest(&config, &writer, "bench").await });
    let client = reqwest::Client::new();
    println!("/api/search on loopback, rounds of {REQUESTS} requests, {CONCURRENCY} at a time:");
    let (mut all, mut rounds, started) = (Vec::new(), 0, Instant::now());
    while rounds < MAX_ROUNDS && (rounds == 0 || !ingest.is_finished()) {
        let during = !ingest.is_finished();
        let (elapsed, samples) = round(&client, &base).await?;
        rounds += 1;
        report(&format!("round {rounds}{}", if during { " (ingest running)" } else { "" }), elapsed, &samples);
        all.extend(samples);
    }
    let summary = ingest.await??;
    report("all rounds", started.elapsed(), &all);
    println!(
        "concurrent ingest: {} new press documents, {} indexed, {:.1} s",
        summary.counts.documents_new, summary.indexed.indexed, summary.seconds
    );
    Ok(())
}

/// One round: `REQUESTS` requests by `CONCURRENCY` workers; its duration and (latency, status) each.
async fn round(client: &reqwest::Client, base: &str) -> anyhow::Result<(Duration, Vec<(Duration, u16)>)> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, next, base) = (client.clone(), next.clone(), base.to_string());
            tokio::spawn(async move {
                let mut seen = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= REQUESTS {
                        return seen;
                    }
                    let sent = Instant::now();
                    let status =
                        match client.get(format!("{base}/api/search?{}", QUERIES[i % QUERIES.len()])).send().await {
                            Ok(response) => {
                                let status = response.status().as_u16();
                                let _ = response.bytes().await;
                                status
                            }
                            Err(_) => 0,
                        };
                    seen.push((sent.elapsed(), status));
                }
            })
        })
        .collect();
    let mut samples = Vec::with_capacity(REQUESTS);
    for worker in workers {
        samples.extend(worker.await?);
    }
    Ok((started.elapsed(), samples))
}

fn report(label: &str, elapsed: Duration, samples: &[(Duration, u16)]) {
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1];
    let failed = samples.iter().filter(|s| s.1 != 200).count();
    println!(
        "  {label:<26} {:>5.0} req/s  p50 {:>5.1} ms  p99 {:>5.1} ms  max {:>5.1} ms  not 200: {failed}",
        samples.len() as f64 / elapsed.as_secs_f64(),
        ms(at(0.50)),
        ms(at(0.99)),
        ms(at(1.0))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
