//! `minewatch status`: what the store holds and what the latest runs did.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many runs to show
    #[arg(long, default_value_t = 10)]
    runs: i64,
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let store = globals.existing_store().await?;
    let counts = store.counts().await?;
    let runs = store.recent_runs(args.runs).await?;
    if args.json {
        output::json(&serde_json::json!({ "store": counts, "runs": runs }))?;
    } else {
        let data_dir = store.data_dir().display().to_string();
        output::human(|out| output::status(out, &data_dir, &counts, &runs))?;
    }
    Ok(ExitCode::SUCCESS)
}
