//! The detector against the real figures of `../shared/facts/quarterly.csv` (US$ millions).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::model::{
    BitcoinSide, Extractor, FilerKind, FiscalQuarter, FiscalYearEnd, LineQuarter, LineSeries, Period, PivotRule,
    Resolved, ResolvedQuarter, Source,
};

use Segment::{Hosting, Hpc, Mining, Other, Total};

fn company(ticker: &str, fye: (u32, u32)) -> Company {
    Company {
        ticker: ticker.into(),
        name: format!("{ticker} Inc."),
        cik: 1,
        fiscal_year_end: FiscalYearEnd { month: fye.0, day: fye.1 },
        filer_kind: FilerKind::Domestic,
        overrides: Vec::new(),
        press: Vec::new(),
    }
}

const DECEMBER: (u32, u32) = (12, 31);

/// A quarter from (segment, US$ millions) lines, each with its own chosen source. The quarter is
/// named in the calendar its period implies (Q1 ending in September: a June fiscal year).
fn quarter(fiscal_year: i32, fiscal_quarter: u8, start: &str, end: &str, lines: &[(Segment, f64)]) -> ResolvedQuarter {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let usd = |millions: f64| (millions * 1e6).round() as i64;
    let period = Period { start: date(start), end: date(end) };
    let calendar = period.end.year() == fiscal_year && period.end.month() == 3 * u32::from(fiscal_quarter);
    let source = |segment: Segment, value_usd| Source {
        document_id: i64::from(fiscal_quarter),
        form: "8-K".into(),
        filed: Some(period.end),
        url: format!("https://www.sec.gov/Archives/{fiscal_year}q{fiscal_quarter}/ex99.htm"),
        extractor: Extractor::HtmlTable,
        labels: vec![format!("{segment} revenue")],
        period,
        value_usd,
        chosen: true,
        lines_gap_usd: None,
        comparison: false,
    };
    let segments = lines
        .iter()
        .map(|&(segment, m)| {
            let resolved = Resolved {
                value_usd: usd(m),
                derived: false,
                disagreement: false,
                sources: vec![source(segment, usd(m))],
            };
            (segment, resolved)
        })
        .collect::<BTreeMap<_, _>>();
    ResolvedQuarter { quarter: FiscalQuarter { fiscal_year, quarter: fiscal_quarter, calendar }, period, segments }
}

fn terawulf() -> Vec<ResolvedQuarter> {
    vec![
        quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Hpc, 7.2), (Mining, 43.4), (Total, 50.6)]),
        quarter(2025, 4, "2025-10-01", "2025-12-31", &[(Hpc, 9.7), (Mining, 26.1), (Total, 35.8)]),
        quarter(2026, 1, "2026-01-01", "2026-03-31", &[(Hpc, 21.0), (Mining, 13.0), (Total, 34.0)]),
    ]
}

fn core_scientific() -> Vec<ResolvedQuarter> {
    vec![
        quarter(2024, 4, "2024-10-01", "2024-12-31", &[(Mining, 79.9), (Hosting, 6.5), (Hpc, 8.5)]),
        quarter(2025, 1, "2025-01-01", "2025-03-31", &[(Mining, 67.2), (Total, 79.5)]),
        quarter(2025, 2, "2025-04-01", "2025-06-30", &[(Mining, 62.4), (Hosting, 5.6), (Hpc, 10.6)]),
        quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Mining, 57.4), (Hosting, 8.7), (Hpc, 15.0)]),
        quarter(2025, 4, "2025-10-01", "2025-12-31", &[(Mining, 42.2), (Hosting, 6.3), (Hpc, 31.3)]),
        quarter(2026, 1, "2026-01-01", "2026-03-31", &[(Mining, 30.1), (Hosting, 7.6), (Hpc, 77.5)]),
    ]
}

fn bit_digital() -> Vec<ResolvedQuarter> {
    vec![
        quarter(2024, 1, "2024-01-01", "2024-03-31", &[(Mining, 21.9), (Hpc, 8.1), (Other, 0.3)]),
        quarter(2024, 2, "2024-04-01", "2024-06-30", &[(Mining, 16.1), (Hpc, 12.5)]),
        quarter(2024, 3, "2024-07-01", "2024-09-30", &[(Mining, 10.1), (Hpc, 12.2)]),
    ]
}

const APPLIED_DIGITAL_FYE: (u32, u32) = (5, 31);

