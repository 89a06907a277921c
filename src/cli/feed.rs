//! `minewatch feed`: the Atom feed of every signal on stdout.

use std::process::ExitCode;

use anyhow::Result;
use minewatch::alert;

use super::{Globals, output};

pub async fn run(globals: &Globals) -> Result<ExitCode> {
    let feed = alert::feed(&globals.existing_store().await?).await?;
    output::human(|out| out.write_all(feed.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}
