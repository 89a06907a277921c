//! Lines as reported: every revenue line a company reports kept as its own quarterly series,
//! named as the filer names it — its XBRL member (or line concept), or a table's or sentence's
//! label — beside the classes (mining, HPC, hosting, other), which are one classification of the
//! same lines. A line is resolved exactly as a class is ([`super::resolve`]: the strongest
//! source, disagreements kept, quarters derived from year-to-date figures), over its own facts.
//! A line keeps one series across the names it is reported under: a label joined to its member
//! on the figures, and a rename the company states.

use std::collections::BTreeSet;

use super::join::members_of;
use super::line_names::{LineName, Named, named};
use super::{SourcedFact, resolve};
use crate::model::{Company, LineQuarter, LineSeries, Segment};

/// Every line of `facts` (totals are no line), each with its quarterly series, by name. A line is
/// followed across the names it goes by ([`super::line_names`]) and a release's label joins the
/// filing's member for the same line ([`super::join`]).
pub fn lines<'a>(company: &Company, facts: &'a [SourcedFact]) -> Vec<LineSeries> {
    let statements: Vec<(Named, &SourcedFact)> = facts
        .iter()
        .filter(|f| f.fact.segment != Segment::Total)
        .map(|f| (named(&f.fact, &company.overrides), f))
        .collect();
    let (members, labels): (Vec<Line>, Vec<Line>) = by_name(statements).into_iter().partition(Line::is_member);
    let series = |lines: Vec<Line<'a>>| -> Vec<(Line<'a>, LineSeries)> {
        lines.into_iter().filter_map(|l| l.series(company).map(|s| (l, s))).collect()
    };
    let (mut members, labels) = (series(members), series(labels));
    let owners = members_of(&series_of(&labels), &series_of(&members));
    let mut joined = vec![false; members.len()];
    let mut out = Vec::new();
    for ((label, alone), owner) in labels.into_iter().zip(owners) {
        match owner.and_then(|at| Some((members.get_mut(at)?, joined.get_mut(at)?))) {
            Some(((member, _), joined)) => {
                member.facts.extend(label.facts);
                *joined = true;
            }
            None => out.push(alone),
        }
    }
    // A member's line that a label joined is resolved again over both names' statements.
    for ((line, series), joined) in members.into_iter().zip(joined) {
        out.extend(if joined { line.series(company) } else { Some(series) });
    }
    out.sort_by_key(|l| l.line.to_lowercase());
    out
}