fn applied_digital() -> Vec<ResolvedQuarter> {
    vec![
        quarter(2026, 1, "2025-06-01", "2025-08-31", &[(Hosting, 37.9), (Hpc, 26.3), (Total, 64.2)]),
        quarter(2026, 2, "2025-09-01", "2025-11-30", &[(Hosting, 41.6), (Hpc, 85.0), (Total, 126.6)]),
    ]
}

fn run(company: &Company, series: &[ResolvedQuarter]) -> Detection {
    detect(company, series, &[], &DetectSettings::default())
}

fn kinds(detection: &Detection) -> Vec<(SignalKind, String)> {
    detection.signals.iter().map(|s| (s.kind, s.quarter.clone())).collect()
}

fn crossover(quarter: &str) -> Vec<(SignalKind, String)> {
    vec![(SignalKind::Crossover, quarter.to_string())]
}

#[test]
fn terawulf_crosses_in_q1_2026_with_its_evidence() {
    let found = run(&company("WULF", DECEMBER), &terawulf());
    assert_eq!(kinds(&found), crossover("Q1 2026"));
    let signal = &found.signals[0];
    assert_eq!(signal.key(), "WULF/crossover/2026Q1");
    let e = &signal.evidence;
    assert_eq!((e.current.hpc_usd, e.current.bitcoin_usd), (21_000_000, 13_000_000));
    let previous = e.previous.as_ref().unwrap();
    assert_eq!((previous.quarter.as_str(), previous.hpc_usd, previous.bitcoin_usd), ("Q4 2025", 9_700_000, 26_100_000));
    assert!((e.current.share - 21.0 / 34.0).abs() < 1e-9);
    let sources: Vec<(Segment, i64)> = e.sources.iter().map(|s| (s.segment, s.value_usd)).collect();
    assert_eq!(sources, [(Hpc, 21_000_000), (Mining, 13_000_000), (Hpc, 9_700_000), (Mining, 26_100_000)], "no totals");
    assert!(e.sources.iter().all(|s| s.url.starts_with("https://www.sec.gov/")));
}

#[test]
fn core_scientific_crosses_in_q1_2026_on_either_bitcoin_side() {
    let corz = company("CORZ", DECEMBER);
    assert_eq!(kinds(&run(&corz, &core_scientific())), crossover("Q1 2026"));
    let mining_only = DetectSettings { bitcoin_side: BitcoinSide::Mining, ..DetectSettings::default() };
    let found = detect(&corz, &core_scientific(), &[], &mining_only);
    assert_eq!(kinds(&found), crossover("Q1 2026"));
    assert_eq!(found.signals[0].evidence.previous.as_ref().unwrap().bitcoin_usd, 42_200_000);
}

#[test]
fn bit_digital_crosses_in_q3_2024() {
    let found = run(&company("BTBT", DECEMBER), &bit_digital());
    assert_eq!(kinds(&found), crossover("Q3 2024"));
    let previous = found.signals[0].evidence.previous.clone().unwrap();
    assert_eq!((previous.hpc_usd, previous.bitcoin_usd), (12_500_000, 16_100_000));
}

#[test]
fn applied_digital_crosses_in_fiscal_q2_2026_against_hosting() {
    let apld = company("APLD", APPLIED_DIGITAL_FYE);
    let found = run(&apld, &applied_digital());
    assert_eq!(kinds(&found), crossover("Q2 FY2026"));
    assert_eq!(found.signals[0].key(), "APLD/crossover/2026Q2");
    let mining_only = DetectSettings { bitcoin_side: BitcoinSide::Mining, ..DetectSettings::default() };
    assert!(detect(&apld, &applied_digital(), &[], &mining_only).signals.is_empty(), "it never self-mined");
}

#[test]
fn iren_cipher_and_riot_raise_nothing() {
    let iren = [
        quarter(2026, 1, "2025-07-01", "2025-09-30", &[(Mining, 232.9), (Hpc, 7.3)]),
        quarter(2026, 2, "2025-10-01", "2025-12-31", &[(Mining, 167.4), (Hpc, 17.3)]),
    ];
    let cipher = [
        quarter(2025, 2, "2025-04-01", "2025-06-30", &[(Mining, 43.6)]),
        quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Mining, 71.7)]),
    ];
    let riot = [
        quarter(2024, 3, "2024-07-01", "2024-09-30", &[(Mining, 67.5), (Total, 84.8)]),
        quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Mining, 160.8), (Other, 19.4)]),
    ];
    for (ticker, fye, series) in [("IREN", (6, 30), &iren[..]), ("CIFR", DECEMBER, &cipher), ("RIOT", DECEMBER, &riot)]
    {
        let found = run(&company(ticker, fye), series);
        assert_eq!((found.signals.len(), found.unclassified), (0, None), "{ticker}");
    }
}

