//! The `minewatch` command line: parse arguments, call the library, map outcomes to exit codes
//! (0 success, 1 a run with failed documents, 2 bad usage or config).

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use minewatch::config::{Config, ConfigError};
use minewatch::index::{self, IndexError, Results};
use minewatch::pipeline::{self, RunSummary};
use minewatch::replay::{FaultRule, ReplayOptions, ReplayServer};
use minewatch::store::Store;

/// Watches listed bitcoin miners turn into AI/HPC data-center companies.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Where the database, blobs and index live [default: $MINEWATCH_DATA_DIR, else the
    /// platform data dir; `demo` uses ./minewatch-demo]
    #[arg(long, global = true, env = "MINEWATCH_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Config file (crawl settings and companies) [default: the embedded companies.toml]
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Replay the bundled EDGAR world on 127.0.0.1 and ingest all of it (no network needed)
    Demo {
        /// The EDGAR-shaped folder to replay
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/edgar"))]
        fixtures: PathBuf,
        /// Print the run summary as JSON
        #[arg(long)]
        json: bool,
    },
    /// Crawl every configured company for new filings and store them
    Ingest {
        /// Skip filings filed before this date (YYYY-MM-DD)
        #[arg(long)]
        since: Option<chrono::NaiveDate>,
        /// Print the run summary as JSON
        #[arg(long)]
        json: bool,
    },
    /// Serve an EDGAR-shaped folder over HTTP on loopback until interrupted
    Replay {
        /// The folder to serve (URL path = file path)
        #[arg(long)]
        dir: PathBuf,
        #[arg(long, default_value = "127.0.0.1:0")]
        addr: SocketAddr,
        /// Inject a fault: SUFFIX=FAULT[xTIMES], FAULT one of 429[:secs], 500, slow[:ms], truncate
        #[arg(long = "fault", value_parser = parse_fault)]
        faults: Vec<FaultRule>,
        /// Answer 429 beyond this many requests in any one second
        #[arg(long)]
        max_per_second: Option<u32>,
    },
    /// Search every stored document (tantivy query syntax: "phrases", AND/OR/NOT, field:term)
    Search(SearchArgs),
    /// Rebuild the search index from the store
    Reindex {
        #[arg(long)]
        json: bool,
    },
    /// Show the store's contents and the latest runs
    Status {
        /// How many runs to show
        #[arg(long, default_value_t = 10)]
        runs: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// e.g. '"HPC lease revenue"', 'colocation AND NOT mining', 'title:release'
    query: String,
    /// Only these tickers (repeatable)
    #[arg(long = "ticker")]
    tickers: Vec<String>,
    /// Only these forms, e.g. 10-Q, 10-Q/A, 8-K (repeatable)
    #[arg(long = "form")]
    forms: Vec<String>,
    /// Filed on or after (YYYY-MM-DD)
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Filed on or before (YYYY-MM-DD)
    #[arg(long)]
    to: Option<chrono::NaiveDate>,
    #[arg(long, default_value_t = index::DEFAULT_LIMIT)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[arg(long)]
    json: bool,
}

