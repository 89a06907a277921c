//! The `minewatch` command line: parse arguments, call the library, map outcomes to exit codes
//! (0 success, 1 a run with failed documents, 2 bad usage or config).

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use minewatch::alert;
use minewatch::config::{Config, ConfigError};
use minewatch::detect;
use minewatch::extract;
use minewatch::index::{self, IndexError, Results};
use minewatch::lock::{Lock, RUN_LOCK_FILE, SCHEDULE_LOCK_FILE};
use minewatch::model::{Company, Fact, Segment};
use minewatch::pipeline::{self, PipelineError, RunSummary};
use minewatch::replay::{FaultRule, ReplayOptions, ReplayServer};
use minewatch::schedule::{self, Schedule};
use minewatch::serve;
use minewatch::store::AlertFilter;
use minewatch::store::{LatestQuarter, Store};

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
    /// Replay the bundled EDGAR and newswire worlds on 127.0.0.1 and ingest all of it (no network needed)
    Demo {
        /// The EDGAR-shaped folder to replay
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/edgar"))]
        fixtures: PathBuf,
        /// The press folder to replay (`<host>/<path>` for every press URL)
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press"))]
        press_fixtures: PathBuf,
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
    /// Print the revenue facts of a local document (no store), or re-extract every stored one
    Extract {
        /// An iXBRL, HTML or PDF document
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        file: Option<PathBuf>,
        /// Read with this company's fiscal calendar and label overrides
        #[arg(long)]
        company: Option<String>,
        /// `revenue`: segment revenue facts; `all`: every numeric iXBRL fact, as Arelle reports them
        #[arg(long, value_enum, default_value_t = FactSet::Revenue)]
        facts: FactSet,
        /// Re-extract every stored document (no HTTP request) and re-resolve every company
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// The resolved quarterly series of a company (or every company's latest quarter)
    Facts {
        #[arg(long)]
        ticker: Option<String>,
        /// Only the values whose sources disagree by more than 1%
        #[arg(long, conflicts_with = "ticker")]
        disagreements: bool,
        #[arg(long)]
        json: bool,
    },
    /// Search every stored document (tantivy query syntax: "phrases", AND/OR/NOT, field:term)
    Search(SearchArgs),
    /// Rebuild the search index from the store
    Reindex {
        #[arg(long)]
        json: bool,
    },
    /// Serve the JSON API, the Atom feed and the web pages over the data dir until interrupted
    Serve {
        /// Where to listen; loopback unless told otherwise. A token (`[serve] token` or
        /// $MINEWATCH_TOKEN) then guards every request.
        #[arg(long, default_value = serve::DEFAULT_ADDR)]
        addr: SocketAddr,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FactSet {
    Revenue,
    All,
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
    FaultRule::parse(s)
        .ok_or_else(|| format!("{s:?} is not SUFFIX=FAULT[xTIMES] (429[:secs], 500, slow[:ms], truncate)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "minewatch=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
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
            if is_bad_config(&e) { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

/// Whether an error is the user's config (exit code 2) rather than a failed run.
fn is_bad_config(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.is::<ConfigError>() || matches!(cause.downcast_ref::<PipelineError>(), Some(PipelineError::Config(_)))
    })
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Demo { fixtures, press_fixtures, json } => {
            let mut config = load_config(cli.config.as_deref(), Some(DEMO_USER_AGENT))?;
            let server =
                ReplayServer::start(&fixtures, SocketAddr::from(([127, 0, 0, 1], 0)), ReplayOptions::default())
                    .await
                    .with_context(|| format!("starting the replay server on {}", fixtures.display()))?;
            let press =
                ReplayServer::start(&press_fixtures, SocketAddr::from(([127, 0, 0, 1], 0)), ReplayOptions::default())
                    .await
                    .with_context(|| format!("starting the replay server on {}", press_fixtures.display()))?;
            config.aim_at(&server.base_url());
            config.aim_press_at(&press.base_url());
            config.crawl.rate_per_second = minewatch::config::MAX_RATE_PER_SECOND;
            let data_dir = cli.data_dir.unwrap_or_else(|| PathBuf::from("minewatch-demo"));
            eprintln!("replaying {} on {}", fixtures.display(), server.base_url());
            eprintln!("replaying {} on {}", press_fixtures.display(), press.base_url());
            let store = open_store(&data_dir).await?;
            let _lock = Lock::acquire(&data_dir, RUN_LOCK_FILE, "run")?;
            let summary = pipeline::ingest(&config, &store, "demo").await?;
            let code = report(&summary, json)?;
            if !json {
                println!("latest quarter per company:");
                print_latest(&store.latest_quarters().await?);
            }
            Ok(code)
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
        Command::Extract { file: Some(file), company, facts, json, .. } => {
            let config = load_config(cli.config.as_deref(), None)?;
            let company = match company {
                Some(t) => Some(config.company(&t).with_context(|| format!("no company {t} in {}", config.origin))?),
                None => None,
            };
            extract_file(&file, company, facts, json)
        }
        Command::Extract { file: None, json, .. } => {
            let config = load_config(cli.config.as_deref(), None)?;
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            let ids = store.document_ids().await?;
            let summary = pipeline::facts::extract_documents(&config, &store, &ids).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                println!("{} documents, {} facts, {} warnings", summary.documents, summary.facts, summary.warnings);
                for (url, message) in &summary.failures {
                    println!("  failed: {url}: {message}");
                }
            }
            Ok(if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Facts { ticker, disagreements, json } => {
            let config = load_config(cli.config.as_deref(), None)?;
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            match ticker {
                Some(t) => {
                    let company = config.company(&t).with_context(|| format!("no company {t} in {}", config.origin))?;
                    print_series(&store, company, json).await
                }
                None if disagreements => print_json_or(&store.disagreements().await?, json, |rows| {
                    for (ticker, r) in rows {
                        println!(
                            "{ticker} {} Q{} {}: {} (sources: {})",
                            r.fiscal_year, r.fiscal_quarter, r.segment, r.value_usd, r.sources
                        );
                    }
                }),
                None => print_json_or(&store.latest_quarters().await?, json, |rows| print_latest(rows)),
            }
        }
        Command::Search(args) => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            search(&store, args).await
        }
        Command::Reindex { json } => {
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            let report = index::rebuild(&store).await?;
            print_json_or(&report, json, |r| println!("indexed {} documents", r.counts.indexed))?;
            Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Serve { addr } => {
            let config = load_config(cli.config.as_deref(), None)?;
            let store = open_store(&data_dir(cli.data_dir)?).await?;
            let listener = serve::bind(addr).await?;
            let state = serve::AppState::open(store, &config, config.serve.token()).await?;
            eprintln!("serving on http://{}", listener.local_addr()?);
            serve::serve(listener, state).await?;
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

/// `minewatch extract FILE`: the facts of one local document, without touching any store.
fn extract_file(file: &Path, company: Option<&Company>, set: FactSet, json: bool) -> Result<ExitCode> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    match set {
        FactSet::All => {
            let facts =
                extract::ixbrl::parse(&bytes).with_context(|| format!("{name}: not readable as inline XBRL"))?;
            print_json_or(&facts, json, |facts| {
                for f in facts {
                    let dims: Vec<String> = f.dimensions.iter().map(|(a, m)| format!("{a}={m}")).collect();
                    let start = f.period_start.map(|d| format!("{d}..")).unwrap_or_default();
                    let value = f.value.as_deref().unwrap_or("nil");
                    println!("{} {start}{} [{}] {value}", f.concept, f.period_end, dims.join(", "));
                }
            })
        }
        FactSet::Revenue => {
            let read =
                extract::extract(&bytes, Some(&name), company).with_context(|| format!("{name}: cannot extract"))?;
            for warning in &read.warnings {
                eprintln!("warning: {name}: {warning}");
            }
            let facts: Vec<FactLine<'_>> = read.facts.iter().map(FactLine::from).collect();
            print_json_or(&facts, json, |facts| {
                for f in facts {
                    println!(
                        "{:<8} {}..{} {:>14} {:<10} {}",
                        f.segment, f.period_start, f.period_end, f.value_usd, f.extractor, f.label
                    );
                }
            })
        }
    }
}

/// A revenue fact as `extract --json` prints it (the period flattened).
#[derive(Debug, serde::Serialize)]
struct FactLine<'a> {
    segment: Segment,
    period_start: chrono::NaiveDate,
    period_end: chrono::NaiveDate,
    value_usd: i64,
    label: &'a str,
    concept: Option<&'a str>,
    extractor: &'static str,
    confidence: f32,
    raw_text: &'a str,
}

impl<'a> From<&'a Fact> for FactLine<'a> {
    fn from(f: &'a Fact) -> Self {
        FactLine {
            segment: f.segment,
            period_start: f.period.start,
            period_end: f.period.end,
            value_usd: f.value_usd,
            label: &f.label,
            concept: f.concept.as_deref(),
            extractor: f.extractor.as_str(),
            confidence: f.confidence,
            raw_text: &f.raw_text,
        }
    }
}

/// `minewatch facts --ticker T`: the quarterly series with each value's sources.
async fn print_series(store: &Store, company: &Company, json: bool) -> Result<ExitCode> {
    let series = store.series(&company.ticker).await?;
    let quarter = |year: i32, q: u8| detect::quarter_name(year, q, company.fiscal_year_end);
    if json {
        println!("{}", serde_json::to_string_pretty(&store.named_series(company).await?)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} — {} (US$ thousands)", company.ticker, company.name);
    println!("{:<10} {:>10} {:>10} {:>10} {:>10} {:>10}", "quarter", "mining", "hpc", "hosting", "other", "total");
    let k = |v: Option<i64>| v.map_or("—".to_string(), |v| format!("{:.0}", v as f64 / 1000.0));
    for row in &series {
        let marks =
            format!("{}{}", if row.derived { " derived" } else { "" }, if row.disagreement { " disputed" } else { "" });
        println!(
            "{:<10} {:>10} {:>10} {:>10} {:>10} {:>10}{marks}",
            quarter(row.fiscal_year, row.fiscal_quarter),
            k(row.mining),
            k(row.hpc),
            k(row.hosting),
            k(row.other),
            k(row.total)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_latest(rows: &[LatestQuarter]) {
    for r in rows {
        let millions = |v: Option<i64>| v.map_or("—".to_string(), |v| format!("${:.1}M", v as f64 / 1e6));
        let share = r.hpc_share.map_or("—".to_string(), |s| format!("{:.0}%", s * 100.0));
        println!(
            "{:<5} FY{} Q{} (to {}): mining {}, hpc {}, hosting {}, total {}; HPC share {share}",
            r.ticker,
            r.fiscal_year,
            r.fiscal_quarter,
            r.period_end,
            millions(r.mining),
            millions(r.hpc),
            millions(r.hosting),
            millions(r.total)
        );
    }
}

/// Prints `value` as pretty JSON, or through `human`.
fn print_json_or<T: serde::Serialize>(value: &T, json: bool, human: impl FnOnce(&T)) -> Result<ExitCode> {
    if json {
        println!("{}", serde_json::to_string_pretty(value)?);
    } else {
        human(value);
    }
    Ok(ExitCode::SUCCESS)
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
        println!(
            "  {} facts from {} documents; {} signals ({} new), {} alerts delivered",
            summary.extract.facts,
            summary.extract.documents,
            summary.signals.current.len(),
            summary.signals.new,
            summary.signals.delivery.delivered
        );
        for signal in &summary.signals.current {
            println!("  signal: {}", alert::text(signal));
        }
        for (ticker, why) in &summary.signals.unclassified {
            println!("  unclassified: {ticker}: {why}");
        }
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
    print_json_or(&results, args.json, |r| print_results(r, query.offset))
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
            "run {} {} {} → {} ({}): {} requests, documents {} new / {} unchanged / {} failed, {} facts, \
             {} new signals, {} alerts delivered, {} errors",
            r.id,
            r.command,
            r.started_at,
            r.finished_at.as_deref().unwrap_or("unfinished"),
            r.status,
            c.requests,
            c.documents_new,
            c.documents_unchanged,
            c.documents_failed,
            c.facts,
            c.signals_new,
            c.alerts_delivered,
            r.errors
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
        let when =
            a.delivered_at.as_deref().map_or(format!("next attempt {}", a.next_attempt_at), |at| format!("at {at}"));
        let error = a.last_error.as_deref().map_or(String::new(), |e| format!(" — last error: {e}"));
        println!("{} → {}: {} after {} attempts, {when}{error}", a.signal.key(), a.sink, a.status.as_str(), a.attempts);
    }
    if alerts.is_empty() {
        println!("no {}alerts", if pending { "pending " } else { "" });
    }
    Ok(ExitCode::SUCCESS)
}
