//! The iXBRL reader against Arelle: every numeric fact of eight real 10-Q filings must come out
//! as Arelle 2.47 reports it (`../shared/corpus/real/arelle/<file>.facts.json`, see `make.py`).
//!
//! Facts are compared as multisets (Arelle reports duplicates separately). One deliberate
//! difference: the Arelle run had no SEC transforms plug-in, so it reports facts formatted with
//! `ixt-sec:numwordsen` ("one", "no") as `(ixTransformValueError)`; such an expected value matches
//! any value, and the words themselves are checked in the reader's unit tests.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, ensure};
use minewatch::extract::ixbrl;
use minewatch::model::XbrlFact;
use serde::Deserialize;

/// What Arelle writes when it has no implementation of a fact's format.
const TRANSFORM_UNAVAILABLE: &str = "(ixTransformValueError)";

/// One fact as `make.py` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
struct Fact {
    concept: String,
    period_start: Option<String>,
    period_end: Option<String>,
    dimensions: BTreeMap<String, String>,
    unit: Option<String>,
    decimals: Option<String>,
    value: Option<String>,
}

impl From<XbrlFact> for Fact {
    fn from(f: XbrlFact) -> Fact {
        Fact {
            concept: f.concept,
            period_start: f.period_start.map(|d| d.to_string()),
            period_end: Some(f.period_end.to_string()),
            dimensions: f.dimensions,
            unit: f.unit,
            decimals: f.decimals,
            value: f.value,
        }
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real")
}

/// Removes one fact equal to `fact` (an expected `(ixTransformValueError)` value matching any
/// value) from `pool`, counted by occurrences.
fn take(pool: &mut HashMap<Fact, usize>, fact: &Fact) -> bool {
    let key = if fact.value.as_deref() == Some(TRANSFORM_UNAVAILABLE) {
        pool.iter()
            .find(|(f, n)| **n > 0 && Fact { value: fact.value.clone(), ..(*f).clone() } == *fact)
            .map(|(f, _)| f.clone())
    } else {
        Some(fact.clone()).filter(|f| pool.get(f).is_some_and(|n| *n > 0))
    };
    let Some(count) = key.and_then(|k| pool.get_mut(&k)) else {
        return false;
    };
    *count -= 1;
    true
}

fn check(file: &str, expected_count: usize) -> Result<()> {
    let bytes = std::fs::read(corpus().join("ixbrl").join(file)).with_context(|| format!("reading {file}"))?;
    let json = std::fs::read(corpus().join("arelle").join(format!("{file}.facts.json")))?;
    let expected: Vec<Fact> = serde_json::from_slice(&json)?;
    ensure!(expected.len() == expected_count, "{file}: Arelle's file holds {} facts", expected.len());

    let parsed = ixbrl::parse_detailed(&bytes).with_context(|| format!("parsing {file}"))?;
    let skipped: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    let got: Vec<Fact> = parsed.facts.into_iter().map(Fact::from).collect();

    let mut pool: HashMap<Fact, usize> = HashMap::new();
    for fact in &got {
        *pool.entry(fact.clone()).or_default() += 1;
    }
    // Exact expectations first, so that a wildcard never takes a fact an exact one needs.
    let (wild, exact): (Vec<&Fact>, Vec<&Fact>) =
        expected.iter().partition(|f| f.value.as_deref() == Some(TRANSFORM_UNAVAILABLE));
    let missing: Vec<&Fact> = exact.into_iter().chain(wild).filter(|f| !take(&mut pool, f)).collect();
    let mut extra: Vec<Fact> = pool.into_iter().flat_map(|(f, n)| std::iter::repeat_n(f, n)).collect();
    extra.sort();

    let matched = expected.len() - missing.len();
    println!("{file}: {matched}/{} facts match Arelle ({} read, {} skipped)", expected.len(), got.len(), skipped.len());
    if missing.is_empty() && extra.is_empty() {
        return Ok(());
    }
    let show = |facts: Vec<String>| facts.into_iter().take(8).collect::<Vec<_>>().join("\n  ");
    anyhow::bail!(
        "{file}: {matched}/{} facts match Arelle\nmissing ({}):\n  {}\nunexpected ({}):\n  {}\nskipped ({}):\n  {}",
        expected.len(),
        missing.len(),
        show(missing.iter().map(|f| format!("{f:?}")).collect()),
        extra.len(),
        show(extra.iter().map(|f| format!("{f:?}")).collect()),
        skipped.len(),
        show(skipped),
    )
}

#[test]
fn ixbrl_aapl_matches_arelle() -> Result<()> {
    check("aapl-20250329-10q.htm", 674)
}

/// The file starts with a blank line before its XML declaration, which Arelle itself refuses;
/// Arelle's facts were made from the same bytes without it.
#[test]
fn ixbrl_aeon_with_leading_blank_line_matches_arelle() -> Result<()> {
    check("aeon-20230930x10q.htm", 1002)
}

#[test]
fn ixbrl_ibm_matches_arelle() -> Result<()> {
    check("ibm-10-q-2025-07-24.html", 2275)
}

#[test]
fn ixbrl_ko_matches_arelle() -> Result<()> {
    check("ko-10-q-2025-07-24.html", 1589)
}

#[test]
fn ixbrl_nflx_matches_arelle() -> Result<()> {
    check("nflx-10-q-2025-07-18.html", 1185)
}

#[test]
fn ixbrl_nvda_matches_arelle() -> Result<()> {
    check("nvda-10-q-2025-08-27.html", 948)
}

#[test]
fn ixbrl_tsla_matches_arelle() -> Result<()> {
    check("tsla-10-q-2025-07-24.html", 1102)
}

#[test]
fn ixbrl_xom_matches_arelle() -> Result<()> {
    check("xom-10-q-2025-08-04.html", 1537)
}
