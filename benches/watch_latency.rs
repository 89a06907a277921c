//! `watch` latency on the live morning (`fixtures/live/timeline.toml`, 26 filings over ~26 s):
//! from the moment a filing appears in EDGAR's latest-filings feed to the end of the poll that
//! stored, read, resolved, indexed and alerted on it, polling every second; p50/p99 over every
//! filing, and the same for the filings that raised an alert.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::demo::live::{self, LiveEvent};
use minewatch::demo::{DemoWorld, EDGAR_FIXTURES, PRESS_FIXTURES};
use minewatch::replay::Timeline;
use minewatch::store::Store;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let timeline = Timeline::load(Path::new(live::TIMELINE)).map_err(anyhow::Error::msg)?;
    let world =
        DemoWorld::start_with(Path::new(EDGAR_FIXTURES), Path::new(PRESS_FIXTURES), Some(timeline.clone())).await?;
    let mut config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-bench bench@minewatch.invalid"))?;
    world.aim(&mut config);
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path()).await?;
    let every = Duration::from_secs(1);
    let mut alerts = Vec::new();
    let arrivals = live::play(&config, &store, &world, &timeline, every, |event| {
        if let LiveEvent::Raised { after, .. } = event {
            alerts.push(after);
        }
    })
    .await?;
    let mut all: Vec<Duration> = arrivals.iter().map(|a| a.latency).collect();
    println!("watch --every 1s over {} filings appearing on the live morning:", all.len());
    report("appearance → processed", &mut all);
    report("appearance → alert", &mut alerts);
    Ok(())
}

fn report(what: &str, values: &mut [Duration]) {
    values.sort();
    let at = |q: f64| values.get(((values.len() as f64 * q).ceil() as usize).saturating_sub(1)).copied();
    match (at(0.5), at(0.99)) {
        (Some(p50), Some(p99)) => println!(
            "  {what}: n={}, p50 {:.2} s, p99 {:.2} s, max {:.2} s",
            values.len(),
            p50.as_secs_f64(),
            p99.as_secs_f64(),
            values.last().map_or(0.0, Duration::as_secs_f64)
        ),
        _ => println!("  {what}: none"),
    }
}
