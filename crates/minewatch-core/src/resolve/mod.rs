//! Resolve: a company's stored facts of many documents → one value per fiscal quarter and segment.
//!
//! The same quarter's revenue is stated many times: in the 10-Q's iXBRL, in the earnings release's
//! table and prose, again as a prior-year column a year later, and in an amendment. Resolution
//! picks one value (filing iXBRL, then press-release table, then PDF table, then prose; of equal
//! standing, a document's own statement before a comparison it gives for an earlier period, then
//! the latest filing, so amendments win), counts each line of a document once, keeps every other
//! statement as a source, flags sources that disagree by more than 1%, and derives quarters stated only inside
//! year-to-date or full-year figures.

use std::collections::BTreeMap;

mod as_reported;
mod join;
mod line_names;
mod lines;
mod span;

use chrono::NaiveDate;

use crate::model::{
    Company, Extractor, Fact, FiscalQuarter, Period, Resolved, ResolvedQuarter, Segment, Source, TOTAL_CONCEPTS,
};
pub use as_reported::lines;
use lines::lines_gaps;
use span::{Span, derive_quarters};

/// Sources further apart than this fraction of the chosen value disagree.
pub const DISAGREEMENT: f64 = 0.01;

/// Forms whose iXBRL is the company's own audited or reviewed statement.
const PERIODIC_FORMS: &[&str] = &["10-Q", "10-K", "10-KT", "20-F", "40-F"];

/// A stored fact with the document it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct SourcedFact {
    pub fact: Fact,
    pub document_id: i64,
    /// "10-Q", "10-Q/A", "8-K", "6-K", …
    pub form: String,
    /// `None` for a release that states no date.
    pub filed: Option<NaiveDate>,
    pub url: String,
}

/// Resolves a company's facts into its quarterly series, oldest quarter first.
pub fn resolve(company: &Company, facts: &[SourcedFact]) -> Vec<ResolvedQuarter> {
    let gaps = lines_gaps(facts);
    let latest = latest_periods(facts);
    let mut by_span: BTreeMap<(Segment, Span), Vec<Source>> = BTreeMap::new();
    for ((segment, span, document), group) in group_by_document(facts, company) {
        if let Some(mut source) = document_source(&group, segment) {
            source.comparison = latest.get(&document).is_some_and(|&end| source.period.end < end);
            if segment == Segment::Total {
                source.lines_gap_usd = gaps.get(&(source.document_id, source.period)).copied();
            }
            by_span.entry((segment, span)).or_default().push(source);
        }
    }
    let chosen: BTreeMap<(Segment, Span), Resolved> =
        by_span.into_iter().map(|(key, sources)| (key, choose(sources))).collect();

    let mut rows: BTreeMap<FiscalQuarter, ResolvedQuarter> = BTreeMap::new();
    for (&(segment, span), resolved) in chosen.iter().filter(|((_, span), _)| span.months == 3) {
        let Some(period) = resolved.sources.iter().find(|s| s.chosen).map(|s| s.period) else {
            continue;
        };
        let row = rows.entry(span.quarter).or_insert_with(|| ResolvedQuarter {
            quarter: span.quarter,
            period,
            segments: BTreeMap::new(),
        });
        row.segments.insert(segment, resolved.clone());
    }
    for segment in Segment::ALL {
        let known: BTreeMap<Span, (Period, i64)> = chosen
            .iter()
            .filter(|((s, _), _)| *s == segment)
            .filter_map(|((_, span), r)| Some((*span, (r.sources.iter().find(|s| s.chosen)?.period, r.value_usd))))
            .collect();
        for derivation in derive_quarters(&known) {
            let sources = derivation
                .from
                .iter()
                .filter_map(|span| chosen.get(&(segment, *span)))
                .flat_map(|r| r.sources.iter().filter(|s| s.chosen).cloned())
                .collect();
            let row = rows.entry(derivation.quarter).or_insert_with(|| ResolvedQuarter {
                quarter: derivation.quarter,
                period: derivation.period,
                segments: BTreeMap::new(),
            });
            row.segments.entry(segment).or_insert(Resolved {
                value_usd: derivation.value,
                derived: true,
                disagreement: false,
                sources,
            });
        }
    }
    rows.into_values().collect()
}

