//! SIGINT or SIGTERM, as one future every part of a command waits on: a long-running command
//! (`worker`, `watch`, `ingest`, `serve`) ends its work under way at the next await — what was
//! committed stays, what was claimed is given back — and exits 0.

use std::pin::Pin;

use anyhow::{Context, Result};
use futures_util::FutureExt;
use futures_util::future::Shared;
use tokio::signal::unix::{SignalKind, signal};

/// Resolves once SIGINT or SIGTERM arrives; clones resolve together.
pub type Stop = Shared<Pin<Box<dyn Future<Output = ()> + Send>>>;

/// Starts listening for SIGINT and SIGTERM (from now on they no longer kill the process).
pub fn on_signal() -> Result<Stop> {
    let mut interrupt = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
    let mut terminate = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
    let stop: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    });
    Ok(stop.shared())
}
