//! Lines as reported, on real filings: each revenue line of eight real 10-Qs (NVIDIA, IBM,
//! Tesla, Apple, …) is its own series named by its XBRL member, and every figure it lists for a
//! quarter is a fact Arelle 2.47 reads from the same filing for that member (or line concept),
//! period and value (`../shared/corpus/real/arelle/<file>.facts.json`). Named members are checked
//! the other way too: each quarter Arelle reports for them is listed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minewatch::extract::ixbrl::{self, revenue::revenue_facts};
use minewatch::model::{Company, FilerKind, FiscalYearEnd, LineSeries, Segment, TOTAL_CONCEPTS};
use minewatch::resolve::{self, SourcedFact};
use serde::Deserialize;

use crate::support::manifest_dir;

/// One fact as Arelle reported it.
#[derive(Debug, Deserialize)]
struct Arelle {
    concept: String,
    period_start: Option<String>,
    period_end: Option<String>,
    dimensions: BTreeMap<String, String>,
    unit: Option<String>,
    value: Option<String>,
}

/// (filing, fiscal-year end month and day as EDGAR gives it, members that must be lines).
const FILINGS: [(&str, u32, u32, &[&str]); 8] = [
    ("nvda-10-q-2025-08-27.html", 1, 26, &["nvda:DataCenterMember", "nvda:GamingMember", "nvda:AutomotiveMember"]),
    ("ibm-10-q-2025-07-24.html", 12, 31, &["us-gaap:TechnologyServiceMember", "us-gaap:ProductMember"]),
    (
        "tsla-10-q-2025-07-24.html",
        12,
        31,
        &["tsla:AutomotiveSalesMember", "tsla:EnergyGenerationAndStorageSalesMember"],
    ),
    ("aapl-20250329-10q.htm", 9, 27, &["aapl:IPhoneMember", "aapl:MacMember", "aapl:IPadMember"]),
    ("ko-10-q-2025-07-24.html", 12, 31, &[]),
    ("nflx-10-q-2025-07-18.html", 12, 31, &[]),
    ("xom-10-q-2025-08-04.html", 12, 31, &[]),
    ("aeon-20230930x10q.htm", 12, 31, &[]),
];

fn date(text: &Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.as_deref()?, "%Y-%m-%d").ok()
}

/// Arelle's decimal value in whole dollars (as the reader rounds it).
fn whole(value: &str) -> Option<i64> {
    value.parse::<f64>().ok().map(|v| v.round() as i64)
}

fn lines_of(file: &str, month: u32, day: u32) -> Vec<LineSeries> {
    let bytes = std::fs::read(manifest_dir().join("../shared/corpus/real/ixbrl").join(file)).unwrap();
    let facts = revenue_facts(&ixbrl::parse(&bytes).unwrap(), &[], &mut Vec::new());
    let sourced: Vec<SourcedFact> = facts
        .into_iter()
        .map(|fact| SourcedFact { fact, document_id: 1, form: "10-Q".into(), filed: None, url: file.into() })
        .collect();
    let company = Company {
        ticker: "T".into(),
        name: file.into(),
        cik: 1,
        fiscal_year_end: FiscalYearEnd { month, day },
        filer_kind: FilerKind::Domestic,
        overrides: Vec::new(),
        press: Vec::new(),
    };
    resolve::lines(&company, &sourced)
}