fn series_of<'s>(lines: &'s [(Line<'_>, LineSeries)]) -> Vec<&'s LineSeries> {
    lines.iter().map(|(_, s)| s).collect()
}

/// One line's statements and every name they give it.
struct Line<'a> {
    names: BTreeSet<LineName>,
    facts: Vec<(Named, &'a SourcedFact)>,
}

impl Line<'_> {
    /// A line a filing names by its XBRL member (or line concept), directly or by an override.
    fn is_member(&self) -> bool {
        self.names.iter().any(LineName::is_member)
    }

    /// Its facts resolved as one class, named and classed as last reported (a member line by its
    /// member), with the other names it went by.
    fn series(&self, company: &Company) -> Option<LineSeries> {
        let last = |member: bool| {
            self.facts
                .iter()
                .filter(|(n, _)| !member || n.name.is_member())
                .max_by_key(|(_, f)| (f.filed, f.document_id))
        };
        let (name, latest) = last(self.is_member()).or_else(|| last(false))?;
        // Resolved under one class, so that its facts are this line's whole.
        let one_class: Vec<SourcedFact> = self
            .facts
            .iter()
            .map(|(_, f)| {
                let mut f = (*f).clone();
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
        // Each other name once, as last written where it named a figure, else as an aside gave it.
        let mut by_latest: Vec<&(Named, &SourcedFact)> = self.facts.iter().collect();
        by_latest.sort_by_key(|(_, f)| std::cmp::Reverse((f.filed, f.document_id)));
        let shown = by_latest.iter().map(|(n, _)| &n.shown);
        let formerly = by_latest.iter().flat_map(|(n, _)| &n.formerly);
        let mut seen = BTreeSet::from([LineName::of_text(&name.shown)]);
        let mut other_names: Vec<String> =
            shown.chain(formerly).filter(|text| seen.insert(LineName::of_text(text))).cloned().collect();
        other_names.sort_by_key(|n| n.to_lowercase());
        Some(LineSeries { line: name.shown.clone(), class: latest.fact.segment, other_names, quarters })
    }
}

/// The statements grouped into lines: two statements are one line when they share a name, or
/// through a chain of statements that do ("HPC hosting" → "Colocation (formerly HPC hosting)" →
/// "High-Density Colocation (formerly Colocation)").
fn by_name(named: Vec<(Named, &SourcedFact)>) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = Vec::new();
    for (n, f) in named {
        let names: BTreeSet<LineName> = n.names().collect();
        let mut line = Line { names, facts: vec![(n, f)] };
        let (same, others): (Vec<Line>, Vec<Line>) = lines.into_iter().partition(|l| !l.names.is_disjoint(&line.names));
        for l in same {
            line.names.extend(l.names);
            line.facts.extend(l.facts);
        }
        lines = others;
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Extractor, Fact, FilerKind, FiscalYearEnd, LabelOverride, Period};

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

    /// A release's statement of a line: a table row, or a sentence.
    fn release(
        doc: i64,
        filed: NaiveDate,
        label: &str,
        extractor: Extractor,
        period: Period,
        value: i64,
    ) -> SourcedFact {
        let mut f = fact(doc, filed, label, Segment::Hpc, period, value);
        (f.fact.extractor, f.fact.concept, f.form) = (extractor, None, "8-K".into());
        f
    }

    fn company(overrides: Vec<LabelOverride>) -> Company {
        Company {
            ticker: "CHIP".into(),
            name: "Chip".into(),
            cik: 1,
            fiscal_year_end: FiscalYearEnd { month: 12, day: 31 },
            filer_kind: FilerKind::Domestic,
            overrides,
            press: vec![],
        }
    }

    /// A line's name, class and (quarter, value, derived) per quarter.
    type LineView = (String, Segment, Vec<(u8, i64, bool)>);

    fn view(lines: &[LineSeries]) -> Vec<LineView> {
        lines
            .iter()
            .map(|l| {
                let quarters = l.quarters.iter().map(|q| (q.quarter.quarter, q.resolved.value_usd, q.resolved.derived));
                (l.line.clone(), l.class, quarters.collect())
            })
            .collect()
    }

    fn quarter(year: i32, q: u32) -> Period {
        let start = d(year, q * 3 - 2, 1);
        Period {
            start,
            end: start.checked_add_months(chrono::Months::new(3)).and_then(|e| e.pred_opt()).unwrap_or(start),
        }
    }

    #[test]
    fn each_member_is_its_own_series_with_its_class_and_derived_quarters() {
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
        assert_eq!(
            view(&lines(&company(vec![]), &facts)),
            [
                ("x:DataCenterMember".to_string(), Segment::Hpc, vec![(1, 100, false), (2, 130, true)]),
                ("x:gamingmember".to_string(), Segment::Other, vec![(1, 80, false), (2, 70, false)]),
            ]
        );
    }

    #[test]
    fn a_release_label_with_the_members_figures_is_the_members_line_and_brings_its_later_quarter() {
        use Extractor::{HtmlTable, Prose};
        let (q1, q2) = (quarter(2026, 1), quarter(2026, 2));
        let facts = [
            release(1, d(2026, 5, 8), "HPC lease revenue", HtmlTable, q1, 21_047_000),
            release(1, d(2026, 5, 8), "Revenue from HPC leases", Prose, q1, 21_000_000),
            fact(2, d(2026, 5, 11), "x:HpcLeaseMember", Segment::Hpc, q1, 21_047_000),
            // The next quarter's release, before its 10-Q.
            release(3, d(2026, 8, 7), "HPC lease revenue", HtmlTable, q2, 30_500_000),
            // A line the filing does not break out keeps its own name.
            release(3, d(2026, 8, 7), "GPU cloud revenue", HtmlTable, q2, 4_000_000),
        ];
        let lines = lines(&company(vec![]), &facts);
        assert_eq!(
            view(&lines),
            [
                ("GPU cloud revenue".to_string(), Segment::Hpc, vec![(2, 4_000_000, false)]),
                ("x:HpcLeaseMember".to_string(), Segment::Hpc, vec![(1, 21_047_000, false), (2, 30_500_000, false)]),
            ]
        );
        assert_eq!(lines[1].other_names, ["HPC lease revenue", "Revenue from HPC leases"]);
        // The filing's figure is chosen, the releases' are its other sources.
        let forms: Vec<&str> = lines[1].quarters[0].resolved.sources.iter().map(|s| s.form.as_str()).collect();
        assert_eq!(forms, ["10-Q", "8-K"]);
    }

    #[test]
    fn a_rename_the_company_states_keeps_one_line_with_its_history() {
        use Extractor::{HtmlTable, Prose};
        let facts = [
            release(1, d(2024, 11, 6), "HPC hosting revenue", HtmlTable, quarter(2024, 3), 5_000_000),
            release(
                2,
                d(2025, 7, 31),
                "Colocation (formerly “HPC hosting”) revenue",
                Prose,
                quarter(2025, 2),
                10_600_000,
            ),
            release(
                3,
                d(2025, 11, 5),
                "High-Density Colocation (“HDC”, formerly “Colocation”) revenue",
                Prose,
                quarter(2025, 3),
                15_000_000,
            ),
            // Stated only outside its label: the override records it.
            release(4, d(2026, 2, 25), "HDC services", HtmlTable, quarter(2025, 4), 18_000_000),
        ];
        let alone = lines(&company(vec![]), &facts);
        assert_eq!(alone.len(), 2, "{:?}", view(&alone));
        let override_ = LabelOverride {
            pattern: "hdc services".into(),
            segment: Segment::Hpc,
            line: Some("High-Density Colocation".into()),
        };
        let lines = lines(&company(vec![override_]), &facts);
        let quarters =
            vec![(3, 5_000_000, false), (2, 10_600_000, false), (3, 15_000_000, false), (4, 18_000_000, false)];
        assert_eq!(view(&lines), [("High-Density Colocation".to_string(), Segment::Hpc, quarters)]);
        assert_eq!(lines[0].other_names, ["Colocation revenue", "HDC services", "HPC hosting revenue"]);
    }
}
