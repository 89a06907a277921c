//! `extract` over every fixture document that has an `<doc>.expected.json` beside it — EDGAR
//! filings, newswire releases and PDFs: the exact set of (segment, period, value, extractor)
//! each document states.
//!
//! The expected files list every figure a document states, prose included; `extract` returns a
//! prose figure only where no table of the same document states that (period, segment), so the
//! expected prose figures a table also states are dropped before comparing.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use minewatch::extract::{Kind, extract, sniff};
use minewatch::model::{Company, FilerKind, FiscalYearEnd, Segment};
use serde::Deserialize;

/// One fact of an `<doc>.expected.json`.
#[derive(Debug, Deserialize)]
pub struct Expected {
    pub segment: Segment,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value_usd: i64,
    #[serde(default)]
    pub label: String,
    pub extractor: String,
}

type Key = (Segment, NaiveDate, NaiveDate, i64, String);

fn fixtures(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(folder)
}

/// Whose document a fixture is: EDGAR paths carry the CIK; releases and PDFs name the company.
fn company_of<'a>(path: &Path, companies: &'a [Company]) -> Option<&'a Company> {
    const NAMED: [(&str, &str); 5] = [
        ("terawulf", "WULF"),
        ("core-scientific", "CORZ"),
        ("iren", "IREN"),
        ("applied-digital", "APLD"),
        ("bitdigital", "BTBT"),
    ];
    let cik: Option<u64> = path.iter().skip_while(|c| *c != "data").nth(1).and_then(|c| c.to_str()?.parse().ok());
    let lower = path.to_string_lossy().to_ascii_lowercase();
    let named = NAMED.iter().find(|(hint, _)| lower.contains(hint)).map(|(_, ticker)| *ticker);
    companies.iter().find(|c| Some(c.cik) == cik || Some(c.ticker.as_str()) == named)
}

/// Every fixture document with an expected file, sorted.
fn documents(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            documents(&path, out)?;
        } else if path.with_file_name(format!("{}.expected.json", file_name(&path))).exists() {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The companies of `../shared/facts/companies.csv`: ticker, name, cik, fiscal_year_end, ….
fn companies() -> Result<Vec<Company>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/facts/companies.csv");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .skip(1)
        .map(|line| {
            let fields = csv_fields(line);
            let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
            let (month, day) =
                field(3).split_once('-').map(|(m, d)| (m.to_string(), d.to_string())).unwrap_or_default();
            Ok(Company {
                ticker: field(0),
                name: field(1),
                cik: field(2).parse().with_context(|| format!("cik in {line}"))?,
                fiscal_year_end: FiscalYearEnd { month: month.parse()?, day: day.parse()? },
                filer_kind: FilerKind::Domestic,
                overrides: Vec::new(),
                press: Vec::new(),
            })
        })
        .collect()
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => fields.last_mut().into_iter().for_each(|f| f.push(c)),
        }
    }
    fields
}

fn expected(path: &Path) -> Result<BTreeSet<Key>> {
    let json_path = path.with_file_name(format!("{}.expected.json", file_name(path)));
    Ok(expected_facts(&json_path)?
        .into_iter()
        .map(|e| (e.segment, e.period_start, e.period_end, e.value_usd, e.extractor))
        .collect())
}

/// The facts of an expected file that `extract` gives: all but the prose figures whose
/// (period, segment) a table of the same document states.
pub fn expected_facts(json_path: &Path) -> Result<Vec<Expected>> {
    let all: Vec<Expected> =
        serde_json::from_slice(&fs::read(json_path)?).with_context(|| format!("parsing {}", json_path.display()))?;
    let stated: HashSet<_> =
        all.iter().filter(|e| e.extractor != "prose").map(|e| (e.segment, e.period_start, e.period_end)).collect();
    Ok(all
        .into_iter()
        .filter(|e| e.extractor != "prose" || !stated.contains(&(e.segment, e.period_start, e.period_end)))
        .collect())
}

/// Runs every document of `folder` whose kind is `kind` and lists each mismatch.
fn check(folder: &str, kind: Kind) -> Result<usize> {
    let companies = companies()?;
    let mut docs = Vec::new();
    documents(&fixtures(folder), &mut docs)?;
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in docs {
        let bytes = fs::read(&path)?;
        let name = file_name(&path);
        if sniff(&bytes, Some(&name)) != kind {
            continue;
        }
        checked += 1;
        let got: BTreeSet<Key> = extract(&bytes, Some(&name), company_of(&path, &companies), None)
            .with_context(|| format!("extracting {}", path.display()))?
            .facts
            .into_iter()
            .map(|f| (f.segment, f.period.start, f.period.end, f.value_usd, f.extractor.as_str().to_string()))
            .collect();
        let want = expected(&path)?;
        if got != want {
            failures.push(format!(
                "{}\n  missing: {:?}\n  extra:   {:?}",
                path.display(),
                want.difference(&got).collect::<Vec<_>>(),
                got.difference(&want).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {checked} documents differ:\n{}", failures.len(), failures.join("\n"));
    Ok(checked)
}

#[test]
fn edgar_press_release_fixtures_give_their_expected_facts() -> Result<()> {
    assert!(check("edgar/Archives", Kind::Html)? > 20);
    Ok(())
}

#[test]
fn ixbrl_fixtures_give_their_expected_facts() -> Result<()> {
    assert!(check("edgar/Archives", Kind::Ixbrl)? > 10);
    Ok(())
}

#[test]
fn newswire_fixtures_give_their_expected_facts() -> Result<()> {
    assert!(check("press", Kind::Html)? >= 10);
    assert_eq!(check("press", Kind::Pdf)?, 1);
    Ok(())
}

#[test]
fn pdf_fixtures_give_their_expected_facts() -> Result<()> {
    assert_eq!(check("pdf", Kind::Pdf)?, 6);
    Ok(())
}
