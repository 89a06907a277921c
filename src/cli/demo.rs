//! `minewatch demo`: the bundled EDGAR and newswire worlds replayed on loopback and ingested.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use minewatch::config::Config;
use minewatch::demo::{self, DemoWorld};
use minewatch::pipeline;
use minewatch::store::Store;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The EDGAR-shaped folder to replay
    #[arg(long, default_value = demo::EDGAR_FIXTURES)]
    fixtures: PathBuf,
    /// The press folder to replay (`<host>/<path>` for every press URL)
    #[arg(long, default_value = demo::PRESS_FIXTURES)]
    press_fixtures: PathBuf,
    /// Print the run summary as JSON
    #[arg(long)]
    json: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let mut config = Config::load_or_embedded(globals.config.as_deref(), Some(demo::USER_AGENT))?;
    let world = DemoWorld::start(&args.fixtures, &args.press_fixtures).await?;
    world.aim(&mut config);
    eprintln!("replaying {} on {}", args.fixtures.display(), world.edgar.base_url());
    eprintln!("replaying {} on {}", args.press_fixtures.display(), world.press.base_url());
    let data_dir = globals.data_dir.clone().unwrap_or_else(|| PathBuf::from(demo::DEFAULT_DATA_DIR));
    let store = Store::open(&data_dir).await?;
    let summary = pipeline::ingest_with_progress(&config, &store, "demo", &mut output::progress_bar()).await?;
    if args.json {
        output::json(&summary)?;
    } else {
        let latest = store.latest_quarters().await?;
        output::human(|out| {
            output::run_summary(out, &summary)?;
            writeln!(out, "latest quarter per company:")?;
            output::latest(out, &latest)
        })?;
    }
    Ok(super::ingest::exit_code(&summary))
}