#[test]
fn hut_8_is_unclassified_and_so_are_totals_alone() {
    let hut = [
        quarter(2024, 2, "2024-04-01", "2024-06-30", &[(Other, 10.53), (Other, 15.795), (Total, 35.215)]),
        quarter(2025, 2, "2025-04-01", "2025-06-30", &[(Other, 34.295), (Total, 41.299)]),
    ];
    let found = run(&company("HUT", DECEMBER), &hut);
    assert_eq!((found.signals.len(), found.unclassified), (0, Some(Unclassified::OnlyOther)));
    let totals = [quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Total, 71.7)])];
    assert_eq!(run(&company("CIFR", DECEMBER), &totals).unclassified, Some(Unclassified::NoMiningOrHpc));
    assert_eq!(run(&company("X", DECEMBER), &[]).unclassified, Some(Unclassified::NoFigures));
}

#[test]
fn a_gap_means_no_previous_quarter() {
    let mut series = terawulf();
    series.remove(1);
    assert!(run(&company("WULF", DECEMBER), &series).signals.is_empty());
}

#[test]
fn the_order_of_the_series_does_not_matter() {
    let mut series = core_scientific();
    series.reverse();
    assert_eq!(kinds(&run(&company("CORZ", DECEMBER), &series)), crossover("Q1 2026"));
}

fn raised(ticker: &str, kind: SignalKind, fiscal_year: i32, fiscal_quarter: u8) -> RaisedSignal {
    RaisedSignal { ticker: ticker.into(), rule: None, kind, fiscal_year, fiscal_quarter }
}

#[test]
fn an_amendment_that_lowers_hpc_below_mining_retracts_the_crossover() {
    let wulf = company("WULF", DECEMBER);
    let already = [raised("WULF", SignalKind::Crossover, 2026, 1)];
    let settings = DetectSettings::default();
    assert_eq!(kinds(&detect(&wulf, &terawulf(), &already, &settings)), crossover("Q1 2026"), "still shown");

    let mut amended = terawulf();
    amended[2] = quarter(2026, 1, "2026-01-01", "2026-03-31", &[(Hpc, 12.0), (Mining, 13.0)]);
    let found = detect(&wulf, &amended, &already, &settings);
    let q1 = "Q1 2026".to_string();
    assert_eq!(
        kinds(&found),
        vec![(SignalKind::Retraction, q1.clone()), (SignalKind::Approaching, q1)],
        "12 of 25 is 48%"
    );
    let e = &found.signals[0].evidence;
    assert_eq!((e.current.hpc_usd, e.current.bitcoin_usd), (12_000_000, 13_000_000));
    let fresh = detect(&wulf, &amended, &[], &settings);
    assert!(fresh.signals.iter().all(|s| s.kind != SignalKind::Retraction), "nothing raised, nothing to retract");
}

/// Issue 13.14: a gap before a raised crossover (the previous quarter not read yet) hid the
/// crossover and raised a retraction no figure supports.
#[test]
fn a_missing_previous_quarter_does_not_retract_a_crossover() {
    let already = [raised("WULF", SignalKind::Crossover, 2026, 1)];
    let mut gap = terawulf();
    gap.remove(1);
    let found = detect(&company("WULF", DECEMBER), &gap, &already, &DetectSettings::default());
    assert!(found.signals.iter().all(|s| s.kind != SignalKind::Retraction), "{:?}", kinds(&found));
}

#[test]
fn only_this_companys_raised_crossovers_present_in_the_series_are_retracted() {
    let others = [raised("CORZ", SignalKind::Crossover, 2025, 4), raised("WULF", SignalKind::Crossover, 2024, 1)];
    let found = detect(&company("WULF", DECEMBER), &terawulf(), &others, &DetectSettings::default());
    assert_eq!(kinds(&found), crossover("Q1 2026"));
    let moved = [raised("WULF", SignalKind::Crossover, 2025, 4)];
    let found = detect(&company("WULF", DECEMBER), &terawulf(), &moved, &DetectSettings::default());
    assert_eq!(
        kinds(&found),
        vec![(SignalKind::Crossover, "Q1 2026".to_string()), (SignalKind::Retraction, "Q4 2025".to_string())]
    );
}

