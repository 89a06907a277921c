//! `minewatch ingest`: one run over every configured company; SIGINT or SIGTERM stop it part-way
//! (recorded as `stopped`, exit 0).

use std::process::ExitCode;

use anyhow::Result;
use minewatch::pipeline::{self, RunSummary};

use super::{Globals, output, stop};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Skip filings filed before this date (YYYY-MM-DD)
    #[arg(long)]
    since: Option<chrono::NaiveDate>,
    /// Print the run summary as JSON
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let mut config = globals.config()?;
    if args.since.is_some() {
        config.crawl.since = args.since;
    }
    let store = globals.store().await?;
    let stop = stop::on_signal()?;
    let summary = pipeline::ingest_with_progress(&config, &store, "ingest", &mut output::progress_bar(), stop).await?;
    if args.json {
        output::json(&summary)?
    } else {
        output::human(|out| output::run_summary(out, &summary))?
    }
    Ok(exit_code(&summary))
}

/// 0 when every document went through, 1 when some failed (they are retried next run).
pub fn exit_code(summary: &RunSummary) -> ExitCode {
    if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