fn arelle(file: &str) -> Vec<Arelle> {
    let path = manifest_dir().join("../shared/corpus/real/arelle").join(format!("{file}.facts.json"));
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Whether Arelle reports `line` (a member on some axis, or an undimensioned line concept) over
/// `start`–`end` as USD `value`.
fn arelle_has(facts: &[Arelle], line: &str, start: NaiveDate, end: NaiveDate, value: i64) -> bool {
    facts.iter().any(|a| {
        let named = a.dimensions.values().any(|m| m == line) || (a.dimensions.is_empty() && a.concept == line);
        named
            && a.unit.as_deref() == Some("iso4217:USD")
            && date(&a.period_start) == Some(start)
            && date(&a.period_end) == Some(end)
            && a.value.as_deref().and_then(whole) == Some(value)
    })
}

#[test]
fn every_line_of_the_real_filings_equals_arelles_facts_for_its_member() {
    let mut checked = 0;
    for (file, month, day, members) in FILINGS {
        let lines = lines_of(file, month, day);
        let facts = arelle(file);
        for line in &lines {
            for q in line.quarters.iter().filter(|q| !q.resolved.derived) {
                let (start, end) = (q.period.start, q.period.end);
                assert!(
                    arelle_has(&facts, &line.line, start, end, q.resolved.value_usd),
                    "{file}: line {} {start}–{end} = {} is no fact of Arelle's",
                    line.line,
                    q.resolved.value_usd
                );
                checked += 1;
            }
        }
        for member in members {
            let line = lines.iter().find(|l| l.line == *member);
            let line = line.unwrap_or_else(|| panic!("{file}: no line {member}"));
            // Each three-month revenue figure Arelle reads for the member on the product axis alone.
            let quarters = facts.iter().filter(|a| {
                TOTAL_CONCEPTS.contains(&a.concept.as_str())
                    && a.dimensions.len() == 1
                    && a.dimensions.get("srt:ProductOrServiceAxis").map(String::as_str) == Some(*member)
                    && date(&a.period_start).zip(date(&a.period_end)).is_some_and(|(s, e)| (e - s).num_days() < 100)
            });
            for a in quarters {
                let (start, value) = (date(&a.period_start), a.value.as_deref().and_then(whole));
                assert!(
                    line.quarters.iter().any(|q| Some(q.period.start) == start && Some(q.resolved.value_usd) == value),
                    "{file}: {member} misses Arelle's {:?}–{:?} {:?}",
                    a.period_start,
                    a.period_end,
                    a.value
                );
            }
        }
    }
    assert!(checked >= 60, "only {checked} line quarters checked");
}

/// Core Scientific's releases (in the real shapes of `fixtures/real/`, our words) name one line
/// four ways: "HPC hosting", then "Colocation (formerly HPC hosting)", "High-Density Colocation
/// (HDC, formerly HPC hosting)" and "Colocation" again. The renames each release states keep one
/// series with its history, without any override.
#[test]
fn the_renames_core_scientific_states_keep_one_colocation_line() {
    let releases = [
        ("corz-2025q1-release.html", (2025, 5, 7)),
        ("corz-2025q2-release.html", (2025, 8, 7)),
        ("corz-2025q3-8k-ex991.html", (2025, 11, 5)),
        ("corz-2025q4-release.html", (2026, 2, 26)),
    ];
    let company = Company {
        ticker: "CORZ".into(),
        name: "Core Scientific, Inc.".into(),
        cik: 1839341,
        fiscal_year_end: FiscalYearEnd { month: 12, day: 31 },
        filer_kind: FilerKind::Domestic,
        overrides: Vec::new(),
        press: Vec::new(),
    };
    let mut sourced = Vec::new();
    for (at, (file, (y, m, d))) in releases.into_iter().enumerate() {
        let bytes = std::fs::read(manifest_dir().join("fixtures/real").join(file)).unwrap();
        let filed = NaiveDate::from_ymd_opt(y, m, d);
        let read = minewatch::extract::extract(&bytes, Some(file), Some(&company), filed).unwrap();
        sourced.extend(read.facts.into_iter().map(|fact| SourcedFact {
            fact,
            document_id: at as i64 + 1,
            form: "8-K".into(),
            filed,
            url: file.into(),
        }));
    }
    let lines = resolve::lines(&company, &sourced);
    let hpc: Vec<&LineSeries> = lines.iter().filter(|l| l.class == Segment::Hpc).collect();
    assert_eq!(hpc.len(), 1, "{:#?}", hpc.iter().map(|l| (&l.line, &l.other_names)).collect::<Vec<_>>());
    let line = hpc[0];
    assert_eq!(line.line, "Colocation revenue");
    for name in ["HPC hosting", "High-Density Colocation revenue"] {
        assert!(line.other_names.iter().any(|n| n == name), "{name} not in {:?}", line.other_names);
    }
    // Each release's own quarter (the figures as the releases round them).
    let figures: Vec<(String, i64)> =
        line.quarters.iter().map(|q| (q.quarter.to_string(), q.resolved.value_usd)).collect();
    for (quarter, value) in [("Q2 2025", 10_600_000), ("Q3 2025", 15_000_000), ("Q4 2025", 31_300_000)] {
        assert!(figures.contains(&(quarter.to_string(), value)), "{quarter} {value} not in {figures:?}");
    }
}

/// In the demo world, TeraWulf's HPC line (member in the 10-Q, label in the release) and Core
/// Scientific's colocation line (member, and three release labels the config's `line` override
/// records as one) are one series each.
#[tokio::test]
async fn the_demo_worlds_lines_named_by_member_and_label_are_one_series() {
    let world = crate::support::world();
    let config = crate::support::config("http://127.0.0.1:9");
    let store = minewatch::store::Store::open(&world.dir).await.unwrap();
    // A quarter only the member states and one only a release's label states, in each line.
    let expected = [
        ("WULF", [("Q1 2026", 21_047_000), ("Q4 2025", 9_712_000)]),
        ("CORZ", [("Q1 2026", 77_512_000), ("Q3 2025", 15_017_000)]),
    ];
    for (ticker, figures) in expected {
        let company = config.company(ticker).unwrap();
        let lines = minewatch::pipeline::resolve::lines_of(&store, company).await.unwrap();
        let hpc: Vec<&LineSeries> = lines.iter().filter(|l| l.class == Segment::Hpc).collect();
        let names: Vec<_> = hpc.iter().map(|l| (&l.line, &l.other_names)).collect();
        assert_eq!(hpc.len(), 1, "{ticker}: {names:#?}");
        assert!(hpc[0].line.ends_with("Member") && !hpc[0].other_names.is_empty(), "{ticker}: {names:?}");
        for (quarter, value) in figures {
            let found = hpc[0].quarters.iter().find(|q| q.quarter.to_string() == quarter).map(|q| q.resolved.value_usd);
            assert_eq!(found, Some(value), "{ticker} {quarter}");
        }
    }
}