#[test]
fn core_scientific_was_approaching_in_q4_2025_on_its_rising_share() {
    let mut series = core_scientific();
    series.pop();
    let found = run(&company("CORZ", DECEMBER), &series);
    assert_eq!(kinds(&found), vec![(SignalKind::Approaching, "Q4 2025".to_string())]);
    let approach = found.signals[0].evidence.approach.clone().unwrap();
    assert_eq!((approach.quarters_to_cross, approach.above_threshold), (Some(1), false));
    let expected = (31.3 / 79.8 - 10.6 / 78.6) / 2.0;
    assert!((approach.trend_per_quarter.unwrap() - expected).abs() < 1e-9);
}

#[test]
fn a_share_above_the_threshold_is_approaching() {
    let apld = company("APLD", APPLIED_DIGITAL_FYE);
    let first = &applied_digital()[..1];
    let found = run(&apld, first);
    assert_eq!(kinds(&found), vec![(SignalKind::Approaching, "Q1 FY2026".to_string())]);
    let approach = found.signals[0].evidence.approach.clone().unwrap();
    assert_eq!((approach.trend_per_quarter, approach.above_threshold), (None, true));
    let higher = DetectSettings { approach_threshold: 0.45, ..DetectSettings::default() };
    assert!(detect(&apld, first, &[], &higher).signals.is_empty());
    let btbt = run(&company("BTBT", DECEMBER), &bit_digital()[..2]);
    assert_eq!(kinds(&btbt), vec![(SignalKind::Approaching, "Q2 2024".to_string())]);
}

#[test]
fn a_company_that_has_crossed_or_is_far_behind_is_not_approaching() {
    assert!(
        run(&company("CORZ", DECEMBER), &core_scientific()).signals.iter().all(|s| s.kind != SignalKind::Approaching)
    );
    let slow = [
        quarter(2025, 1, "2025-01-01", "2025-03-31", &[(Mining, 100.0), (Hpc, 1.0)]),
        quarter(2025, 2, "2025-04-01", "2025-06-30", &[(Mining, 100.0), (Hpc, 2.0)]),
        quarter(2025, 3, "2025-07-01", "2025-09-30", &[(Mining, 100.0), (Hpc, 3.0)]),
    ];
    assert!(run(&company("X", DECEMBER), &slow).signals.is_empty(), "rising, but nowhere near 50% in two quarters");
}

/// NVIDIA's fiscal year ends on the last Sunday of January.
const NVIDIA_FYE: (u32, u32) = (1, 31);

/// A line as reported, from (fiscal quarter, start, end, US$ millions), NVIDIA's fiscal quarters.
fn line(name: &str, class: Segment, quarters: &[(i32, u8, &str, &str, f64)]) -> LineSeries {
    let quarters = quarters
        .iter()
        .map(|&(fiscal_year, fiscal_quarter, start, end, millions)| {
            let q = quarter(fiscal_year, fiscal_quarter, start, end, &[(class, millions)]);
            LineQuarter { quarter: q.quarter, period: q.period, resolved: q.segments[&class].clone() }
        })
        .collect();
    LineSeries { line: name.into(), class, other_names: vec![], quarters }
}

/// NVIDIA's Data Center, Gaming and Automotive lines around fiscal 2023 (US$ millions, of the
/// size NVIDIA published; a test of the rule, not a record of its quarters), each stated by its
/// XBRL member; Data Center is also stated by a release's label with a figure 1 million off,
/// which must be neither added to the member's nor taken over it.
fn nvidia_lines() -> Vec<LineSeries> {
    let q4 = (2022, 4, "2021-11-01", "2022-01-30");
    let q1 = (2023, 1, "2022-01-31", "2022-05-01");
    let q2 = (2023, 2, "2022-05-02", "2022-07-31");
    let at = |(y, n, s, e): (i32, u8, &'static str, &'static str), v| (y, n, s, e, v);
    vec![
        line("nvda:DataCenterMember", Hpc, &[at(q4, 3263.0), at(q1, 3750.0), at(q2, 3806.0)]),
        line("Data Center", Hpc, &[at(q1, 3751.0)]),
        line("nvda:GamingMember", Other, &[at(q4, 3420.0), at(q1, 3620.0), at(q2, 2042.0)]),
        line("nvda:AutomotiveMember", Other, &[at(q4, 125.0), at(q1, 138.0), at(q2, 220.0)]),
    ]
}

fn rule(text: &str) -> PivotRule {
    PivotRule::parse(text).unwrap()
}

