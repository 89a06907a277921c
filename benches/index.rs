//! Search index throughput and latency on a generated corpus of filing-sized documents.
//!
//! Documents are ~20 KB of runs of words taken in order from the fixture documents' visible text
//! (so real phrases like "HPC lease revenue" occur at realistic rates), with tickers, forms and
//! filing dates spread over the universe. Reports indexing MB/s (text bytes over the wall time of
//! adding and committing, generation excluded), p50/p99 latency of term, phrase and filtered
//! (ticker + one-year date range + phrase) searches including snippets, and peak RSS (VmHWM).
//!
//! `cargo bench --bench index -- 100000` (or `MINEWATCH_BENCH_DOCS=…`); default 2,000.

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minewatch::extract::text::visible_text;
use minewatch::index::{IndexDocument, Query, SearchIndex};

const DOC_BYTES: usize = 20_000;

/// Draws one query of a kind.
type MakeQuery<'a> = &'a dyn Fn(&mut fastrand::Rng) -> Query;
const QUERIES_PER_KIND: usize = 300;
const FORMS: [&str; 5] = ["10-Q", "10-K", "8-K", "6-K", "10-Q/A"];

fn main() -> anyhow::Result<()> {
    let docs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .or_else(|| std::env::var("MINEWATCH_BENCH_DOCS").ok().and_then(|v| v.parse().ok()))
        .unwrap_or(2_000usize);
    let words = fixture_words(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/edgar"));
    anyhow::ensure!(words.len() > 1_000, "the fixtures hold only {} words", words.len());
    let tickers = tickers();

    // MINEWATCH_BENCH_INDEX=<dir> keeps the index there and, when it already holds documents,
    // skips straight to the queries (for trying query changes on a large index).
    let kept = std::env::var_os("MINEWATCH_BENCH_INDEX").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir()?;
    let dir = kept.as_deref().unwrap_or(temp.path());
    let index = SearchIndex::open(dir)?;
    if index.num_docs() == 0 {
        build(&index, docs, &words, &tickers, &mut fastrand::Rng::with_seed(7))?;
        println!("index on disk: {:.0} MB", dir_size(dir) as f64 / 1e6);
        println!("peak memory after indexing (VmHWM): {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    }

    let term = |rng: &mut fastrand::Rng| Query::new(&query_words(&words, rng, 1));
    let phrase = |rng: &mut fastrand::Rng| {
        let n = rng.usize(2..=3);
        Query::new(&format!("\"{}\"", query_words(&words, rng, n)))
    };
    let filtered = |rng: &mut fastrand::Rng| {
        let from = date(rng.usize(..6 * 365));
        Query {
            tickers: vec![tickers[rng.usize(..tickers.len())].clone()],
            from: Some(from),
            to: from.checked_add_days(chrono::Days::new(365)),
            ..phrase(rng)
        }
    };
    let mut rng = fastrand::Rng::with_seed(11);
    let kinds: [(&str, MakeQuery); 3] = [("term", &term), ("phrase", &phrase), ("filtered phrase", &filtered)];
    for (kind, make) in kinds {
        let mut latencies = Vec::with_capacity(QUERIES_PER_KIND);
        let mut hits = 0;
        for _ in 0..QUERIES_PER_KIND {
            let query = make(&mut rng);
            let t = Instant::now();
            hits += index.search(&query)?.total;
            latencies.push(t.elapsed());
        }
        latencies.sort();
        let at = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)].as_secs_f64() * 1e3;
        println!(
            "{kind:>16}: p50 {:.2} ms, p99 {:.2} ms ({} hits on average)",
            at(50),
            at(99),
            hits / QUERIES_PER_KIND
        );
    }
    println!("peak memory (VmHWM): {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    Ok(())
}

/// Indexes `docs` generated documents in one commit and prints the indexing rate.
fn build(
    index: &SearchIndex,
    docs: usize,
    words: &[String],
    tickers: &[String],
    rng: &mut fastrand::Rng,
) -> anyhow::Result<()> {
    let (mut bytes, mut generating) = (0usize, Duration::ZERO);
    let started = Instant::now();
    let mut writer = index.writer()?;
    for id in 0..docs {
        let t = Instant::now();
        let doc = document(id as i64, words, tickers, rng);
        generating += t.elapsed();
        bytes += doc.text.len();
        writer.add(&doc)?;
    }
    writer.commit(docs as i64)?; // not tied to a store: "caught up" through the last generated id
    let indexing = started.elapsed() - generating;
    let mb = bytes as f64 / 1e6;
    println!(
        "indexed {docs} documents, {mb:.0} MB of text in {:.1} s: {:.1} MB/s ({} threads available)",
        indexing.as_secs_f64(),
        mb / indexing.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    Ok(())
}

/// `n` consecutive fixture words made query-safe (lowercase letters and digits: no operators), none empty.
fn query_words(words: &[String], rng: &mut fastrand::Rng, n: usize) -> String {
    loop {
        let at = rng.usize(..words.len() - n);
        let cleaned: Vec<String> = words[at..at + n]
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase())
            .collect();
        if cleaned.iter().all(|w| !w.is_empty()) {
            return cleaned.join(" ");
        }
    }
}

/// The visible words of every fixture HTML document, in document order.
fn fixture_words(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "htm") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .flat_map(|bytes| {
            let text = visible_text(&bytes, Some("text/html")).map(|v| v.text).unwrap_or_default();
            text.split_whitespace().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

fn tickers() -> Vec<String> {
    minewatch::config::Config::parse(minewatch::config::DEFAULT_CONFIG, "companies.toml", Some("bench b@b.io"))
        .map(|c| c.companies.into_iter().map(|c| c.ticker).collect())
        .unwrap_or_else(|_| vec!["WULF".into()])
}

/// A filing-sized document: runs of 5–60 consecutive fixture words until ~20 KB.
fn document(id: i64, words: &[String], tickers: &[String], rng: &mut fastrand::Rng) -> IndexDocument {
    let mut text = String::with_capacity(DOC_BYTES + 1_000);
    while text.len() < DOC_BYTES {
        let at = rng.usize(..words.len() - 60);
        for word in &words[at..at + rng.usize(5..60)] {
            text.push_str(word);
            text.push(' ');
        }
        text.push('\n');
    }
    let filed = date(rng.usize(..7 * 365));
    IndexDocument {
        id,
        ticker: tickers[rng.usize(..tickers.len())].clone(),
        company: "Generated Miner Inc.".into(),
        cik: format!("{}", 1_000_000 + rng.u32(..1_000_000)),
        form: Some(FORMS[rng.usize(..FORMS.len())].into()),
        filed: Some(filed),
        report_period: filed.checked_sub_days(chrono::Days::new(40)),
        accession: Some(format!("0000000000-26-{id:06}")),
        url: format!("https://www.sec.gov/Archives/generated/{id}.htm"),
        title: Some(format!("Generated filing {id}")),
        text,
    }
}

/// A day of 2019–2026.
fn date(day: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default() + chrono::Days::new(day as u64)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).into_iter().flatten().flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().to_string())
}
