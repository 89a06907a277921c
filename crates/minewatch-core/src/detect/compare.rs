//! A pivot rule applied to a company's figures: quarter by quarter, the sum of the rule's rising
//! terms against the sum of its falling terms, with the facts behind each figure.
//!
//! A class term reads the resolved series; a line term reads the lines as reported, by any name
//! the line went by (its member, its releases' labels, its names before a rename). A release's
//! label that could not be joined to its member's line is a line of its own, and both may match
//! the term, so a term takes each quarter from one of them, never their sum: the member's where
//! the filings state the quarter (the series' own preference for iXBRL), else the first label
//! that does.

use std::collections::BTreeMap;

use super::Reading;
use crate::model::{
    Evidence, FiscalQuarter, LineSeries, Period, PivotRule, PivotTerm, Resolved, ResolvedQuarter, Segment,
};

/// One quarter of a rule's comparison.
#[derive(Debug, Clone)]
pub(super) struct Compared {
    pub quarter: FiscalQuarter,
    pub period: Period,
    pub reading: Reading,
    /// The facts behind both sides' figures, the rising side's first, term by term.
    pub sources: Vec<Evidence>,
}

/// The rule's comparison over every quarter the terms it reads report, oldest first. A rule of
/// classes only reads the resolved series' quarters alone.
pub(super) fn series(rule: &PivotRule, resolved: &[ResolvedQuarter], lines: &[LineSeries]) -> Vec<Compared> {
    let matched: Vec<Vec<&LineSeries>> = rule.rising.iter().chain(&rule.falling).map(|t| matching(t, lines)).collect();
    let mut quarters: BTreeMap<FiscalQuarter, Period> = resolved.iter().map(|q| (q.quarter, q.period)).collect();
    for line in matched.iter().flatten() {
        quarters.extend(line.quarters.iter().map(|q| (q.quarter, q.period)));
    }
    let by_quarter: BTreeMap<FiscalQuarter, &ResolvedQuarter> = resolved.iter().map(|q| (q.quarter, q)).collect();
    quarters
        .into_iter()
        .map(|(quarter, period)| {
            let class_quarter = by_quarter.get(&quarter).copied();
            let mut sources = Vec::new();
            let mut sums = [None, None];
            for (at, term) in rule.rising.iter().chain(&rule.falling).enumerate() {
                let Some((class, found)) = figure(term, &matched[at], class_quarter, quarter) else { continue };
                sources.extend(found.chosen().map(|source| Evidence::of(class, found.derived, source)));
                let sum: &mut Option<i64> = &mut sums[usize::from(at >= rule.rising.len())];
                *sum = Some(sum.unwrap_or(0).saturating_add(found.value_usd));
            }
            Compared { quarter, period, reading: Reading { rising: sums[0], falling: sums[1] }, sources }
        })
        .collect()
}

/// The lines a term names, members first.
fn matching<'a>(term: &PivotTerm, lines: &'a [LineSeries]) -> Vec<&'a LineSeries> {
    let mut matched: Vec<&LineSeries> =
        lines.iter().filter(|l| std::iter::once(&l.line).chain(&l.other_names).any(|n| term.names_line(n))).collect();
    matched.sort_by_key(|l| !l.line.contains(':'));
    matched
}

/// A term's figure in `quarter`, with the class its evidence is filed under.
fn figure<'a>(
    term: &PivotTerm,
    lines: &[&'a LineSeries],
    class_quarter: Option<&'a ResolvedQuarter>,
    quarter: FiscalQuarter,
) -> Option<(Segment, &'a Resolved)> {
    match term {
        PivotTerm::Class(segment) => Some((*segment, class_quarter?.segments.get(segment)?)),
        PivotTerm::Line(_) => lines.iter().find_map(|line| {
            let found = line.quarters.iter().find(|q| q.quarter == quarter)?;
            Some((line.class, &found.resolved))
        }),
    }
}
