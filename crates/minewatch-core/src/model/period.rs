//! Periods and fiscal calendars: which quarter of its company's fiscal year a figure speaks of.
//!
//! IREN's year ends 30 June, so July–September 2025 is Q1 FY2026. Retail-style 52/53-week
//! calendars end within a few days of a month end, so period ends snap to the nearest month end
//! when placed in a fiscal year.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

/// How far (days) a period end may sit from a month end and still count as that month's end.
pub const MONTH_END_TOLERANCE_DAYS: u32 = 7;

/// An inclusive date range, as filings write them ("January 1, 2026 – March 31, 2026").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// Length in days, counting both ends.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whole months the period covers: 3, 6, 9 or 12 (52/53-week periods included), else `None`.
    pub fn months(&self) -> Option<u32> {
        match self.days() {
            80..=100 => Some(3),
            170..=195 => Some(6),
            260..=285 => Some(9),
            350..=373 => Some(12),
            _ => None,
        }
    }
}

/// Month and day on which a company's fiscal year ends (IREN: 06-30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalYearEnd {
    pub month: u32,
    pub day: u32,
}

impl FiscalYearEnd {
    /// Whether the fiscal year is the calendar year.
    pub fn is_calendar(self) -> bool {
        self.month == 12
    }
}

/// One quarter of a company's fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalQuarter {
    pub fiscal_year: i32,
    /// 1–4.
    pub quarter: u8,
    /// Whether the fiscal year is the calendar year (shown "Q1 2026", else "Q2 FY2026").
    pub calendar: bool,
}

impl FiscalQuarter {
    /// Quarter `quarter` of `fiscal_year` in the calendar `fye` names.
    pub fn new(fiscal_year: i32, quarter: u8, fye: FiscalYearEnd) -> FiscalQuarter {
        FiscalQuarter { fiscal_year, quarter, calendar: fye.is_calendar() }
    }

    /// The fiscal quarter a period ending on `end` closes, if `end` is a quarter end of `fye`.
    pub fn ending(end: NaiveDate, fye: FiscalYearEnd) -> Option<FiscalQuarter> {
        let (year, month) = month_end_near(end)?;
        let after_fye = (month + 12 - fye.month) % 12;
        if !after_fye.is_multiple_of(3) {
            return None;
        }
        let fiscal_year = if month <= fye.month { year } else { year + 1 };
        let quarter = if after_fye == 0 { 4 } else { u8::try_from(after_fye / 3).ok()? };
        Some(FiscalQuarter::new(fiscal_year, quarter, fye))
    }

    /// The calendar-month bounds of this quarter.
    pub fn period(self, fye: FiscalYearEnd) -> Option<Period> {
        let fy_end = i64::from(self.fiscal_year) * 12 + i64::from(fye.month) - 1;
        let end_index = fy_end - 3 * i64::from(4 - self.quarter.clamp(1, 4));
        let first_of = |index: i64| {
            NaiveDate::from_ymd_opt(
                i32::try_from(index.div_euclid(12)).ok()?,
                u32::try_from(index.rem_euclid(12)).ok()? + 1,
                1,
            )
        };
        Some(Period { start: first_of(end_index - 2)?, end: first_of(end_index + 1)?.pred_opt()? })
    }

    /// Whether `self` is the quarter right after `previous`.
    pub fn follows(self, previous: FiscalQuarter) -> bool {
        self.index() == previous.index() + 1
    }

    /// Quarters counted from year 0, so that consecutive quarters differ by one.
    fn index(self) -> i64 {
        i64::from(self.fiscal_year) * 4 + i64::from(self.quarter)
    }
}

impl fmt::Display for FiscalQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fy = if self.calendar { "" } else { "FY" };
        write!(f, "Q{} {fy}{}", self.quarter, self.fiscal_year)
    }
}

impl Serialize for FiscalQuarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The (year, month) whose last day `date` is, allowing 52/53-week calendars to miss by a few days.
fn month_end_near(date: NaiveDate) -> Option<(i32, u32)> {
    let after = date.checked_add_days(Days::new(u64::from(MONTH_END_TOLERANCE_DAYS)))?;
    let before = date.checked_sub_days(Days::new(u64::from(MONTH_END_TOLERANCE_DAYS)))?;
    if after.month() != date.month() {
        Some((date.year(), date.month()))
    } else if before.month() != date.month() {
        Some((before.year(), before.month()))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::test_dates::*;

    #[test]
    fn fiscal_quarters_follow_the_year_end() {
        let q = |end, fye| FiscalQuarter::ending(end, fye).map(|q| q.to_string());
        assert_eq!(q(d(2025, 9, 30), IREN).as_deref(), Some("Q1 FY2026"));
        assert_eq!(q(d(2025, 12, 31), IREN).as_deref(), Some("Q2 FY2026"));
        assert_eq!(q(d(2025, 11, 30), APLD).as_deref(), Some("Q2 FY2026"));
        assert_eq!(q(d(2025, 5, 31), APLD).as_deref(), Some("Q4 FY2025"));
        assert_eq!(q(d(2026, 3, 31), DEC).as_deref(), Some("Q1 2026"));
        assert_eq!(q(d(2024, 12, 28), DEC).as_deref(), Some("Q4 2024"));
        assert_eq!(q(d(2025, 1, 3), DEC).as_deref(), Some("Q4 2024"));
        assert_eq!(q(d(2026, 2, 28), DEC), None);
        assert_eq!(q(d(2026, 3, 15), DEC), None);
        let fq = FiscalQuarter { fiscal_year: 2026, quarter: 2, calendar: false };
        assert_eq!(fq.period(APLD), Some(p(d(2025, 9, 1), d(2025, 11, 30))));
        assert_eq!(fq.period(IREN), Some(p(d(2025, 10, 1), d(2025, 12, 31))));
    }

    #[test]
    fn quarters_follow_across_years_and_gaps_do_not() {
        let q = |y, n| FiscalQuarter::new(y, n, DEC);
        assert!(q(2026, 1).follows(q(2025, 4)));
        assert!(q(2025, 3).follows(q(2025, 2)));
        assert!(!q(2025, 4).follows(q(2025, 2)));
        assert!(!q(2025, 1).follows(q(2025, 1)));
    }
}

/// Calendars and date shorthands the unit tests of every stage share.
#[cfg(test)]
pub(crate) mod test_dates {
    use super::*;

    pub const DEC: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };
    pub const IREN: FiscalYearEnd = FiscalYearEnd { month: 6, day: 30 };
    pub const APLD: FiscalYearEnd = FiscalYearEnd { month: 5, day: 31 };

    pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    pub fn p(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }
}
