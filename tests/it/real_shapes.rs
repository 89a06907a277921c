//! `extract` over every document of `fixtures/real/` (the miners' real shapes with their real
//! figures, in our words): the exact set of (segment, period, value, label, extractor) each states.
//!
//! The expected files list every statement of a figure; `extract` gives a prose figure only where
//! no table of the document states that (period, segment), so those expected prose figures are
//! dropped before comparing ([`expected_facts`]). Facts compare as sets: a figure stated
//! twice in the same words is one fact. Documents in [`KNOWN_GAPS`] are not read exactly yet.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::extract_fixtures::expected_facts;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::extract::extract;
use minewatch::model::Segment;

/// Documents not read exactly yet, each with why; the test fails when one of them starts to pass,
/// so that it leaves this list.
const KNOWN_GAPS: &[(&str, &str)] = &[];

type Key = (Segment, NaiveDate, NaiveDate, i64, String, String);

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real")
}

fn expected(path: &Path) -> Result<BTreeSet<Key>> {
    Ok(expected_facts(&path.with_extension("html.expected.json"))?
        .into_iter()
        .map(|e| (e.segment, e.period_start, e.period_end, e.value_usd, e.label, e.extractor))
        .collect())
}

#[test]
fn real_shapes_give_their_expected_facts() -> Result<()> {
    let config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("t t@t.io"))?;
    let mut paths: Vec<PathBuf> = fs::read_dir(folder())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 47, "{} documents", paths.len());
    let (mut failures, mut skipped) = (Vec::new(), Vec::new());
    let (mut facts, mut facts_ok, mut gaps) = (0, 0, 0);
    for path in &paths {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let ticker = name.split('-').next().unwrap_or_default().to_ascii_uppercase();
        let Some(company) = config.company(&ticker) else {
            skipped.push(name);
            continue;
        };
        let got: BTreeSet<Key> = extract(&fs::read(path)?, Some(&name), Some(company), None)
            .with_context(|| format!("extracting {name}"))?
            .facts
            .into_iter()
            .map(|f| (f.segment, f.period.start, f.period.end, f.value_usd, f.label, f.extractor.as_str().to_string()))
            .collect();
        let want = expected(path)?;
        facts += want.len();
        facts_ok += want.intersection(&got).count();
        let known = KNOWN_GAPS.iter().any(|(gap, _)| *gap == name);
        if known && got == want {
            failures.push(format!("{name} now reads exactly: take it off KNOWN_GAPS\n"));
        } else if known {
            gaps += 1;
        } else if got != want {
            failures.push(format!(
                "{name}\n{}{}",
                want.difference(&got).map(|k| format!("  missing: {k:?}\n")).collect::<String>(),
                got.difference(&want).map(|k| format!("  extra:   {k:?}\n")).collect::<String>()
            ));
        }
    }
    if !skipped.is_empty() {
        eprintln!("skipped (ticker not in companies.toml): {skipped:?}");
    }
    eprintln!("{facts_ok} of {facts} expected facts read; {gaps} known gaps");
    assert!(
        failures.is_empty(),
        "{} of {} documents differ ({facts_ok} of {facts} expected facts read):\n{}",
        failures.len(),
        paths.len() - skipped.len(),
        failures.join("\n")
    );
    Ok(())
}

/// Issue 12.5: the miners' real line names, as they renamed them over time, map to their side by
/// the defaults plus the per-company overrides of `companies.toml` (`../shared/facts/README.md`).
#[test]
fn the_miners_real_names_over_time_map_to_their_segments() -> Result<()> {
    use Segment::*;
    use minewatch::extract::segment::classify;
    let config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("t t@t.io"))?;
    let cases: &[(&str, &str, Segment)] = &[
        ("CORZ", "HPC hosting", Hpc),
        ("CORZ", "Colocation revenue", Hpc),
        ("CORZ", "High-Density Colocation (HDC)", Hpc),
        ("CORZ", "Digital asset self-mining revenue", Mining),
        ("CORZ", "Digital asset hosted mining revenue", Hosting),
        ("BTBT", "Revenue from bitcoin mining", Mining),
        ("BTBT", "Cloud services", Hpc),
        ("BTBT", "Colocation services", Hpc),
        ("BTBT", "ETH staking", Other),
        ("IREN", "AI Cloud services", Hpc),
        ("IREN", "Bitcoin mining revenue", Mining),
        ("APLD", "Data Center Hosting", Hosting),
        ("APLD", "HPC Hosting", Hpc),
        ("APLD", "Cloud Services", Hpc),
        ("HUT", "Digital Assets Mining", Mining),
        ("HUT", "Managed Services", Other),
        ("HUT", "High Performance Computing – Colocation and Cloud", Hpc),
        ("HUT", "Power", Other),
        ("HUT", "Digital Infrastructure", Other),
        ("HUT", "Compute", Other),
        ("HIVE", "Revenue from digital currency mining", Mining),
        ("HIVE", "High performance computing hosting revenue", Hpc),
        ("BTDR", "Cloud hash rate", Other),
        ("BTDR", "Sales of mining machines", Other),
        ("GREE", "Cryptocurrency mining revenue", Mining),
        ("GREE", "Datacenter hosting revenue", Hosting),
        ("GREE", "Power and capacity revenue", Other),
        ("RIOT", "Engineering", Other),
        ("RIOT", "Data center hosting revenue", Hosting),
        ("MARA", "Hosting services revenue", Hosting),
        ("SLNH", "Demand response revenue", Other),
        ("SLNH", "High-Performance Computing Services", Hpc),
        ("WULF", "Digital asset revenue", Mining),
        ("WULF", "HPC lease revenue", Hpc),
    ];
    for (ticker, label, want) in cases {
        let company = config.company(ticker).with_context(|| format!("{ticker} in companies.toml"))?;
        assert_eq!(classify(label, &company.overrides), Some(*want), "{ticker}: {label}");
    }
    Ok(())
}
