//! The demo world: the bundled EDGAR and newswire fixtures replayed on loopback, and a config
//! aimed at them, so `minewatch demo` runs the whole pipeline without a network; [`live`] plays an
//! earnings morning on it.

pub mod live;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::config::{Config, MAX_RATE_PER_SECOND};
use crate::replay::{ReplayOptions, ReplayServer, Timeline};

/// The demo's User-Agent: it only ever talks to the replay servers on loopback.
pub const USER_AGENT: &str = "minewatch-demo (demo@minewatch.invalid)";
/// Where the demo keeps its store unless told otherwise.
pub const DEFAULT_DATA_DIR: &str = "minewatch-demo";
/// The bundled EDGAR world.
pub const EDGAR_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/edgar");
/// The bundled newswire and IR world.
pub const PRESS_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press");

/// Why the demo world could not start.
#[derive(Debug, thiserror::Error)]
#[error("starting the replay server on {dir}: {source}")]
pub struct DemoError {
    dir: PathBuf,
    source: std::io::Error,
}

/// Two replay servers on 127.0.0.1: EDGAR, and every press host; they stop when dropped.
#[derive(Debug)]
pub struct DemoWorld {
    pub edgar: ReplayServer,
    pub press: ReplayServer,
}

impl DemoWorld {
    /// Serves `edgar` and `press` (folders shaped like `fixtures/edgar` and `fixtures/press`).
    pub async fn start(edgar: &Path, press: &Path) -> Result<DemoWorld, DemoError> {
        DemoWorld::start_with(edgar, press, None).await
    }

    /// [`DemoWorld::start`], with both servers following `timeline` once [`DemoWorld::start_clock`].
    pub async fn start_with(edgar: &Path, press: &Path, timeline: Option<Timeline>) -> Result<DemoWorld, DemoError> {
        let live = ReplayOptions { timeline, ..ReplayOptions::default() };
        Ok(DemoWorld { edgar: serve(edgar, live.clone()).await?, press: serve(press, live).await? })
    }

    /// Starts the timeline on both servers at once.
    pub fn start_clock(&self) -> std::time::Instant {
        let started = self.edgar.start_clock();
        self.press.start_clock();
        started
    }

    /// Points `config` at the replay servers, at the full polite rate (loopback costs nobody).
    pub fn aim(&self, config: &mut Config) {
        config.aim_at(&self.edgar.base_url());
        config.aim_press_at(&self.press.base_url());
        config.crawl.rate_per_second = MAX_RATE_PER_SECOND;
    }
}

async fn serve(dir: &Path, options: ReplayOptions) -> Result<ReplayServer, DemoError> {
    ReplayServer::start(dir, SocketAddr::from(([127, 0, 0, 1], 0)), options)
        .await
        .map_err(|source| DemoError { dir: dir.to_path_buf(), source })
}
