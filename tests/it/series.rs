//! Quarterly series for the detector and the alert tests, from the real figures of
//! `../shared/facts/quarterly.csv` (US$ millions).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minewatch::detect::{self, DetectSettings, Evidence, Quarter, Signal};
use minewatch::model::{Company, Extractor, FilerKind, FiscalYearEnd, Period, Segment};

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
pub fn quarter(ticker: &str, year: i32, q: u8, lines: &[(Segment, f64)]) -> Quarter {
    let start = NaiveDate::from_ymd_opt(year, u32::from(q) * 3 - 2, 1).unwrap();
    let end = start.checked_add_months(chrono::Months::new(3)).unwrap().pred_opt().unwrap();
    let usd = |millions: f64| (millions * 1e6).round() as i64;
    Quarter {
        fiscal_year: year,
        fiscal_quarter: q,
        period: Period { start, end },
        values: lines.iter().map(|&(s, m)| (s, usd(m))).collect::<BTreeMap<_, _>>(),
        evidence: lines
            .iter()
            .map(|&(segment, m)| Evidence {
                segment,
                value_usd: usd(m),
                document_id: 1,
                url: format!("https://www.sec.gov/Archives/edgar/data/{ticker}/{year}q{q}/ex99-1.htm"),
                form: Some("8-K".into()),
                label: format!("{segment} revenue"),
                extractor: Extractor::HtmlTable,
                derived: false,
            })
            .collect(),
    }
}

pub fn terawulf(q1_2026_hpc: f64) -> Vec<Quarter> {
    use Segment::{Hpc, Mining};
    vec![
        quarter("WULF", 2025, 4, &[(Hpc, 9.7), (Mining, 26.1)]),
        quarter("WULF", 2026, 1, &[(Hpc, q1_2026_hpc), (Mining, 13.0)]),
    ]
}

pub fn core_scientific() -> Vec<Quarter> {
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
