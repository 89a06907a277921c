//! Lines as reported: every revenue line a company reports kept as its own quarterly series,
//! named as the filer names it — its XBRL member (or line concept), or a table's or sentence's
//! label — beside the classes (mining, HPC, hosting, other), which are one classification of the
//! same lines. A line is resolved exactly as a class is ([`super::resolve`]: the strongest
//! source, disagreements kept, quarters derived from year-to-date figures), over its own facts.

use std::collections::BTreeMap;

use super::{SourcedFact, resolve};
use crate::model::{Company, LineQuarter, LineSeries, Segment};

/// Every line of `facts` (totals are no line), by name, each with its quarterly series.
pub fn lines(company: &Company, facts: &[SourcedFact]) -> Vec<LineSeries> {
    let mut by_line: BTreeMap<String, Vec<&SourcedFact>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.fact.segment != Segment::Total) {
        by_line.entry(line_key(&f.fact.label)).or_default().push(f);
    }
    by_line.into_values().filter_map(|facts| series(company, &facts)).collect()
}

/// A line's name compared across documents: case and spacing aside ("HPC lease revenue" in one
/// release and "HPC Lease Revenue" in the next are one line).
fn line_key(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One line's series: its facts resolved as one class, named and classed as last reported.
fn series(company: &Company, facts: &[&SourcedFact]) -> Option<LineSeries> {
    let latest = facts.iter().max_by_key(|f| (f.filed, f.document_id))?;
    // Resolved under one class, so that its facts are this line's whole.
    let one_class: Vec<SourcedFact> = facts
        .iter()
        .map(|&f| {
            let mut f = f.clone();
            f.fact.segment = Segment::Other;
            f
        })
        .collect();
    let quarters = resolve(company, &one_class)
        .into_iter()
        .filter_map(|q| {
            let resolved = q.segments.get(&Segment::Other)?.clone();
            Some(LineQuarter { quarter: q.quarter, period: q.period, resolved })
        })
        .collect();
    Some(LineSeries { line: latest.fact.label.trim().to_string(), class: latest.fact.segment, quarters })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Extractor, Fact, FilerKind, FiscalYearEnd, Period};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn fact(doc: i64, filed: NaiveDate, label: &str, segment: Segment, period: Period, value: i64) -> SourcedFact {
        SourcedFact {
            fact: Fact {
                segment,
                period,
                value_usd: value,
                label: label.into(),
                concept: Some("us-gaap:Revenues".into()),
                extractor: Extractor::Ixbrl,
                confidence: 1.0,
                raw_text: value.to_string(),
            },
            document_id: doc,
            form: "10-Q".into(),
            filed: Some(filed),
            url: format!("https://www.sec.gov/doc{doc}"),
        }
    }

    /// A line's name, class and (quarter, value, derived) per quarter.
    type LineView = (String, Segment, Vec<(u8, i64, bool)>);

    #[test]
    fn each_member_is_its_own_series_with_its_class_and_derived_quarters() {
        let company = Company {
            ticker: "CHIP".into(),
            name: "Chip".into(),
            cik: 1,
            fiscal_year_end: FiscalYearEnd { month: 12, day: 31 },
            filer_kind: FilerKind::Domestic,
            overrides: vec![],
            press: vec![],
        };
        let q1 = Period { start: d(2025, 1, 1), end: d(2025, 3, 31) };
        let q2 = Period { start: d(2025, 4, 1), end: d(2025, 6, 30) };
        let h1 = Period { start: d(2025, 1, 1), end: d(2025, 6, 30) };
        let facts = [
            fact(1, d(2025, 5, 1), "x:DataCenterMember", Segment::Hpc, q1, 100),
            fact(1, d(2025, 5, 1), "x:GamingMember", Segment::Other, q1, 80),
            fact(1, d(2025, 5, 1), "us-gaap:Revenues", Segment::Total, q1, 180),
            fact(2, d(2025, 8, 1), "x:DataCenterMember", Segment::Hpc, h1, 230),
            fact(2, d(2025, 8, 1), "x:gamingmember", Segment::Other, q2, 70),
        ];
        let lines = lines(&company, &facts);
        let view: Vec<LineView> = lines
            .iter()
            .map(|l| {
                let quarters = l.quarters.iter().map(|q| (q.quarter.quarter, q.resolved.value_usd, q.resolved.derived));
                (l.line.clone(), l.class, quarters.collect())
            })
            .collect();
        assert_eq!(
            view,
            [
                ("x:DataCenterMember".to_string(), Segment::Hpc, vec![(1, 100, false), (2, 130, true)]),
                ("x:gamingmember".to_string(), Segment::Other, vec![(1, 80, false), (2, 70, false)]),
            ]
        );
    }
}
