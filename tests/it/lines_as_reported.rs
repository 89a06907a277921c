//! Lines as reported, on real filings: each revenue line of eight real 10-Qs (NVIDIA, IBM,
//! Tesla, Apple, …) is its own series named by its XBRL member, and every figure it lists for a
//! quarter is a fact Arelle 2.47 reads from the same filing for that member (or line concept),
//! period and value (`../shared/corpus/real/arelle/<file>.facts.json`). Named members are checked
//! the other way too: each quarter Arelle reports for them is listed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minewatch::extract::ixbrl::{self, revenue::revenue_facts};
use minewatch::model::{Company, FilerKind, FiscalYearEnd, LineSeries, TOTAL_CONCEPTS};
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
