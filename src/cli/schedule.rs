//! `minewatch schedule`: ingest every night (or on a cron expression) in this process.

use std::process::ExitCode;

use anyhow::{Context, Result};
use minewatch::lock::{Lock, SCHEDULE_LOCK_FILE};
use minewatch::schedule::{self, Schedule};

use super::Globals;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("when").required(true)))]
pub struct Args {
    /// Every day at this local time (HH:MM)
    #[arg(long, group = "when")]
    at: Option<String>,
    /// A 5-field cron expression in local time, e.g. "30 2 * * *"
    #[arg(long, group = "when")]
    cron: Option<String>,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let schedule = match (args.at, args.cron) {
        (Some(at), _) => Schedule::daily_at(&at)?,
        (None, Some(cron)) => Schedule::cron(&cron)?,
        (None, None) => return Err(super::UsageError("pass --at HH:MM or --cron EXPRESSION".into()).into()),
    };
    let config = globals.config()?;
    let store = globals.store().await?;
    let _scheduler = Lock::acquire(store.data_dir(), SCHEDULE_LOCK_FILE, "schedule")?;
    eprintln!("running ingest on \"{}\" (local time); Ctrl-C stops", schedule.expression());
    tokio::select! {
        ended = schedule::run_forever(&schedule, || schedule::scheduled_run(&config, &store)) => ended?,
        stop = tokio::signal::ctrl_c() => stop.context("waiting for Ctrl-C")?,
    }
    Ok(ExitCode::SUCCESS)
}
