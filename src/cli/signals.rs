//! `minewatch signals`: the signals raised, with their evidence (in words, JSON or CSV); with
//! `--candidates`, the filers outside the universe that `watch --discover` raised.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// As CSV: one row per signal and compared class of its quarter, with its value and source URL
    #[arg(long)]
    csv: bool,
    /// The candidates instead: filers outside the universe whose revenue lines speak of AI, HPC
    /// or data centers (raised by `watch --discover`), with the line, its figures and the filing
    #[arg(long, conflicts_with = "csv")]
    candidates: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let store = globals.existing_store().await?;
    if args.candidates {
        let candidates = store.candidates().await?;
        if args.json {
            output::json(&candidates)?;
        } else {
            output::human(|out| output::candidates(out, &candidates))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.csv {
        return output::csv(&minewatch::export::signals(&store, &globals.universe(&store).await?.companies).await?);
    }
    let signals = store.signals().await?;
    if args.json {
        output::json(&signals)?
    } else {
        output::human(|out| output::signals(out, &signals))?
    }
    Ok(ExitCode::SUCCESS)
}