#[test]
fn a_line_rule_crosses_when_data_center_passes_gaming() {
    let nvda = company("NVDA", NVIDIA_FYE);
    let rules = [rule("Data Center > Gaming")];
    let found = detect_pivots(&nvda, &[], &nvidia_lines(), &[], &DetectSettings::default(), &rules);
    assert_eq!(kinds(&found), crossover("Q1 FY2023"));
    assert_eq!(found.unclassified, None, "only the miners' rule speaks of classes");
    let signal = &found.signals[0];
    assert_eq!(signal.rule.as_ref(), Some(&rules[0]));
    assert_eq!(signal.key(), "NVDA/data-center-over-gaming/crossover/2023Q1");
    let e = &signal.evidence;
    assert_eq!((e.current.hpc_usd, e.current.bitcoin_usd), (3_750_000_000, 3_620_000_000), "the member's, not a sum");
    let previous = e.previous.as_ref().unwrap();
    assert_eq!((previous.hpc_usd, previous.bitcoin_usd), (3_263_000_000, 3_420_000_000));
    let values: Vec<(Segment, i64)> = e.sources.iter().map(|s| (s.segment, s.value_usd)).collect();
    assert_eq!(
        values,
        [(Hpc, 3_750_000_000), (Other, 3_620_000_000), (Hpc, 3_263_000_000), (Other, 3_420_000_000)],
        "this quarter's facts first, the rising side's before the falling side's"
    );
}

#[test]
fn a_line_rule_finds_a_line_by_any_name_it_was_reported_under() {
    let nvda = company("NVDA", NVIDIA_FYE);
    let mut lines = nvidia_lines();
    lines.retain(|l| l.line != "Data Center");
    lines[0].other_names = vec!["Data center compute".into()];
    let rules = [rule("Data center compute > Gaming")];
    let found = detect_pivots(&nvda, &[], &lines, &[], &DetectSettings::default(), &rules);
    assert_eq!(kinds(&found), crossover("Q1 FY2023"));
    assert_eq!(found.signals[0].evidence.current.hpc_usd, 3_750_000_000);
}

#[test]
fn two_rules_on_one_company_and_quarter_are_two_signals() {
    let nvda = company("NVDA", NVIDIA_FYE);
    let rules = [rule("Data Center > Gaming"), rule("nvda:DataCenterMember + Automotive > Gaming")];
    let found = detect_pivots(&nvda, &[], &nvidia_lines(), &[], &DetectSettings::default(), &rules);
    let keys: Vec<String> = found.signals.iter().map(Signal::key).collect();
    assert_eq!(
        keys,
        [
            "NVDA/data-center-over-gaming/crossover/2023Q1",
            "NVDA/nvda-datacentermember-plus-automotive-over-gaming/crossover/2023Q1"
        ]
    );
    assert_eq!(found.signals[1].evidence.current.hpc_usd, 3_888_000_000, "Data Center + Automotive");
}

#[test]
fn a_line_rule_is_retracted_under_its_own_identity() {
    let nvda = company("NVDA", NVIDIA_FYE);
    let rules = [rule("Data Center > Gaming")];
    // A crossover raised in Q2 FY2023 under the rule (Data Center already led in Q1, so it moved
    // earlier), and one raised there under the miners' rule, which this rule does not judge.
    let under = |rule: Option<PivotRule>| RaisedSignal {
        ticker: "NVDA".into(),
        rule,
        kind: SignalKind::Crossover,
        fiscal_year: 2023,
        fiscal_quarter: 2,
    };
    let raised = [under(Some(rules[0].clone())), under(None)];
    let found = detect_pivots(&nvda, &[], &nvidia_lines(), &raised, &DetectSettings::default(), &rules);
    let shown: Vec<(SignalKind, String, Option<String>)> =
        found.signals.iter().map(|s| (s.kind, s.quarter.clone(), s.rule.as_ref().map(|r| r.to_string()))).collect();
    let rule_text = Some("Data Center > Gaming".to_string());
    assert_eq!(
        shown,
        [
            (SignalKind::Crossover, "Q1 FY2023".to_string(), rule_text.clone()),
            (SignalKind::Retraction, "Q2 FY2023".to_string(), rule_text),
        ]
    );
}

#[test]
fn the_miners_rule_written_out_is_the_default_with_its_keys() {
    let wulf = company("WULF", DECEMBER);
    let rules = [rule("hpc > mining + hosting")];
    let found = detect_pivots(&wulf, &terawulf(), &[], &[], &DetectSettings::default(), &rules);
    assert_eq!(found, run(&wulf, &terawulf()));
    assert_eq!(found.signals[0].key(), "WULF/crossover/2026Q1");
    assert_eq!(found.signals[0].rule, None);
}
