//! The command line: one file per command, the printers in [`output`]. Commands load the config
//! and open the store through [`Globals`], call the library, and print; errors carry what went
//! wrong to [`exit_code`], which prints them once and picks the exit code.

mod alerts;
mod demo;
mod extract;
mod facts;
mod feed;
mod follow;
mod ingest;
mod output;
mod reindex;
mod replay;
mod schedule;
mod search;
mod serve;
mod signals;
mod status;
mod stop;
mod watch;
mod worker;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use minewatch::config::{Config, ConfigError, redacted};
use minewatch::model::Company;
use minewatch::pipeline::PipelineError;
use minewatch::schedule::ScheduleError;
use minewatch::store::{Backend, Store, StoreError, StoreLocation};

/// Watches listed bitcoin miners turn into AI/HPC data-center companies.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Cli {
    /// Where the database, blobs and index live [default: $MINEWATCH_DATA_DIR, else the
    /// platform data dir; `demo` uses ./minewatch-demo]
    #[arg(long, global = true, env = "MINEWATCH_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// The database: sqlite://PATH or postgres://USER@HOST/DB (shared by many workers)
    /// [default: `[store] url` in the config, else the data dir's SQLite file]
    #[arg(long, global = true, env = "MINEWATCH_DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
    /// Config file (crawl settings and companies) [default: the embedded companies.toml]
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Replay the bundled EDGAR and newswire worlds on 127.0.0.1 and ingest all of it (no network needed)
    Demo(demo::Args),
    /// Crawl every company of the universe for new filings and store them
    Ingest(ingest::Args),
    /// Add a company to the universe by ticker or CIK, read from EDGAR (no config edit)
    Follow(follow::FollowArgs),
    /// Drop a company from the universe (its documents and series stay)
    Unfollow(follow::UnfollowArgs),
    /// Serve an EDGAR-shaped folder over HTTP on loopback until interrupted
    Replay(replay::Args),
    /// Print the revenue facts of a local document (no store), or re-extract every stored one
    Extract(extract::Args),
    /// The resolved quarterly series of a company (or every company's latest quarter)
    Facts(facts::Args),
    /// Search every stored document (tantivy query syntax: "phrases", AND/OR/NOT, field:term)
    Search(search::Args),
    /// Rebuild the search index from the store
    Reindex(reindex::Args),
    /// Serve the JSON API, the Atom feed and the web pages over the data dir until interrupted
    Serve(serve::Args),
    /// Show the universe, the store's contents and the latest runs
    Status(status::Args),
    /// List the signals raised (crossovers, retractions, approaching) with their evidence
    Signals(signals::Args),
    /// Show the delivery state of alerts (pending, delivered, dead)
    Alerts(alerts::Args),
    /// Print the Atom feed of every signal (`minewatch feed > alerts.atom`)
    Feed,
    /// Run ingest on a schedule, in this process, until interrupted
    Schedule(schedule::Args),
    /// Follow EDGAR's latest-filings feeds and the press feeds live, alerting within a poll
    Watch(watch::Args),
    /// Run every stage in a loop beside other workers sharing the store (--database-url)
    Worker(worker::Args),
}

/// A mistake in how minewatch was called (exit code 2), e.g. a ticker the config does not know.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Sends log lines to stderr (`RUST_LOG` filters them; info by default).
pub fn init_logging() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "minewatch=info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

/// Runs the command on a fresh async runtime.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(dispatch(cli))
}

async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let globals = Globals { data_dir: cli.data_dir, database_url: cli.database_url, config: cli.config };
    match cli.command {
        Command::Demo(args) => demo::run(args, &globals).await,
        Command::Ingest(args) => ingest::run(args, &globals).await,
        Command::Follow(args) => follow::follow(args, &globals).await,
        Command::Unfollow(args) => follow::unfollow(args, &globals).await,
        Command::Replay(args) => replay::run(args).await,
        Command::Extract(args) => extract::run(args, &globals).await,
        Command::Facts(args) => facts::run(args, &globals).await,
        Command::Search(args) => search::run(args, &globals).await,
        Command::Reindex(args) => reindex::run(args, &globals).await,
        Command::Serve(args) => serve::run(args, &globals).await,
        Command::Status(args) => status::run(args, &globals).await,
        Command::Signals(args) => signals::run(args, &globals).await,
        Command::Alerts(args) => alerts::run(args, &globals).await,
        Command::Feed => feed::run(&globals).await,
        Command::Schedule(args) => schedule::run(args, &globals).await,
        Command::Watch(args) => watch::run(args, &globals).await,
        Command::Worker(args) => worker::run(args, &globals).await,
    }
}

