//! `minewatch follow TICKER|CIK` and `minewatch unfollow TICKER`: grow or shrink the universe
//! the store follows, without editing `companies.toml`.

use std::process::ExitCode;

use anyhow::Result;
use minewatch::crawl::filer::{FilerError, FilerId};
use minewatch::model::PivotRule;
use minewatch::pipeline::universe::{self, FollowError};

use super::{Globals, UsageError, output};

#[derive(Debug, clap::Args)]
pub struct FollowArgs {
    /// A ticker (NVDA) or a CIK (1045810), as EDGAR's company list has it
    id: String,
    /// A pivot rule to watch it under, as "Data Center > Gaming" or "hpc > mining + hosting"
    /// (repeatable; kept in the store beside the config's `[[pivot]]` rules)
    #[arg(long = "pivot", value_name = "RULE")]
    pivots: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct UnfollowArgs {
    /// The ticker of a followed company
    ticker: String,
}

/// Reads the company from EDGAR and follows it, under the `--pivot` rules given; an unknown
/// ticker or a rule that does not read is bad usage (exit 2), an EDGAR answer that cannot be
/// used an error naming the URL (exit 1).
pub async fn follow(args: FollowArgs, globals: &Globals) -> Result<ExitCode> {
    let Some(id) = FilerId::parse(&args.id) else {
        return Err(UsageError(format!("{:?} is neither a ticker nor a CIK", args.id)).into());
    };
    let mut pivots = Vec::with_capacity(args.pivots.len());
    for text in &args.pivots {
        let rule = PivotRule::parse(text).map_err(|e| UsageError(format!("--pivot {text:?}: {e}")))?;
        pivots.push(rule);
    }
    let config = globals.config()?;
    config.user_agent()?;
    let store = globals.store().await?;
    let company = match universe::follow(&config, &store, &id, &pivots).await {
        Err(e @ FollowError::Filer { source: FilerError::UnknownTicker { .. }, .. }) => {
            return Err(UsageError(e.to_string()).into());
        }
        other => other?,
    };
    if args.json {
        output::json(&company)?;
    } else {
        output::human(|out| output::followed(out, &company))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Stops following a company; one not followed is bad usage (exit 2).
pub async fn unfollow(args: UnfollowArgs, globals: &Globals) -> Result<ExitCode> {
    let store = globals.store().await?;
    if !universe::unfollow(&store, &args.ticker).await? {
        return Err(
            UsageError(format!("{} is not followed (`minewatch status` lists the universe)", args.ticker)).into()
        );
    }
    println!("unfollowed {} (its documents and series stay in the store)", args.ticker.trim().to_ascii_uppercase());
    Ok(ExitCode::SUCCESS)
}
