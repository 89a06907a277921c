//! `minewatch signals`: the signals raised, with their evidence.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let signals = globals.existing_store().await?.signals().await?;
    if args.json {
        output::json(&signals)?
    } else {
        output::human(|out| output::signals(out, &signals))?
    }
    Ok(ExitCode::SUCCESS)
}
