//! `extract` throughput over `fixtures/real/` (the miners' real shapes with their real figures),
//! each document read with its company's rules, in documents/s and MB/s on one core.
//!
//! `cargo bench --bench real_documents`. Figures, not pass/fail.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::extract::extract;

/// How long the documents are read over and over.
const RUN_FOR: Duration = Duration::from_secs(5);

fn main() {
    let config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("bench bench@minewatch.invalid")).unwrap();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut docs: Vec<(String, Vec<u8>)> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
        .collect();
    docs.sort();
    let companies: Vec<_> = docs
        .iter()
        .map(|(name, _)| config.company(&name.split('-').next().unwrap_or_default().to_ascii_uppercase()))
        .collect();
    let bytes: usize = docs.iter().map(|(_, d)| d.len()).sum();

    let (mut passes, mut facts) = (0_usize, 0_usize);
    let started = Instant::now();
    while started.elapsed() < RUN_FOR {
        for ((name, doc), company) in docs.iter().zip(&companies) {
            let read = black_box(extract(black_box(doc), Some(name), *company, None));
            facts += read.map_or(0, |e| e.facts.len());
        }
        passes += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fixtures/real: {} documents ({:.1} KB avg), {:.0} documents/s, {:.1} MB/s, {} facts per pass",
        docs.len(),
        bytes as f64 / docs.len().max(1) as f64 / 1024.0,
        (passes * docs.len()) as f64 / secs,
        (passes * bytes) as f64 / secs / 1e6,
        facts / passes.max(1)
    );
}
