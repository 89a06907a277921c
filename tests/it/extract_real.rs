//! `extract` over the real press releases in `../shared/corpus/real/press-releases/` (none is a
//! miner's, but their layouts are real), and over documents built to be too big.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use minewatch::extract::{ExtractError, extract};
use minewatch::model::{Extractor, Period, Segment};

fn releases() -> Result<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/press-releases");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    Ok(paths)
}

fn period(start: (i32, u32, u32), end: (i32, u32, u32)) -> Period {
    let d = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    Period { start: d(start), end: d(end) }
}

#[test]
fn real_press_releases_read_without_error() -> Result<()> {
    let paths = releases()?;
    assert_eq!(paths.len(), 7);
    for path in paths {
        extract(&fs::read(&path)?, Some("text/html"), None, None).with_context(|| format!("{}", path.display()))?;
    }
    Ok(())
}

/// Buckle's income statement: "SALES, Net of returns and allowances" in thousands, under
/// "Thirteen Weeks Ended" / "Thirty-Nine Weeks Ended" headers of a 52/53-week calendar.
#[test]
fn buckle_sales_read_from_its_income_statement() -> Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/press-releases");
    let got = extract(&fs::read(dir.join("buckle-8k-ex99-1.html"))?, Some("text/html"), None, None)?;
    let facts: Vec<_> = got.facts.iter().map(|f| (f.period, f.value_usd)).collect();
    #[rustfmt::skip]
    assert_eq!(facts, vec![
        (period((2024, 8, 4), (2024, 11, 2)), 293_618_000),
        (period((2023, 7, 30), (2023, 10, 28)), 303_457_000),
        (period((2024, 2, 4), (2024, 11, 2)), 838_490_000),
        (period((2023, 1, 29), (2023, 10, 28)), 878_719_000),
        // The text's own line, which no table states: "Online sales increased … to $46.6 million
        // for the 13-week fiscal quarter". Its 39-week figure is no quarter's.
        (period((2024, 8, 4), (2024, 11, 2)), 46_600_000),
    ]);
    let kinds: Vec<_> = got.facts.iter().map(|f| (f.segment, f.extractor)).collect();
    assert!(kinds[..4].iter().all(|&k| k == (Segment::Total, Extractor::HtmlTable)));
    assert_eq!(kinds[4], (Segment::Other, Extractor::Prose));
    assert_eq!(got.facts[0].label, "SALES, Net of returns and allowances");
    assert_eq!(got.facts[0].raw_text, "293,618");
    Ok(())
}

#[test]
fn a_100_mb_table_is_refused_quickly() {
    let row = "<tr><td>Total revenue</td><td>$</td><td>1,234</td></tr>";
    let doc = format!("<table>{}</table>", row.repeat(100 * 1024 * 1024 / row.len()));
    let started = Instant::now();
    assert!(matches!(extract(doc.as_bytes(), None, None, None), Err(ExtractError::TooLarge { .. })));
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn a_table_past_the_cell_limit_is_a_warning() -> Result<()> {
    let row = "<tr><td>Total revenue</td><td>$</td><td>1,234</td></tr>";
    let doc = format!("<p>Three months ended March 31, 2026</p><table>{}</table>", row.repeat(100_000));
    let got = extract(doc.as_bytes(), None, None, None)?;
    assert!(got.facts.is_empty());
    assert!(got.warnings.iter().any(|w| w.contains("exceeds")), "{:?}", got.warnings);
    Ok(())
}
