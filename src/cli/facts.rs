//! `minewatch facts`: a company's resolved series (by class, or `--lines` as reported), every company's latest quarter, or the values
//! whose sources disagree; `--csv` exports the series for spreadsheets.

use std::process::ExitCode;

use anyhow::Result;

use super::{Globals, output};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    ticker: Option<String>,
    /// Only the values whose sources disagree by more than 1%, or whose document's lines miss its total
    #[arg(long, conflicts_with = "ticker")]
    disagreements: bool,
    /// Every revenue line as the company reports it (XBRL member or label), each its own series
    /// with its class, instead of the classes
    #[arg(long, requires = "ticker", conflicts_with_all = ["csv", "disagreements"])]
    lines: bool,
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Every resolved value (of --ticker, else of every company) as CSV: one row per company,
    /// quarter and class, with its value and source URL
    #[arg(long, conflicts_with = "disagreements")]
    csv: bool,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let store = globals.existing_store().await?;
    let config = globals.universe(&store).await?;
    let company = args.ticker.as_deref().map(|t| Globals::company(&config, t)).transpose()?;
    if args.csv {
        let companies = company.map_or_else(|| config.companies.clone(), |c| vec![c.clone()]);
        return output::csv(&minewatch::export::series(&store, &companies).await?);
    }
    match company {
        Some(company) if args.lines => {
            let lines = minewatch::pipeline::resolve::lines_of(&store, company).await?;
            if args.json { output::json(&lines)? } else { output::human(|out| output::lines(out, company, &lines))? }
        }
        Some(company) if args.json => output::json(&store.named_series(company).await?)?,
        Some(company) => {
            let series = store.series(&company.ticker).await?;
            output::human(|out| output::series(out, company, &series))?;
        }
        None if args.disagreements => {
            let rows = store.disagreements().await?;
            if args.json { output::json(&rows)? } else { output::human(|out| output::disagreements(out, &rows))? }
        }
        None => {
            let rows = store.latest_quarters().await?;
            if args.json { output::json(&rows)? } else { output::human(|out| output::latest(out, &rows))? }
        }
    }
    Ok(ExitCode::SUCCESS)
}
