//! iXBRL reader throughput and memory: figures, not pass/fail.
//!
//! Parses every real filing in `../shared/corpus/real/ixbrl/` repeatedly and reports MB/s on one
//! core for each, and over all of them; then parses a 10 MB filing made by repeating the largest
//! filing's body, and reports the peak resident memory (VmHWM from /proc/self/status) before and
//! after. Targets (issue 21): ≥ 300 MB/s on each filing, peak under 50 MB for a 10 MB filing.
//!
//! It lives in the core crate so that it builds without the runtime and database crates.
//! Run: `cargo bench --bench ixbrl` (at the root or in the core), optionally with a time per
//! filing in seconds: `cargo bench --bench ixbrl -- 1`.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minewatch_core::extract::ixbrl;

const TEN_MB: usize = 10 * 1024 * 1024;

fn main() {
    let budget = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<f64>().ok())
        .map_or(Duration::from_secs(2), Duration::from_secs_f64);
    let filings = filings();
    let largest = filings.iter().max_by_key(|(_, bytes)| bytes.len()).expect("no real filings");

    // Memory first: VmHWM only ever grows, so this must run before anything else allocates much.
    let large = enlarge(&largest.1, TEN_MB);
    let before = peak_rss_kib();
    let facts = ixbrl::parse(&large).expect("the enlarged filing parses").len();
    let after = peak_rss_kib();
    println!(
        "{:.1} MB synthetic filing ({} × body): {facts} facts; peak RSS {} before parsing (input held), {} after",
        mb(large.len()),
        largest.0,
        kib_text(before),
        kib_text(after),
    );
    drop(large);

    let (mut bytes, mut time) = (0, Duration::ZERO);
    for (name, filing) in &filings {
        let facts = ixbrl::parse(filing).unwrap_or_else(|e| panic!("{name}: {e}")).len();
        let (runs, elapsed) = repeat_for(budget, || ixbrl::parse(filing).map(|f| f.len()));
        println!(
            "{name:<28} {:>4.1} MB {facts:>5} facts {runs:>5} runs {:>9.2?} per parse {:>6.0} MB/s",
            mb(filing.len()),
            elapsed / runs,
            mb(filing.len()) * f64::from(runs) / elapsed.as_secs_f64(),
        );
        bytes += filing.len() * runs as usize;
        time += elapsed;
    }
    println!("{:<28} {:>6.0} MB/s over all parses", "all", mb(bytes) / time.as_secs_f64());
}

/// The real filings, by file name, smallest first.
fn filings() -> Vec<(String, Vec<u8>)> {
    let dir = corpus();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut filings: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        })
        .collect();
    filings.sort_by_key(|(_, bytes)| bytes.len());
    filings
}

/// `../shared/corpus/real/ixbrl` beside the workspace root (this crate is two levels down).
fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real/ixbrl")
}

/// Runs `f` until `budget` has passed (at least 3 times); returns the runs and the time taken.
fn repeat_for<T, E: std::fmt::Debug>(budget: Duration, mut f: impl FnMut() -> Result<T, E>) -> (u32, Duration) {
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || start.elapsed() < budget {
        std::hint::black_box(f().expect("parsed once already"));
        runs += 1;
    }
    (runs, start.elapsed())
}

/// The filing with its `<body>` content repeated until the whole is at least `size` bytes.
fn enlarge(filing: &[u8], size: usize) -> Vec<u8> {
    let find = |needle: &[u8]| filing.windows(needle.len()).position(|w| w == needle);
    let open = find(b"<body").expect("a <body>");
    let start = open + filing[open..].iter().position(|&b| b == b'>').unwrap_or(0) + 1;
    let end = find(b"</body>").expect("a </body>");
    let body = &filing[start..end];
    let mut out = filing[..end].to_vec();
    while out.len() + filing.len() - end < size {
        out.extend_from_slice(body);
    }
    out.extend_from_slice(&filing[end..]);
    out
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
