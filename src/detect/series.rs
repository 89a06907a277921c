//! The detector's input: one company's resolved quarterly revenue by segment, with the facts each
//! figure came from. The pipeline builds it from the resolved facts; the detector never reads the
//! store, so it can be tested with plain figures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::BitcoinSide;
use crate::extract::period::FiscalQuarter;
use crate::model::{Extractor, FiscalYearEnd, Period, Segment};

/// One fiscal quarter of a company's resolved series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quarter {
    pub fiscal_year: i32,
    /// 1–4.
    pub fiscal_quarter: u8,
    pub period: Period,
    /// The resolved value of each segment reported for the quarter (whole US dollars).
    pub values: BTreeMap<Segment, i64>,
    /// The facts behind `values`.
    pub evidence: Vec<Evidence>,
}

/// The fact a resolved figure came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub segment: Segment,
    pub value_usd: i64,
    pub document_id: i64,
    pub url: String,
    pub form: Option<String>,
    /// The line as the document wrote it ("HPC lease revenue").
    pub label: String,
    pub extractor: Extractor,
    /// Derived from other periods (Q4 = FY − 9M) rather than read directly.
    pub derived: bool,
}

impl Quarter {
    /// The quarter as analysts name it: "Q1 2026", or "Q2 FY2026" when the fiscal year does not
    /// end on 31 December.
    pub fn display(&self, fiscal_year_end: FiscalYearEnd) -> String {
        quarter_name(self.fiscal_year, self.fiscal_quarter, fiscal_year_end)
    }

    /// Whether `self` is the quarter right after `previous`: a gap means no previous quarter.
    pub fn follows(&self, previous: &Quarter) -> bool {
        quarter_index(self.fiscal_year, self.fiscal_quarter)
            == quarter_index(previous.fiscal_year, previous.fiscal_quarter) + 1
    }

    pub fn value(&self, segment: Segment) -> Option<i64> {
        self.values.get(&segment).copied()
    }

    /// HPC against the bitcoin side in this quarter.
    pub fn reading(&self, side: BitcoinSide) -> Reading {
        let bitcoin = side.segments().iter().filter_map(|&s| self.value(s)).reduce(|a, b| a.saturating_add(b));
        Reading { hpc: self.value(Segment::Hpc), bitcoin }
    }
}

/// HPC and the bitcoin side of one quarter; `None` where no line was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub hpc: Option<i64>,
    pub bitcoin: Option<i64>,
}

impl Reading {
    /// HPC exceeds a reported bitcoin side. Without a bitcoin line the comparison is not made:
    /// a missing line is more often a reading gap than a company that stopped mining.
    pub fn crossed(self) -> bool {
        matches!((self.hpc, self.bitcoin), (Some(hpc), Some(bitcoin)) if hpc > bitcoin)
    }

    /// The bitcoin side is reported and HPC does not exceed it (or is absent).
    pub fn behind(self) -> bool {
        self.bitcoin.is_some_and(|bitcoin| self.hpc.unwrap_or(0) <= bitcoin)
    }

    /// HPC's share of HPC plus the bitcoin side, absent lines counting as zero (0 when both are).
    pub fn share(self) -> f64 {
        let (hpc, bitcoin) = (self.hpc.unwrap_or(0), self.bitcoin.unwrap_or(0));
        let total = hpc.saturating_add(bitcoin);
        if total <= 0 { 0.0 } else { hpc as f64 / total as f64 }
    }
}

/// "Q1 2026" for calendar fiscal years, else "Q2 FY2026".
pub fn quarter_name(fiscal_year: i32, fiscal_quarter: u8, fiscal_year_end: FiscalYearEnd) -> String {
    let calendar = fiscal_year_end.month == 12;
    FiscalQuarter { fiscal_year, quarter: u32::from(fiscal_quarter), calendar }.to_string()
}

/// Quarters counted from year 0, so that consecutive quarters differ by one.
fn quarter_index(fiscal_year: i32, fiscal_quarter: u8) -> i64 {
    i64::from(fiscal_year) * 4 + i64::from(fiscal_quarter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quarter(fiscal_year: i32, fiscal_quarter: u8) -> Quarter {
        let day = chrono::NaiveDate::MIN;
        Quarter {
            fiscal_year,
            fiscal_quarter,
            period: Period { start: day, end: day },
            values: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn names_follow_the_fiscal_calendar() {
        let december = FiscalYearEnd { month: 12, day: 31 };
        let may = FiscalYearEnd { month: 5, day: 31 };
        assert_eq!(quarter(2026, 1).display(december), "Q1 2026");
        assert_eq!(quarter(2026, 2).display(may), "Q2 FY2026");
    }

    #[test]
    fn consecutive_quarters_cross_year_ends_and_gaps_break_them() {
        assert!(quarter(2026, 1).follows(&quarter(2025, 4)));
        assert!(quarter(2025, 3).follows(&quarter(2025, 2)));
        assert!(!quarter(2025, 4).follows(&quarter(2025, 2)));
        assert!(!quarter(2025, 1).follows(&quarter(2025, 1)));
    }
}
