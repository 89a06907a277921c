//! Quarterly series for the detector and the alert tests, from the real figures of
//! `../shared/facts/quarterly.csv` (US$ millions).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minewatch::detect::{self, DetectSettings};
use minewatch::model::{
    Company, Extractor, FilerKind, FiscalQuarter, FiscalYearEnd, Period, Resolved, ResolvedQuarter, Segment, Signal,
    Source,
};

pub fn company(ticker: &str, name: &str) -> Company {
    Company {
        ticker: ticker.into(),
        name: name.into(),
        cik: 1,
        fiscal_year_end: FiscalYearEnd { month: 12, day: 31 },
        filer_kind: FilerKind::Domestic,
        overrides: Vec::new(),
        press: Vec::new(),
    }
}

/// A calendar quarter from (segment, US$ millions) lines, each read from its own exhibit.
pub fn quarter(ticker: &str, year: i32, q: u8, lines: &[(Segment, f64)]) -> ResolvedQuarter {
    let start = NaiveDate::from_ymd_opt(year, u32::from(q) * 3 - 2, 1).unwrap();
    let end = start.checked_add_months(chrono::Months::new(3)).unwrap().pred_opt().unwrap();
    let period = Period { start, end };
    let usd = |millions: f64| (millions * 1e6).round() as i64;
    let source = |segment: Segment, value_usd| Source {
        document_id: 1,
        form: "8-K".into(),
        filed: Some(end),
        url: format!("https://www.sec.gov/Archives/edgar/data/{ticker}/{year}q{q}/ex99-1.htm"),
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
            let sources = vec![source(segment, usd(m))];
            (segment, Resolved { value_usd: usd(m), derived: false, disagreement: false, sources })
        })
        .collect::<BTreeMap<_, _>>();
    ResolvedQuarter { quarter: FiscalQuarter { fiscal_year: year, quarter: q, calendar: true }, period, segments }
}

pub fn terawulf(q1_2026_hpc: f64) -> Vec<ResolvedQuarter> {
    use Segment::{Hpc, Mining};
    vec![
        quarter("WULF", 2025, 4, &[(Hpc, 9.7), (Mining, 26.1)]),
        quarter("WULF", 2026, 1, &[(Hpc, q1_2026_hpc), (Mining, 13.0)]),
    ]
}

pub fn core_scientific() -> Vec<ResolvedQuarter> {
    use Segment::{Hosting, Hpc, Mining};
    vec![
        quarter("CORZ", 2025, 4, &[(Hpc, 31.3), (Mining, 42.2), (Hosting, 6.3)]),
        quarter("CORZ", 2026, 1, &[(Hpc, 77.5), (Mining, 30.1), (Hosting, 7.6)]),
    ]
}

/// The crossovers of TeraWulf and Core Scientific, as the detector raises them.
pub fn two_crossovers() -> Vec<Signal> {
    let settings = DetectSettings::default();
    let wulf = detect::detect(&company("WULF", "TeraWulf Inc."), &terawulf(21.0), &[], &settings);
    let corz = detect::detect(&company("CORZ", "Core Scientific, Inc."), &core_scientific(), &[], &settings);
    wulf.signals.into_iter().chain(corz.signals).collect()
}
