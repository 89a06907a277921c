//! `minewatch extract`: the facts of one local document (no store touched), or every stored
//! document re-extracted and every company re-resolved (no HTTP request).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use minewatch::extract;
use minewatch::model::Company;
use minewatch::pipeline;

use super::Globals;
use super::output::{self, FactLine};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An iXBRL, HTML or PDF document
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    file: Option<PathBuf>,
    /// Read with this company's fiscal calendar and label overrides
    #[arg(long)]
    company: Option<String>,
    /// The day the document was published (YYYY-MM-DD), as a crawl records it: it places a
    /// quarter the text names without a year
    #[arg(long, conflicts_with = "all")]
    published: Option<NaiveDate>,
    /// `revenue`: segment revenue facts; `all`: every numeric iXBRL fact, as Arelle reports them
    #[arg(long, value_enum, default_value_t = FactSet::Revenue)]
    facts: FactSet,
    /// Re-extract every stored document (no HTTP request) and re-resolve every company
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FactSet {
    Revenue,
    All,
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    let config = globals.config()?;
    let Some(file) = args.file else {
        let store = globals.existing_store().await?;
        let summary = pipeline::extract::extract_all(&globals.universe(&store).await?, &store).await?;
        if args.json {
            output::json(&summary)?
        } else {
            output::human(|out| output::extract_summary(out, &summary))?
        }
        return Ok(if summary.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    };
    let company = args.company.as_deref().map(|t| Globals::company(&config, t)).transpose()?;
    extract_file(&file, company, args.published, args.facts, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// The facts of one local document, without touching any store.
fn extract_file(
    file: &Path,
    company: Option<&Company>,
    published: Option<NaiveDate>,
    set: FactSet,
    json: bool,
) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    match set {
        FactSet::All => {
            let facts =
                extract::ixbrl::parse(&bytes).with_context(|| format!("{name}: not readable as inline XBRL"))?;
            if json { output::json(&facts) } else { output::human(|out| output::xbrl_facts(out, &facts)) }
        }
        FactSet::Revenue => {
            let read = extract::extract(&bytes, Some(&name), company, published)
                .with_context(|| format!("{name}: cannot extract"))?;
            for warning in &read.warnings {
                eprintln!("warning: {name}: {warning}");
            }
            let facts: Vec<FactLine<'_>> = read.facts.iter().map(FactLine::from).collect();
            if json { output::json(&facts) } else { output::human(|out| output::facts(out, &facts)) }
        }
    }
}
