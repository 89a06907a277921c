//! `minewatch search`: full-text search over every stored filing and release.

use std::process::ExitCode;

use anyhow::Result;
use minewatch::index::{self, IndexError, Query};

use super::{Globals, UsageError, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// e.g. '"HPC lease revenue"', 'colocation AND NOT mining', 'title:release'
    query: String,
    /// Only these tickers (repeatable)
    #[arg(long = "ticker")]
    tickers: Vec<String>,
    /// Only these forms, e.g. 10-Q, 10-Q/A, 8-K (repeatable)
    #[arg(long = "form")]
    forms: Vec<String>,
    /// Filed on or after (YYYY-MM-DD)
    #[arg(long)]
    from: Option<chrono::NaiveDate>,
    /// Filed on or before (YYYY-MM-DD)
    #[arg(long)]
    to: Option<chrono::NaiveDate>,
    #[arg(long, default_value_t = index::DEFAULT_LIMIT)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    #[arg(long)]
    json: bool,
}

/// Runs a search; an unknown ticker or a query that does not parse is bad usage (exit 2).
pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let store = globals.existing_store().await?;
    let config = globals.universe(&store).await?;
    for ticker in &args.tickers {
        Globals::company(&config, ticker)?;
    }
    let query = Query {
        text: args.query,
        tickers: args.tickers,
        forms: args.forms,
        from: args.from,
        to: args.to,
        limit: args.limit,
        offset: args.offset,
    };
    let (index, _) = index::open_repaired(&store).await?;
    let results = match index.search(&query) {
        Err(IndexError::Query(e)) => return Err(UsageError(e.to_string()).into()),
        other => other?,
    };
    if args.json {
        output::json(&results)?;
    } else {
        output::human(|out| output::search_results(out, &results, query.offset))?;
    }
    Ok(ExitCode::SUCCESS)
}
