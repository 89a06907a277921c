//! `minewatch alerts`: the delivery state of every alert.

use std::process::ExitCode;

use anyhow::Result;
use minewatch::alert;
use minewatch::store::AlertFilter;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only alerts still to be delivered
    #[arg(long)]
    pending: bool,
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let filter = if args.pending { AlertFilter::Pending } else { AlertFilter::All };
    let mut alerts = globals.existing_store().await?.alerts(filter).await?;
    for a in &mut alerts {
        a.sink = alert::redact_sink(&a.sink);
    }
    if args.json {
        output::json(&alerts)?
    } else {
        output::human(|out| output::alerts(out, &alerts, args.pending))?
    }
    Ok(ExitCode::SUCCESS)
}
