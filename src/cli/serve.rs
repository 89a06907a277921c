//! `minewatch serve`: the JSON API, the Atom feed and the web pages over the data dir, with the
//! search index caught up beside them (what other processes store), until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Result;
use minewatch::pipeline::index;
use minewatch::serve;

use super::{Globals, UsageError, stop};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to listen; loopback unless told otherwise. A token (`[serve] token` or
    /// $MINEWATCH_TOKEN) then guards every request.
    #[arg(long, default_value = serve::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Serve a non-loopback address without a token (anyone who reaches it reads everything)
    #[arg(long)]
    public: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let config = globals.config()?;
    let token = config.serve.token();
    if !args.addr.ip().is_loopback() && token.is_none() && !args.public {
        let why = format!(
            "refusing to serve {} without a token: set [serve] token or $MINEWATCH_TOKEN, or pass --public",
            args.addr
        );
        return Err(UsageError(why).into());
    }
    let store = globals.existing_store().await?;
    let listener = serve::bind(args.addr).await?;
    let state = serve::AppState::open(store.clone(), &config, token).await?;
    eprintln!("serving on http://{}", listener.local_addr()?);
    // SIGINT or SIGTERM stops both: the server once its requests under way are answered, the
    // index's catch-up between two passes.
    let stop = stop::on_signal()?;
    let (served, ()) = tokio::join!(serve::serve(listener, state, stop.clone()), index::catch_up(&store, stop));
    served?;
    Ok(ExitCode::SUCCESS)
}