fn parse_fault(s: &str) -> Result<FaultRule, String> {
    FaultRule::parse(s).ok_or_else(|| format!("{s:?} is not SUFFIX=FAULT[xTIMES] (429[:secs], 500, slow[:ms], truncate)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "minewatch=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            if e.chain().any(|cause| cause.is::<ConfigError>()) { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Demo { fixtures, json } => {
            let mut config = load_config(cli.config.as_deref(), Some(DEMO_USER_AGENT))?;
            let server = ReplayServer::start(&fixtures, SocketAddr::from(([127, 0, 0, 1], 0)), ReplayOptions::default())
                .await
                .with_context(|| format!("starting the replay server on {}", fixtures.display()))?;
            config.aim_at(&server.base_url());
            config.crawl.rate_per_second = minewatch::config::MAX_RATE_PER_SECOND;
            let data_dir = cli.data_dir.unwrap_or_else(|| PathBuf::from("minewatch-demo"));
            eprintln!("replaying {} on {}", fixtures.display(), server.base_url());
            let store = open_store(&data_dir).await?;
            let summary = pipeline::ingest(&config, &store, "demo").await?;
            report(&summary, json)
        }
        Command::Ingest { since, json } => {
            let mut config = load_config(cli.config.as_deref(), None)?;
            if since.is_some() {
                config.crawl.since = since;
            }
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            let summary = pipeline::ingest(&config, &store, "ingest").await?;
            report(&summary, json)
        }
        Command::Replay { dir, addr, faults, max_per_second } => {
            let server = ReplayServer::start(&dir, addr, ReplayOptions { faults, max_per_second })
                .await
                .with_context(|| format!("serving {}", dir.display()))?;
            println!("{}", server.base_url());
            tokio::signal::ctrl_c().await.context("waiting for Ctrl-C")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(args) => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            search(&store, args).await
        }
        Command::Reindex { json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            let report = index::rebuild(&store).await?;
            print_json_or(json, &report, || println!("indexed {} documents", report.counts.indexed))?;
            Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Status { runs, json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            status(&store, runs, json).await
        }
    }
}

/// The demo's User-Agent: it only ever talks to the replay server on loopback.
const DEMO_USER_AGENT: &str = "minewatch-demo (demo@minewatch.invalid)";

fn load_config(path: Option<&Path>, user_agent: Option<&str>) -> Result<Config, ConfigError> {
    match (path, user_agent) {
        (Some(path), None) => Config::load(path),
        (None, None) => Config::embedded(),
        (Some(path), Some(ua)) => {
            let text = std::fs::read_to_string(path)
                .map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
            Config::parse(&text, &path.display().to_string(), Some(ua))
        }
        (None, Some(ua)) => Config::parse(minewatch::config::DEFAULT_CONFIG, "companies.toml (embedded)", Some(ua)),
    }
}

fn data_dir(given: Option<PathBuf>) -> Result<PathBuf> {
    given
        .or_else(|| dirs::data_dir().map(|d| d.join("minewatch")))
        .context("no data dir: pass --data-dir or set MINEWATCH_DATA_DIR")
}

async fn open_store(dir: &Path) -> Result<Store> {
    Store::open(dir).await.with_context(|| format!("opening the store in {}", dir.display()))
}

fn report(summary: &RunSummary, json: bool) -> Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string_pretty(summary)?);
    } else {
        let c = &summary.counts;
        println!(
            "run {}: {} requests ({} not modified, {} retries), documents {} new / {} unchanged / {} failed, \
             {} bytes, {} indexed ({} repaired), {:.1} s",
            summary.run_id,
            c.requests,
            c.not_modified,
            summary.retries,
            c.documents_new,
            c.documents_unchanged,
            c.documents_failed,
            c.bytes,
            summary.indexed.indexed,
            summary.indexed.repaired,
            summary.seconds
        );
        for (url, message) in &summary.failures {
            println!("  failed: {url}: {message}");
        }
    }
    Ok(if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Runs a search; a query that does not parse is bad usage (exit 2), shown with its position.
async fn search(store: &Store, args: SearchArgs) -> Result<ExitCode> {
    let query = index::Query {
        text: args.query,
        tickers: args.tickers,
        forms: args.forms,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.offset,
    };
    let (index, _) = index::open_repaired(store).await?;
    let results = match index.search(&query) {
        Err(IndexError::Query(e)) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        other => other?,
    };
    print_json_or(args.json, &results, || print_results(&results, query.offset))?;
    Ok(ExitCode::SUCCESS)
}

fn print_results(results: &Results, offset: usize) {
    let facets = |counts: &[index::FacetCount]| {
        counts.iter().map(|f| format!("{} {}", f.value, f.count)).collect::<Vec<_>>().join(", ")
    };
    println!("{} hits; tickers: {}; forms: {}", results.total, facets(&results.tickers), facets(&results.forms));
    let (open, close) = if std::io::stdout().is_terminal() { ("\x1b[1m", "\x1b[0m") } else { ("**", "**") };
    for (rank, hit) in results.hits.iter().enumerate() {
        let d = &hit.document;
        let filed = d.filed.map(|f| f.to_string()).unwrap_or_default();
        println!("\n{}. {} {} {} {}", offset + rank + 1, d.ticker, d.form.as_deref().unwrap_or("-"), filed, d.url);
        println!("   {}", hit.snippet.marked(open, close).replace('\n', " "));
    }
}

/// Prints `value` as pretty JSON when asked, else runs `human`.
fn print_json_or<T: serde::Serialize>(json: bool, value: &T, human: impl FnOnce()) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        human();
    }
    Ok(())
}

async fn status(store: &Store, runs: i64, json: bool) -> Result<ExitCode> {
    let counts = store.counts().await?;
    let recent = store.recent_runs(runs).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "store": counts, "runs": recent }))?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} companies, {} filings, {} documents ({} bytes)",
        store.data_dir().display(),
        counts.companies,
        counts.filings,
        counts.documents,
        counts.bytes
    );
    for r in &recent {
        let c = &r.counts;
        println!(
            "run {} {} {} → {}: {} requests, {} new, {} unchanged, {} failed",
            r.id,
            r.command,
            r.started_at,
            r.finished_at.as_deref().unwrap_or(&r.status),
            c.requests,
            c.documents_new,
            c.documents_unchanged,
            c.documents_failed
        );
    }
    Ok(ExitCode::SUCCESS)
}
