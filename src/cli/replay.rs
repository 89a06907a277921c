//! `minewatch replay`: an EDGAR-shaped folder served on loopback, with injected faults and,
//! with `--timeline`, filings that appear over time.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use minewatch::replay::{FaultRule, ReplayOptions, ReplayServer, Timeline};

use super::UsageError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to serve (URL path = file path)
    #[arg(long)]
    dir: PathBuf,
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Inject a fault: SUFFIX=FAULT[xTIMES], FAULT one of 429[:secs], 500, slow[:ms], truncate
    #[arg(long = "fault", value_parser = parse_fault)]
    faults: Vec<FaultRule>,
    /// Answer 429 beyond this many requests in any one second
    #[arg(long)]
    max_per_second: Option<u32>,
    /// Play a live morning: filings and releases appear at the offsets this TOML file gives,
    /// counted from the start, and the latest-filings feed lists them as they do
    #[arg(long)]
    timeline: Option<PathBuf>,
}

fn parse_fault(s: &str) -> Result<FaultRule, String> {
    FaultRule::parse(s)
        .ok_or_else(|| format!("{s:?} is not SUFFIX=FAULT[xTIMES] (429[:secs], 500, slow[:ms], truncate)"))
}

pub async fn run(args: Args) -> Result<ExitCode> {
    let timeline = args.timeline.as_deref().map(Timeline::load).transpose().map_err(UsageError)?;
    let options = ReplayOptions { faults: args.faults, max_per_second: args.max_per_second, timeline };
    let server = ReplayServer::start(&args.dir, args.addr, options)
        .await
        .with_context(|| format!("serving {}", args.dir.display()))?;
    server.start_clock();
    super::output::human(|out| writeln!(out, "{}", server.base_url()))?;
    tokio::signal::ctrl_c().await.context("waiting for Ctrl-C")?;
    Ok(ExitCode::SUCCESS)
}
