//! `minewatch demo`: the bundled EDGAR and newswire worlds replayed on loopback and ingested, or
//! (`--live`) an earnings morning played on them while `watch` follows it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use minewatch::config::Config;
use minewatch::demo::{self, DemoWorld, live};
use minewatch::pipeline;
use minewatch::replay::Timeline;
use minewatch::store::Store;

use super::{Globals, UsageError, output};

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
    /// Play an earnings morning instead: filings appear one by one over about 30 s while
    /// `watch` polls every second, showing each arrival, its revenue split and any alert
    #[arg(long, conflicts_with = "json")]
    live: bool,
    /// The timeline of the live morning
    #[arg(long, default_value = demo::live::TIMELINE, requires = "live")]
    timeline: PathBuf,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let mut config = Config::load_or_embedded(globals.config.as_deref(), Some(demo::USER_AGENT))?;
    let timeline = args.live.then(|| Timeline::load(&args.timeline)).transpose().map_err(UsageError)?;
    let world = DemoWorld::start_with(&args.fixtures, &args.press_fixtures, timeline.clone()).await?;
    world.aim(&mut config);
    eprintln!("replaying {} on {}", args.fixtures.display(), world.edgar.base_url());
    eprintln!("replaying {} on {}", args.press_fixtures.display(), world.press.base_url());
    let data_dir = globals.data_dir.clone().unwrap_or_else(|| PathBuf::from(demo::DEFAULT_DATA_DIR));
    let store = Store::open_at(&globals.location_in(&config, data_dir)?).await?;
    if let Some(timeline) = &timeline {
        let every = Duration::from_secs(1);
        live::play(&config, &store, &world, timeline, every, |event| {
            let _ = output::human(|out| output::live_event(out, &event));
        })
        .await?;
        return Ok(ExitCode::SUCCESS);
    }
    let summary =
        pipeline::ingest_with_progress(&config, &store, "demo", &mut output::progress_bar(), std::future::pending())
            .await?;
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
