//! The universe page (`GET /`) for 500 companies × 16 quarters, the target being under 50 ms.
//!
//! A real SQLite store holds the generated series (mining, HPC, hosting and total per quarter,
//! half of the companies crossing over at some quarter) and the signals the detector raises on
//! it; the server runs on loopback. Reports p50/p99 of the whole request over 100 requests, and
//! of its two halves: reading the store (`universe::rows`) and rendering (`universe::render`).
//!
//! `cargo bench --bench universe`

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::{Duration, Instant};

use minewatch::config::Config;
use minewatch::model::{Extractor, FiscalQuarter, Resolved, ResolvedQuarter, Segment, Source};
use minewatch::serve::{self, AppState, universe};
use minewatch::store::{Lease, Store};

const COMPANIES: usize = 500;
const QUARTERS: usize = 16;
const RUNS: usize = 100;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut toml = String::from("[crawl]\nsince = \"2022-01-01\"\n");
    for i in 0..COMPANIES {
        let _ = write!(
            toml,
            "\n[[company]]\nticker = \"C{i:03}\"\nname = \"Company {i} Inc.\"\ncik = {}\nfiscal_year_end = \"{}\"\nfiler = \"domestic\"\n",
            1_000_000 + i,
            if i % 5 == 0 { "06-30" } else { "12-31" }
        );
    }
    let config = Config::parse(&toml, "bench universe", Some("minewatch-bench bench@minewatch.invalid"))?;
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path()).await?;
    store.upsert_companies(&config.companies).await?;
    for (i, company) in config.companies.iter().enumerate() {
        store.replace_resolved(&company.ticker, &series(i, company.fiscal_year_end)).await?;
    }
    let lease = Lease::for_this_process(Duration::from_secs(600));
    let signals = minewatch::pipeline::detect::detect_and_alert(&config, &store, &lease).await?;
    println!("{COMPANIES} companies × {QUARTERS} quarters; {} signals raised (setup, untimed)", signals.current.len());

    let state = AppState::open(store, &config, None).await?;
    let listener = serve::bind(([127, 0, 0, 1], 0).into()).await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(serve::serve(listener, state.clone(), std::future::pending()));
    let client = reqwest::Client::new();
    let bytes = client.get(&url).send().await?.error_for_status()?.bytes().await?.len();

    let (mut whole, mut read, mut render) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        client.get(&url).send().await?.error_for_status()?.bytes().await?;
        whole.push(started.elapsed());
        let started = Instant::now();
        let mut rows = universe::rows(&state).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        read.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(universe::render(&mut rows, universe::Sort::Share));
        render.push(started.elapsed());
    }
    println!("page: {bytes} bytes of HTML");
    for (name, times) in
        [("GET / (whole request)", &mut whole), ("reading the store", &mut read), ("rendering", &mut render)]
    {
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        println!("{name:>22}: p50 {:.1?}  p99 {:.1?}  (target for the whole: < 50 ms)", at(0.5), at(0.99));
    }
    Ok(())
}

/// Company `i`'s 16 quarters: HPC rising from nothing at a pace of its own, mining falling.
fn series(i: usize, fye: minewatch::model::FiscalYearEnd) -> Vec<ResolvedQuarter> {
    (0..QUARTERS)
        .filter_map(|n| {
            let quarter = FiscalQuarter::new(2022 + (n / 4) as i32, (n % 4 + 1) as u8, fye);
            let period = quarter.period(fye)?;
            let pace = (i % 10 + 1) as i64;
            let hpc = 1_000_000 * pace * n as i64;
            let mining = 40_000_000 - 1_500_000 * n as i64;
            let hosting = 2_000_000;
            let values = [
                (Segment::Mining, mining),
                (Segment::Hpc, hpc),
                (Segment::Hosting, hosting),
                (Segment::Total, mining + hpc + hosting),
            ];
            let segments: BTreeMap<Segment, Resolved> = values
                .into_iter()
                .map(|(segment, value_usd)| {
                    let source = Source {
                        document_id: (i * QUARTERS + n) as i64,
                        form: "10-Q".into(),
                        filed: None,
                        url: format!("https://www.sec.gov/Archives/edgar/data/{i}/{n}.htm"),
                        extractor: Extractor::Ixbrl,
                        labels: vec![format!("{segment} revenue")],
                        period,
                        value_usd,
                        chosen: true,
                        lines_gap_usd: None,
                        comparison: false,
                    };
                    (segment, Resolved { value_usd, derived: false, disagreement: false, sources: vec![source] })
                })
                .collect();
            Some(ResolvedQuarter { quarter, period, segments })
        })
        .collect()
}