/// Per document, the end of the latest period it states: its own period. What it states for an
/// earlier period is a comparison.
fn latest_periods(facts: &[SourcedFact]) -> BTreeMap<i64, NaiveDate> {
    let mut latest: BTreeMap<i64, NaiveDate> = BTreeMap::new();
    for f in facts {
        let end = latest.entry(f.document_id).or_insert(f.fact.period.end);
        *end = (*end).max(f.fact.period.end);
    }
    latest
}

/// Facts grouped by (segment, span, document); facts of no fiscal quarter or year-to-date are
/// left out.
fn group_by_document<'a>(
    facts: &'a [SourcedFact],
    company: &Company,
) -> BTreeMap<(Segment, Span, i64), Vec<&'a SourcedFact>> {
    let mut groups: BTreeMap<_, Vec<&SourcedFact>> = BTreeMap::new();
    for f in facts {
        if let Some(span) = Span::of(&f.fact.period, company.fiscal_year_end) {
            groups.entry((f.fact.segment, span, f.document_id)).or_default().push(f);
        }
    }
    groups
}

/// One document's lines of a segment that count: those of its strongest extractor, each once
/// ([`distinct_lines`]).
fn document_lines<'a>(group: &[&'a SourcedFact]) -> Vec<&'a SourcedFact> {
    let Some(best) = group.iter().map(|f| f.fact.extractor).min() else {
        return Vec::new();
    };
    distinct_lines(group.iter().copied().filter(|f| f.fact.extractor == best).collect())
}

/// One document's value for a segment: its strongest extractor only; a total is one figure (the
/// preferred concept), other segments sum their distinct lines ([`document_lines`]).
fn document_source(group: &[&SourcedFact], segment: Segment) -> Option<Source> {
    let best = group.iter().map(|f| f.fact.extractor).min()?;
    let mut facts: Vec<&SourcedFact> = group.iter().copied().filter(|f| f.fact.extractor == best).collect();
    let first = *facts.first()?;
    let value_usd = if segment == Segment::Total {
        // Two totals for one period: the preferred concept, then the stronger role (the
        // document's own statement before a comparison it gives at lower confidence).
        facts.sort_by(|a, b| {
            let concept =
                |f: &SourcedFact| f.fact.concept.as_deref().and_then(|c| TOTAL_CONCEPTS.iter().position(|t| *t == c));
            concept(a).cmp(&concept(b)).then(b.fact.confidence.total_cmp(&a.fact.confidence))
        });
        facts.truncate(1);
        facts.first()?.fact.value_usd
    } else {
        facts = document_lines(group);
        facts.iter().map(|f| f.fact.value_usd).sum()
    };
    let mut labels: Vec<String> = facts.iter().map(|f| f.fact.label.clone()).collect();
    labels.dedup();
    Some(Source {
        document_id: first.document_id,
        form: first.form.clone(),
        filed: first.filed,
        url: first.url.clone(),
        extractor: best,
        labels,
        period: first.fact.period,
        value_usd,
        chosen: false,
        lines_gap_usd: None,
        comparison: false,
    })
}

/// One document's lines of a segment, each once. A table or iXBRL states each line once, so there a
/// line is its label (two rows with equal values are two lines; the same label again is one).
/// Prose restates a line in other words (the headline's "HPC lease revenue of $30.0 million",
/// the body's "Revenue from HPC leases was $30.0 million"), so there one value is one line. In
/// iXBRL a segment broken down by axis members may also be stated as undimensioned line concepts
/// (`wulf:HPCLeaseRevenue` beside `Revenues [HPC lease member]`); the breakdown is kept and the
/// restatement dropped.
fn distinct_lines(facts: Vec<&SourcedFact>) -> Vec<&SourcedFact> {
    let undimensioned = |f: &SourcedFact| f.fact.concept.as_deref() == Some(f.fact.label.as_str());
    let has_breakdown = facts.iter().any(|f| f.fact.extractor == Extractor::Ixbrl && !undimensioned(f));
    /// What makes a line the same line again.
    #[derive(PartialEq, Eq, Hash)]
    enum Line {
        Value(i64),
        Label(String),
    }
    let mut seen = std::collections::HashSet::new();
    facts
        .into_iter()
        .filter(|f| !(has_breakdown && undimensioned(f)))
        .filter(|f| {
            seen.insert(match f.fact.extractor {
                Extractor::Prose => Line::Value(f.fact.value_usd),
                _ => Line::Label(f.fact.label.to_lowercase()),
            })
        })
        .collect()
}

