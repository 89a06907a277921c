//! The `minewatch` command line: parse arguments, call the library, map outcomes to exit codes
//! (0 success, 1 a run with failed documents, 2 bad usage or config).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use minewatch::alert;
use minewatch::config::{Config, ConfigError};
use minewatch::lock::{Lock, RUN_LOCK_FILE, SCHEDULE_LOCK_FILE};
use minewatch::schedule::{self, Schedule};
use minewatch::store::AlertFilter;
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
    /// Show the store's contents and the latest runs
    Status {
        /// How many runs to show
        #[arg(long, default_value_t = 10)]
        runs: i64,
        #[arg(long)]
        json: bool,
    },
    /// List the signals raised (crossovers, retractions, approaching) with their evidence
    Signals {
        #[arg(long)]
        json: bool,
    },
    /// Show the delivery state of alerts (pending, delivered, dead)
    Alerts {
        /// Only alerts still to be delivered
        #[arg(long)]
        pending: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print the Atom feed of every signal (`minewatch feed > alerts.atom`)
    Feed,
    /// Run ingest on a schedule, in this process, until interrupted
    #[command(group(clap::ArgGroup::new("when").required(true)))]
    Schedule {
        /// Every day at this local time (HH:MM)
        #[arg(long, group = "when")]
        at: Option<String>,
        /// A 5-field cron expression in local time, e.g. "30 2 * * *"
        #[arg(long, group = "when")]
        cron: Option<String>,
    },
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
            let _lock = Lock::acquire(&data_dir, RUN_LOCK_FILE, "run")?;
            let summary = pipeline::ingest(&config, &store, "demo").await?;
            report(&summary, json)
        }
        Command::Ingest { since, json } => {
            let mut config = load_config(cli.config.as_deref(), None)?;
            if since.is_some() {
                config.crawl.since = since;
            }
            let data_dir = data_dir(cli.data_dir)?;
            let store = open_store(&data_dir).await?;
            let _lock = Lock::acquire(&data_dir, RUN_LOCK_FILE, "run")?;
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
        Command::Status { runs, json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            status(&store, runs, json).await
        }
        Command::Signals { json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            signals(&store, json).await
        }
        Command::Alerts { pending, json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            alerts(&store, pending, json).await
        }
        Command::Feed => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            print!("{}", alert::feed(&store).await?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Schedule { at, cron } => {
            let schedule = match (at, cron) {
                (Some(at), _) => Schedule::daily_at(&at)?,
                (None, Some(cron)) => Schedule::cron(&cron)?,
                (None, None) => anyhow::bail!("pass --at HH:MM or --cron EXPRESSION"),
            };
            let config = load_config(cli.config.as_deref(), None)?;
            let data_dir = data_dir(cli.data_dir)?;
            let store = open_store(&data_dir).await?;
            let _scheduler = Lock::acquire(&data_dir, SCHEDULE_LOCK_FILE, "schedule")?;
            eprintln!("running ingest on \"{}\" (local time); Ctrl-C stops", schedule.expression());
            tokio::select! {
                ended = schedule::run_forever(&schedule, || scheduled_run(&config, &store, &data_dir)) => ended?,
                stop = tokio::signal::ctrl_c() => stop.context("waiting for Ctrl-C")?,
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One scheduled ingest; skipped when another run holds the lock. Failures are logged, and the
/// schedule goes on.
async fn scheduled_run(config: &Config, store: &Store, data_dir: &Path) {
    let _lock = match Lock::acquire(data_dir, RUN_LOCK_FILE, "run") {
        Ok(lock) => lock,
        Err(e) => return tracing::warn!("scheduled run skipped: {e}"),
    };
    match pipeline::ingest(config, store, "schedule").await {
        Ok(summary) => tracing::info!(
            "scheduled run {}: {} documents new, {} failed",
            summary.run_id,
            summary.counts.documents_new,
            summary.counts.documents_failed
        ),
        Err(e) => tracing::error!("scheduled run failed: {e}"),
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
             {} bytes, {:.1} s",
            summary.run_id,
            c.requests,
            c.not_modified,
            summary.retries,
            c.documents_new,
            c.documents_unchanged,
            c.documents_failed,
            c.bytes,
            summary.seconds
        );
        for (url, message) in &summary.failures {
            println!("  failed: {url}: {message}");
        }
    }
    Ok(if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
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

async fn signals(store: &Store, json: bool) -> Result<ExitCode> {
    let signals = store.signals().await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&signals)?);
        return Ok(ExitCode::SUCCESS);
    }
    for stored in &signals {
        println!("{} (raised {}, updated {})", stored.signal.key(), stored.raised_at, stored.updated_at);
        println!("  {}", alert::text(&stored.signal));
        for source in &stored.signal.evidence.sources {
            let derived = if source.derived { ", derived" } else { "" };
            println!(
                "  - {} {:?} ${} ({}{derived}) {}",
                source.segment,
                source.label,
                source.value_usd,
                source.form.as_deref().unwrap_or(source.extractor.as_str()),
                source.url
            );
        }
    }
    if signals.is_empty() {
        println!("no signals yet");
    }
    Ok(ExitCode::SUCCESS)
}

async fn alerts(store: &Store, pending: bool, json: bool) -> Result<ExitCode> {
    let alerts = store.alerts(if pending { AlertFilter::Pending } else { AlertFilter::All }).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&alerts)?);
        return Ok(ExitCode::SUCCESS);
    }
    for a in &alerts {
        let when = a.delivered_at.as_deref().map_or(format!("next attempt {}", a.next_attempt_at), |at| format!("at {at}"));
        let error = a.last_error.as_deref().map_or(String::new(), |e| format!(" — last error: {e}"));
        println!("{} → {}: {} after {} attempts, {when}{error}", a.signal.key(), a.sink, a.status.as_str(), a.attempts);
    }
    if alerts.is_empty() {
        println!("no {}alerts", if pending { "pending " } else { "" });
    }
    Ok(ExitCode::SUCCESS)
}
