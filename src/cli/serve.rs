//! `minewatch serve`: the JSON API, the Atom feed and the web pages over the data dir.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Result;
use minewatch::serve;

use super::Globals;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to listen; loopback unless told otherwise. A token (`[serve] token` or
    /// $MINEWATCH_TOKEN) then guards every request.
    #[arg(long, default_value = serve::DEFAULT_ADDR)]
    addr: SocketAddr,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let config = globals.config()?;
    let store = globals.existing_store().await?;
    let listener = serve::bind(args.addr).await?;
    let state = serve::AppState::open(store, &config, config.serve.token()).await?;
    eprintln!("serving on http://{}", listener.local_addr()?);
    serve::serve(listener, state).await?;
    Ok(ExitCode::SUCCESS)
}