/// How much a source is trusted: lower is stronger.
fn standing(source: &Source) -> u8 {
    let base = source.form.trim_end_matches("/A");
    match source.extractor {
        Extractor::Ixbrl if PERIODIC_FORMS.contains(&base) => 0,
        Extractor::Ixbrl | Extractor::HtmlTable => 1,
        Extractor::PdfTable => 2,
        Extractor::Prose => 3,
    }
}

/// Picks the strongest source, a document's own statement before a comparison of equal standing,
/// then the latest (an amendment before its original on the same day).
fn choose(mut sources: Vec<Source>) -> Resolved {
    sources.sort_by(|a, b| {
        standing(a)
            .cmp(&standing(b))
            .then(a.comparison.cmp(&b.comparison))
            .then(b.filed.cmp(&a.filed))
            .then(b.form.ends_with("/A").cmp(&a.form.ends_with("/A")))
            .then(b.document_id.cmp(&a.document_id))
    });
    let value_usd = sources.first().map_or(0, |s| s.value_usd);
    if let Some(first) = sources.first_mut() {
        first.chosen = true;
    }
    let disagreement = sources.iter().any(|s| disagree(s.value_usd, value_usd));
    Resolved { value_usd, derived: false, disagreement, sources }
}

fn disagree(a: i64, b: i64) -> bool {
    let scale = a.unsigned_abs().max(b.unsigned_abs()) as f64;
    (a - b).unsigned_abs() as f64 > DISAGREEMENT * scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_dates::*;
    use crate::model::{FilerKind, FiscalYearEnd};
    use Extractor::{HtmlTable, Ixbrl, Prose};

    fn company(month: u32, day: u32) -> Company {
        Company {
            ticker: "T".into(),
            name: "T".into(),
            cik: 1,
            fiscal_year_end: FiscalYearEnd { month, day },
            filer_kind: FilerKind::Domestic,
            overrides: vec![],
            press: vec![],
        }
    }

    /// (document, form, filed, extractor, segment, period, value).
    type Row<'a> = (i64, &'a str, NaiveDate, Extractor, Segment, Period, i64);

    fn sourced(rows: &[Row<'_>]) -> Vec<SourcedFact> {
        rows.iter()
            .map(|&(doc, form, filed, extractor, segment, period, value_usd)| SourcedFact {
                fact: Fact {
                    segment,
                    period,
                    value_usd,
                    label: format!("{segment} line"),
                    concept: None,
                    extractor,
                    confidence: 1.0,
                    raw_text: value_usd.to_string(),
                },
                document_id: doc,
                form: form.into(),
                filed: Some(filed),
                url: format!("https://example.test/{doc}"),
            })
            .collect()
    }

    fn q1() -> Period {
        p(d(2026, 1, 1), d(2026, 3, 31))
    }

    #[test]
    fn filing_ixbrl_beats_release_table_and_prose_and_disagreements_show() {
        let filed = d(2026, 5, 8);
        #[rustfmt::skip]
        let facts = sourced(&[
            (1, "8-K", filed, HtmlTable, Segment::Hpc, q1(), 21_047_000),
            (1, "8-K", filed, Prose, Segment::Mining, q1(), 13_000_000),
            (2, "10-Q", d(2026, 5, 11), Ixbrl, Segment::Hpc, q1(), 21_047_000),
            (3, "8-K", filed, HtmlTable, Segment::Hpc, q1(), 25_000_000),
        ]);
        let rows = resolve(&company(12, 31), &facts);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].quarter.to_string(), "Q1 2026");
        let hpc = &rows[0].segments[&Segment::Hpc];
        assert_eq!((hpc.value_usd, hpc.derived, hpc.disagreement), (21_047_000, false, true));
        let order: Vec<_> = hpc.sources.iter().map(|s| (s.document_id, s.chosen)).collect();
        assert_eq!(order, vec![(2, true), (3, false), (1, false)]);
        let mining = &rows[0].segments[&Segment::Mining];
        assert_eq!((mining.value_usd, mining.disagreement), (13_000_000, false));
    }

    /// Issue 13.16: a release with no date was given its period end as a filing date.
    #[test]
    fn an_undated_release_keeps_no_date_and_ranks_below_a_dated_one() {
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "press release", d(2026, 5, 8), HtmlTable, Segment::Hpc, q1(), 21_000_000),
            (2, "press release", d(2026, 5, 8), HtmlTable, Segment::Hpc, q1(), 22_000_000),
        ]);
        facts[1].filed = None;
        let hpc = &resolve(&company(12, 31), &facts)[0].segments[&Segment::Hpc];
        assert_eq!(hpc.value_usd, 21_000_000);
        assert_eq!((hpc.sources[1].document_id, hpc.sources[1].filed), (2, None));
    }

    #[test]
    fn close_figures_agree_and_amendments_supersede() {
        #[rustfmt::skip]
        let facts = sourced(&[
            (1, "10-Q", d(2026, 5, 11), Ixbrl, Segment::Total, q1(), 34_012_000),
            (2, "10-Q/A", d(2026, 6, 1), Ixbrl, Segment::Total, q1(), 34_100_000),
            (3, "8-K", d(2026, 5, 8), Prose, Segment::Total, q1(), 34_000_000),
        ]);
        let total = &resolve(&company(12, 31), &facts)[0].segments[&Segment::Total];
        assert_eq!((total.value_usd, total.disagreement), (34_100_000, false));
        assert_eq!(total.sources[0].form, "10-Q/A");
    }

    #[test]
    fn lines_of_one_segment_add_up_and_repeats_count_once() {
        let filed = d(2026, 5, 8);
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 300_000),
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 500_000),
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 500_000),
        ]);
        facts[0].fact.label = "ETH staking revenue".into();
        facts[1].fact.label = "Engineering revenue".into();
        facts[2].fact.label = "Engineering revenue".into();
        let other = &resolve(&company(12, 31), &facts)[0].segments[&Segment::Other];
        assert_eq!(other.value_usd, 800_000);
        assert_eq!(other.sources[0].labels, vec!["ETH staking revenue", "Engineering revenue"]);
    }

    /// Issue 13.5: two lines of one segment with equal values were counted once (deduplicated by value).
    #[test]
    fn two_lines_with_equal_values_both_count_and_a_restated_line_counts_once() {
        let filed = d(2026, 5, 8);
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 500_000),
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 500_000),
            (1, "8-K", filed, HtmlTable, Segment::Other, q1(), 500_000),
            (2, "10-Q", filed, Ixbrl, Segment::Hpc, q1(), 21_047_000),
            (2, "10-Q", filed, Ixbrl, Segment::Hpc, q1(), 21_047_000),
        ]);
        facts[0].fact.label = "ETH staking revenue".into();
        facts[1].fact.label = "Engineering revenue".into();
        facts[2].fact.label = "Engineering Revenue".into();
        (facts[3].fact.label, facts[3].fact.concept) = ("wulf:HpcLeaseMember".into(), Some("us-gaap:Revenues".into()));
        (facts[4].fact.label, facts[4].fact.concept) =
            ("wulf:HPCLeaseRevenue".into(), Some("wulf:HPCLeaseRevenue".into()));
        let rows = resolve(&company(12, 31), &facts);
        assert_eq!(rows[0].segments[&Segment::Other].value_usd, 1_000_000);
        assert_eq!(rows[0].segments[&Segment::Hpc].value_usd, 21_047_000);
    }

    /// Issue 22.5: a line stated in a headline and again in the body, in other words, is one line.
    #[test]
    fn a_prose_line_stated_twice_in_one_document_counts_once() {
        let filed = d(2026, 5, 8);
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "8-K", filed, Prose, Segment::Hpc, q1(), 30_000_000),
            (1, "8-K", filed, Prose, Segment::Hpc, q1(), 30_000_000),
            (1, "8-K", filed, Prose, Segment::Mining, q1(), 50_000_000),
        ]);
        facts[0].fact.label = "HPC lease revenue".into();
        facts[1].fact.label = "Revenue from HPC leases".into();
        let rows = resolve(&company(12, 31), &facts);
        assert_eq!(rows[0].segments[&Segment::Hpc].value_usd, 30_000_000);
    }

    /// Issue 22.5: the comparison a later release gives never outranks the quarter's own figure.
    #[test]
    fn a_comparison_in_a_later_release_does_not_outrank_the_quarters_own_figure() {
        let q2 = p(d(2026, 4, 1), d(2026, 6, 30));
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "8-K", d(2026, 5, 8), Prose, Segment::Total, q1(), 34_000_000),
            (2, "8-K", d(2026, 8, 7), Prose, Segment::Total, q2, 40_000_000),
            (2, "8-K", d(2026, 8, 7), Prose, Segment::Total, q1(), 33_000_000),
        ]);
        facts[2].fact.confidence = 0.4;
        let rows = resolve(&company(12, 31), &facts);
        let total = &rows[0].segments[&Segment::Total];
        assert_eq!((total.value_usd, total.disagreement), (34_000_000, true));
        let order: Vec<_> = total.sources.iter().map(|s| (s.document_id, s.comparison)).collect();
        assert_eq!(order, vec![(1, false), (2, true)]);
    }

    /// Issue 22.5: two totals for one period in one document: the own statement is kept.
    #[test]
    fn two_totals_in_one_document_keep_the_stronger_role() {
        let filed = d(2026, 5, 8);
        #[rustfmt::skip]
        let mut facts = sourced(&[
            (1, "8-K", filed, Prose, Segment::Total, q1(), 43_600_000),
            (1, "8-K", filed, Prose, Segment::Total, q1(), 44_000_000),
        ]);
        facts[0].fact.confidence = 0.4;
        facts[1].fact.confidence = 0.5;
        let rows = resolve(&company(12, 31), &facts);
        assert_eq!(rows[0].segments[&Segment::Total].value_usd, 44_000_000);
    }

    #[test]
    fn quarters_derive_from_year_to_date_in_fiscal_terms() {
        // Applied Digital: fiscal year ends 31 May; Q2 FY2026 is Sep–Nov 2025.
        let filed = d(2026, 1, 14);
        let fq1 = p(d(2025, 6, 1), d(2025, 8, 31));
        let h1 = p(d(2025, 6, 1), d(2025, 11, 30));
        #[rustfmt::skip]
        let facts = sourced(&[
            (1, "10-Q", filed, Ixbrl, Segment::Hpc, fq1, 26_321_000),
            (1, "10-Q", filed, Ixbrl, Segment::Hpc, h1, 111_342_000),
        ]);
        let rows = resolve(&company(5, 31), &facts);
        let quarters: Vec<_> = rows.iter().map(|r| r.quarter.to_string()).collect();
        assert_eq!(quarters, vec!["Q1 FY2026", "Q2 FY2026"]);
        assert_eq!(rows[1].period, p(d(2025, 9, 1), d(2025, 11, 30)));
        let hpc = &rows[1].segments[&Segment::Hpc];
        assert_eq!((hpc.value_usd, hpc.derived), (85_021_000, true));
        let from: Vec<_> = hpc.sources.iter().map(|s| s.period).collect();
        assert_eq!(from, vec![h1, fq1]);
    }

    #[test]
    fn serialises_for_the_cli() {
        let q = p(d(2025, 7, 1), d(2025, 9, 30));
        let facts = sourced(&[(7, "10-Q", d(2025, 11, 6), Ixbrl, Segment::Hpc, q, 7_312_000)]);
        let json = serde_json::to_value(resolve(&company(6, 30), &facts)).unwrap_or_default();
        assert_eq!(json[0]["quarter"], "Q1 FY2026");
        assert_eq!(json[0]["period"]["start"], "2025-07-01");
        assert_eq!(json[0]["segments"]["hpc"]["value_usd"], 7_312_000);
        assert_eq!(json[0]["segments"]["hpc"]["sources"][0]["extractor"], "ixbrl");
    }
}