/// The options every command shares.
#[derive(Debug)]
struct Globals {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    config: Option<PathBuf>,
}

impl Globals {
    /// The config file given, else the embedded default.
    fn config(&self) -> Result<Config, ConfigError> {
        Config::load_or_embedded(self.config.as_deref(), None)
    }

    /// The config over the universe `store` follows (see `pipeline::universe`).
    async fn universe(&self, store: &Store) -> Result<Config> {
        Ok(minewatch::pipeline::universe::read(&self.config()?, store).await?)
    }

    /// The company `ticker` names in the config (or the universe); an unknown one is a usage error.
    fn company<'c>(config: &'c Config, ticker: &str) -> Result<&'c Company> {
        config.company(ticker).ok_or_else(|| {
            UsageError(format!("no company {ticker} in {} or followed (`minewatch follow {ticker}`)", config.origin))
                .into()
        })
    }

    fn data_dir(&self) -> Result<PathBuf> {
        self.data_dir
            .clone()
            .or_else(|| dirs::data_dir().map(|d| d.join("minewatch")))
            .ok_or_else(|| UsageError("no data dir: pass --data-dir or set MINEWATCH_DATA_DIR".into()).into())
    }

    /// Where the store is: `--database-url`, else the config's `[store] url`, else the data
    /// dir's SQLite file; blobs in `[store] blobs`, else the data dir.
    fn location(&self, config: &Config) -> Result<StoreLocation> {
        self.location_in(config, self.data_dir()?)
    }

    /// [`Globals::location`] with `data_dir` as the data dir.
    fn location_in(&self, config: &Config, data_dir: PathBuf) -> Result<StoreLocation> {
        let url = self.database_url.clone().or_else(|| config.store.url.clone());
        if let Some(url) = &url {
            Backend::of_url(url).map_err(|e| UsageError(format!("--database-url {}: {e}", redacted(url))))?;
        }
        Ok(StoreLocation { data_dir, url, blobs: config.store.blobs.clone() })
    }

    /// The store, created on first use (for commands that write it).
    async fn store(&self) -> Result<Store> {
        let location = self.location(&self.config()?)?;
        Store::open_at(&location).await.with_context(|| format!("opening the store {}", describe(&location)))
    }

    /// The store a run wrote (for commands that only read it); none there is a usage error.
    async fn existing_store(&self) -> Result<Store> {
        let location = self.location(&self.config()?)?;
        Store::open_existing(&location).await.with_context(|| format!("opening the store {}", describe(&location)))
    }
}

/// A store's location for messages: the database URL (password hidden) or the data dir.
fn describe(location: &StoreLocation) -> String {
    match &location.url {
        Some(url) => redacted(url),
        None => format!("in {}", location.data_dir.display()),
    }
}

/// The process exit code for a command's outcome: 0 done (or stdout closed by the reader),
/// 1 a failed run or error, 2 bad usage or config. The error is printed once, each cause once.
pub fn exit_code(outcome: Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(e) if output::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            if is_usage(&e) { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

/// The error and its causes joined by ": ", leaving out a cause its effect already quotes.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// Whether an error is the user's: a bad argument, config or data dir.
fn is_usage(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.is::<UsageError>()
            || cause.is::<ConfigError>()
            || cause.is::<ScheduleError>()
            || matches!(cause.downcast_ref::<PipelineError>(), Some(PipelineError::Config(_)))
            || matches!(cause.downcast_ref::<StoreError>(), Some(StoreError::NoStore(_)))
    })
}
