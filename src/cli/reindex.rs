//! `minewatch reindex`: the full-text index rebuilt from the store.

use std::process::ExitCode;

use anyhow::Result;
use minewatch::pipeline;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let store = globals.existing_store().await?;
    let report = pipeline::index::reindex(&store).await?;
    if args.json {
        output::json(&report)?;
    } else {
        output::human(|out| writeln!(out, "indexed {} documents", report.counts.indexed))?;
    }
    Ok(if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
