//! `watch --discover` over a replayed day of 1,500 periodic filings (`cargo bench --bench
//! discover [-- N]`): every filing in EDGAR's latest-filings feed on loopback, each one's index page
//! and primary document read, its iXBRL revenue lines kept and judged for a candidate, on a real
//! SQLite store. The documents are the real 10-Qs of `../shared/corpus/real/ixbrl/` (0.9–3.8 MB,
//! linked, not copied) and the discovery fixtures, in turn.
//!
//! The reading is measured without waiting for the pace (the client's limit is lifted, so the
//! run takes seconds, not the ~5 minutes 3,000 requests take at 10/s); filings per hour at
//! EDGAR's 10 requests/s are computed from the requests each filing cost, and from the CPU time
//! each filing took (the replay server's share included), whichever bounds first.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::crawl::http::HttpClient;
use minewatch::crawl::latest::{self, Seen};
use minewatch::pipeline::discover::discover;
use minewatch::replay::{ReplayOptions, ReplayServer, Timeline};
use minewatch::store::{Store, Validators};

/// EDGAR's limit, which discovery shares with every other request.
const LIMIT_PER_SECOND: f64 = 10.0;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let filings: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1_500);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = documents(manifest);
    let world = tempfile::tempdir()?;
    let bytes = write_day(world.path(), &sources, filings)?;
    let timeline = Timeline::load(&world.path().join("timeline.toml")).map_err(anyhow::Error::msg)?;
    let server = ReplayServer::start(
        world.path(),
        ([127, 0, 0, 1], 0).into(),
        ReplayOptions { timeline: Some(timeline), ..Default::default() },
    )
    .await?;
    server.start_clock();
    let mut config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-bench bench@minewatch.invalid"))?;
    config.crawl.data_base = server.base_url();
    config.crawl.archives_base = server.base_url();
    // The pace lifted: the reading cost alone (see the module docs).
    config.crawl.rate_per_second = 1e6;
    let data = tempfile::tempdir()?;
    let store = Store::open(data.path()).await?;
    let http = HttpClient::new(&config.crawl)?;

    let (wall, cpu) = (Instant::now(), cpu_seconds());
    // The day's feed read back page by page (100 entries a page, as EDGAR serves it), as a watch
    // that fell behind reads it.
    let read = latest::read(&http, "10-Q", &Validators::default(), &Seen::Empty).await.map_err(anyhow::Error::msg)?;
    let Some(day) = read else { anyhow::bail!("the feed answered 304") };
    let pages = server.requests().len();
    let done = discover(&http, &store, &HashSet::new(), &day.filings).await?;
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);

    let requests = server.requests().len() - pages;
    let per_filing = requests as f64 / done.filings_read.max(1) as f64;
    let cpu_per_filing = cpu / done.filings_read.max(1) as f64;
    let by_limit = 3600.0 * LIMIT_PER_SECOND / per_filing;
    let by_cpu = 3600.0 / cpu_per_filing;
    println!("discovery over a day of {filings} periodic filings ({:.0} MB of primary documents):", bytes as f64 / 1e6);
    println!(
        "  read {} filings, {} failed, {} candidates raised",
        done.filings_read,
        done.failures.len(),
        done.raised.len()
    );
    println!("  requests: {requests} ({per_filing:.2} per filing) besides the {pages} feed pages");
    println!(
        "  unpaced: {wall:.1} s wall, {cpu:.1} CPU s ({:.3} CPU s per filing, {:.0} filings/s)",
        cpu_per_filing,
        done.filings_read as f64 / wall
    );
    println!(
        "  at {LIMIT_PER_SECOND} requests/s: {by_limit:.0} filings/hour by the limit; the CPU alone allows {by_cpu:.0}/hour on one core"
    );
    println!("  => {:.0} filings/hour", by_limit.min(by_cpu));
    println!("  peak memory (VmHWM): {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    Ok(())
}

/// The primary documents to cycle through: the real 10-Qs and the discovery fixtures.
fn documents(manifest: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let real = manifest.join("../shared/corpus/real/ixbrl");
    for entry in std::fs::read_dir(&real).expect("../shared/corpus/real/ixbrl") {
        found.push(entry.unwrap().path());
    }
    let mut stack = vec![manifest.join("fixtures/discover/Archives")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().to_string();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".htm") && !name.ends_with("-index.htm") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Writes `filings` filings of as many filers (an index page each, the document linked) and the
/// timeline that lists them all in the 10-Q feed; returns the documents' total bytes.
fn write_day(root: &Path, sources: &[PathBuf], filings: usize) -> anyhow::Result<u64> {
    let mut timeline = String::new();
    let mut bytes = 0;
    for i in 0..filings {
        let cik = 9_100_000 + i;
        let accession = format!("{cik:010}-26-{:06}", i + 1);
        let folder_path = format!("Archives/edgar/data/{cik}/{}", accession.replace('-', ""));
        let folder = root.join(&folder_path);
        std::fs::create_dir_all(&folder)?;
        let source = &sources[i % sources.len()];
        let size = std::fs::metadata(source)?.len();
        bytes += size;
        std::os::unix::fs::symlink(source, folder.join("primary.htm"))?;
        let index = format!(
            "<html><body><table class=\"tableFile\" summary=\"Document Format Files\">\
             <tr><th>Seq</th><th>Description</th><th>Document</th><th>Type</th><th>Size</th></tr>\
             <tr><td>1</td><td>10-Q</td><td><a href=\"/ix?doc=/{folder_path}/primary.htm\">primary.htm</a></td>\
             <td>10-Q</td><td>{size}</td></tr></table></body></html>"
        );
        std::fs::write(folder.join(format!("{accession}-index.htm")), index)?;
        timeline.push_str(&format!(
            "[[event]]\nat_secs = 0\nfiling = {{ form = \"10-Q\", cik = {cik}, company = \"FILER {i}\", accession = \"{accession}\" }}\n"
        ));
    }
    std::fs::write(root.join("timeline.toml"), timeline)?;
    Ok(bytes)
}

/// User + system CPU seconds of this process so far (`/proc/self/stat`, 100 ticks a second).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().to_string())
}
