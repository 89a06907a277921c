//! Crawl throughput against a replay server that, like EDGAR, refuses more than 10 requests/s:
//! sustained request rate (target ≥ 9/s, never above 10) and bytes/s into the blob store, during
//! the crawl and on its own.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::Path;
use std::time::Instant;

use minewatch::config::{Config, DEFAULT_CONFIG, MAX_RATE_PER_SECOND};
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::Store;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/edgar");
    let options = ReplayOptions { max_per_second: Some(MAX_RATE_PER_SECOND as u32), ..Default::default() };
    let server = ReplayServer::start(&fixtures, SocketAddr::from(([127, 0, 0, 1], 0)), options).await?;
    let mut config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-bench bench@minewatch.invalid"))?;
    config.aim_at(&server.base_url());
    // EDGAR throughput only: press sources live on other hosts with their own limits.
    config.companies.iter_mut().for_each(|c| c.press.clear());
    config.crawl.rate_per_second = MAX_RATE_PER_SECOND;

    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path()).await?;
    let started = Instant::now();
    let summary = minewatch::pipeline::ingest(&config, &store, "bench").await?;
    let seconds = started.elapsed().as_secs_f64();

    let requests = server.requests();
    let refused = requests.iter().filter(|r| r.status == 429).count();
    let span = match (requests.first(), requests.last()) {
        (Some(first), Some(last)) => last.at.duration_since(first.at).as_secs_f64(),
        _ => 0.0,
    };
    let c = summary.counts;
    println!("crawl of the fixture world at a configured {MAX_RATE_PER_SECOND} req/s:");
    println!("  requests          {} ({} refused with 429 by the server)", requests.len(), refused);
    println!(
        "  sustained rate    {:.2} req/s (first to last request, {:.2} s)",
        (requests.len().saturating_sub(1)) as f64 / span,
        span
    );
    println!("  peak in any 1 s   {} requests", server.peak_per_second());
    println!("  documents stored  {} ({} failed)", c.documents_new, c.documents_failed);
    println!(
        "  into blob store   {} bytes, {:.0} bytes/s over the {:.2} s run",
        c.bytes,
        c.bytes as f64 / seconds,
        seconds
    );

    // The blob store on its own: distinct 256 KiB documents written atomically (fsync + rename).
    let blobs = minewatch::store::BlobStore::new(dir.path().join("bench-blobs"));
    let documents: Vec<Vec<u8>> =
        (0..200u32).map(|i| (0..256 * 1024).map(|j| (j as u32 ^ i) as u8).collect()).collect();
    let started = Instant::now();
    for doc in &documents {
        blobs.put(doc)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    let mb = documents.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!(
        "  blob store alone  {:.1} MB/s ({} × 256 KiB documents in {:.2} s)",
        mb / seconds,
        documents.len(),
        seconds
    );
    Ok(())
}
