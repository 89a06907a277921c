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
const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "btbt-2024q3-6k-ex991.html",
        "`●` bullet sentences inside a layout table: the HTML reader gives prose no table text",
    ),
    (
        "mara-2025q3-shareholder-letter.html",
        "tile table cells holding sentences: the HTML reader gives prose no table text",
    ),
    ("btbt-2025q2-r46-segment-table.html", "segments as column headers (table reader)"),
    ("cifr-2025q2-coverage.html", "table with \"Revenue (GAAP)\" row (table reader)"),
    ("hut-2024q2-r13-segment-note.html", "scale and \"Total segment and consolidated revenue\" (table reader)"),
    ("hut-2025q3-r56-details.html", "\"Total segment and consolidated revenue\" read as other (segment rules)"),
    ("iren-fy25q1-tables.html", "summary table (table reader)"),
    ("riot-2025q2-analyst-table.html", "table (table reader); \"$161.4 of Q1 2025\" has no scale"),
    ("corz-fy2024-r43-segment-tables.html", "annual table figures are read (dated); the expected file lists none"),
    ("gree-2023q2-10q-digest.html", "dated six-month total and its comparison are read; the expected file lists none"),
    ("hive-fy24q3-release.html", "label keeps \"GPU-powered\"; the expected file drops it"),
    ("wulf-2025q3-coverage.html", "\"the top line\" is not read as revenue"),
];

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
        let got: BTreeSet<Key> = extract(&fs::read(path)?, Some(&name), Some(company))
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
