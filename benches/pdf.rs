//! PDF extraction throughput: pages per second of `pdf_tables` on one core, over the fixture
//! PDFs (LibreOffice, Chromium, scanned, rotated, encrypted) and the real SEC form PDFs in
//! `../shared/corpus/real/pdf/`. Target: ≥ 200 pages/s.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use minewatch::extract::pdf::pdf_tables;

/// Each set is read repeatedly for at least this long.
const MIN_TIME: Duration = Duration::from_secs(3);

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures = Vec::new();
    for entry in std::fs::read_dir(root.join("fixtures/pdf"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "pdf") {
            fixtures.push(std::fs::read(path)?);
        }
    }
    let real_dir = root.join("../shared/corpus/real/pdf");
    let real = ["formc.pdf", "form-ma-i.pdf"]
        .iter()
        .map(|n| std::fs::read(real_dir.join(n)))
        .collect::<Result<Vec<_>, _>>()?;

    let mut total = (0usize, Duration::ZERO);
    for (name, set) in [("fixtures", &fixtures), ("real SEC forms", &real)] {
        let (pages, elapsed) = measure(set)?;
        println!(
            "{name:>15}: {} docs, {pages} pages in {:.2?}: {:.0} pages/s",
            set.len(),
            elapsed,
            pages as f64 / elapsed.as_secs_f64()
        );
        total = (total.0 + pages, total.1 + elapsed);
    }
    println!("{:>15}: {:.0} pages/s (one core)", "all", total.0 as f64 / total.1.as_secs_f64());
    Ok(())
}

/// Reads every document of `set` over and over for [`MIN_TIME`]; pages read and time taken.
fn measure(set: &[Vec<u8>]) -> anyhow::Result<(usize, Duration)> {
    let started = Instant::now();
    let mut pages = 0;
    while started.elapsed() < MIN_TIME {
        for bytes in set {
            pages += pdf_tables(bytes)?.pages;
        }
    }
    Ok((pages, started.elapsed()))
}
