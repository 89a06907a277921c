//! `minewatch worker`: the stages in a loop over a shared store (PostgreSQL, or one machine's
//! SQLite), beside other workers; SIGINT or SIGTERM end the pass under way at its next await
//! (what it committed stays, what it claimed is given back), then exit 0.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use minewatch::pipeline::worker::{self, WorkerOptions};

use super::watch::parse_every;
use super::{Globals, output, stop};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Time between two crawls of one company: seconds, or with a unit (500ms, 60s, 2m)
    #[arg(long, default_value = "60m", value_parser = parse_every)]
    every: Duration,
    /// Wait after a pass that found nothing to do
    #[arg(long, default_value = "10s", value_parser = parse_every)]
    idle: Duration,
    /// Exit once no work is left in the store for any worker
    #[arg(long)]
    until_idle: bool,
    /// Print what the worker did as JSON
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let config = globals.config()?;
    let store = globals.store().await?;
    let stop = stop::on_signal()?;
    let options = WorkerOptions { every: args.every, idle: args.idle, until_idle: args.until_idle };
    let report = worker::run(&config, &store, options, stop).await?;
    if args.json {
        output::json(&report)?;
    } else {
        output::human(|out| output::worker_report(out, &report))?;
    }
    Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
