//! iXBRL reader throughput and memory: figures, not pass/fail.
//!
//! Parses the largest real filing (IBM's 10-Q, 3.8 MB) repeatedly and reports MB/s on one core;
//! then parses a 10 MB filing made by repeating that filing's body, and reports the peak
//! resident memory (VmHWM from /proc/self/status) before and after.
//! Targets: ≥ 100 MB/s, peak under 50 MB for a 10 MB filing.
//!
//! Run: `cargo bench --bench ixbrl`.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use minewatch::extract::ixbrl;

const FILE: &str = "ibm-10-q-2025-07-24.html";
const TEN_MB: usize = 10 * 1024 * 1024;

fn main() -> anyhow::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/ixbrl").join(FILE);
    let filing = std::fs::read(&path)?;

    // Memory first: VmHWM only ever grows, so this must run before anything else allocates much.
    let large = enlarge(&filing, TEN_MB)?;
    let before = peak_rss_kib();
    let facts = ixbrl::parse(&large)?.len();
    let after = peak_rss_kib();
    println!(
        "{:.1} MB synthetic filing: {facts} facts; peak RSS {} before parsing (input held), {} after",
        mb(large.len()),
        kib_text(before),
        kib_text(after),
    );
    drop(large);

    let facts = ixbrl::parse(&filing)?.len();
    let (runs, elapsed) = repeat_for(Duration::from_secs(3), || ixbrl::parse(&filing).map(|f| f.len()))?;
    let per_run = elapsed / runs;
    println!(
        "{FILE}: {:.1} MB, {facts} facts, {runs} runs, {per_run:?} per parse, {:.0} MB/s",
        mb(filing.len()),
        mb(filing.len()) * f64::from(runs) / elapsed.as_secs_f64(),
    );
    Ok(())
}

/// Runs `f` until `budget` has passed (at least 3 times); returns the runs and the time taken.
fn repeat_for<T, E>(budget: Duration, mut f: impl FnMut() -> Result<T, E>) -> Result<(u32, Duration), E> {
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || start.elapsed() < budget {
        std::hint::black_box(f()?);
        runs += 1;
    }
    Ok((runs, start.elapsed()))
}

/// The filing with its `<body>` content repeated until the whole is at least `size` bytes.
fn enlarge(filing: &[u8], size: usize) -> anyhow::Result<Vec<u8>> {
    let find = |needle: &[u8]| filing.windows(needle.len()).position(|w| w == needle);
    let open = find(b"<body").ok_or_else(|| anyhow::anyhow!("no <body>"))?;
    let start = open + filing[open..].iter().position(|&b| b == b'>').unwrap_or(0) + 1;
    let end = find(b"</body>").ok_or_else(|| anyhow::anyhow!("no </body>"))?;
    let body = &filing[start..end];
    let mut out = filing[..end].to_vec();
    while out.len() + filing.len() - end < size {
        out.extend_from_slice(body);
    }
    out.extend_from_slice(&filing[end..]);
    Ok(out)
}

/// Peak resident set size of this process in KiB, where /proc is available.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn kib_text(kib: Option<u64>) -> String {
    kib.map_or_else(|| "unknown".to_owned(), |k| format!("{:.1} MB", k as f64 / 1024.0))
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
