//! `minewatch status`: the universe the store follows, what it holds, what the latest runs did, and the documents that
//! fail run after run (or were given up).

use std::process::ExitCode;

use anyhow::Result;
use minewatch::config::redacted;

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
    let failing = store.fetch_failures().await?;
    let universe = store.followed().await?;
    if args.json {
        let backend = store.backend();
        output::json(&serde_json::json!({
            "backend": backend, "universe": universe, "store": counts, "runs": runs, "failing_documents": failing
        }))?;
    } else {
        let place = match globals.location(&globals.config()?)?.url {
            Some(url) => redacted(&url),
            None => store.data_dir().display().to_string(),
        };
        output::human(|out| output::status(out, &place, &universe, &counts, &runs, &failing))?;
    }
    Ok(ExitCode::SUCCESS)
}
