//! Period headers and fiscal calendars.
//!
//! Tables and sentences name periods as words ("Three Months Ended March 31, 2026 and 2025",
//! "Q2 FY2026", "Thirteen Weeks Ended November 2, 2024"); this module turns them into
//! [`Period`]s, places a period in its company's fiscal year (IREN's year ends 30 June, so
//! July–September 2025 is Q1 FY2026), and derives quarters that were only reported as
//! year-to-date or full-year figures. Retail-style 52/53-week calendars end within a few days of
//! a month end, so period ends snap to the nearest month end when placed in a fiscal year.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Regex;
use serde::{Serialize, Serializer};

use crate::model::{FiscalYearEnd, Period};

/// How far (days) a period end may sit from a month end and still count as that month's end.
pub const MONTH_END_TOLERANCE_DAYS: u32 = 7;

/// How far (bytes) after "three months ended" a date may stand and still belong to it.
const DATE_REACH: usize = 80;

/// One quarter of a company's fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalQuarter {
    pub fiscal_year: i32,
    /// 1–4.
    pub quarter: u32,
    /// Whether the fiscal year is the calendar year (shown "Q1 2026", else "Q2 FY2026").
    pub calendar: bool,
}

impl FiscalQuarter {
    /// The fiscal quarter a period ending on `end` closes, if `end` is a quarter end of `fye`.
    pub fn ending(end: NaiveDate, fye: FiscalYearEnd) -> Option<FiscalQuarter> {
        let (year, month) = month_end_near(end)?;
        let after_fye = (month + 12 - fye.month) % 12;
        if !after_fye.is_multiple_of(3) {
            return None;
        }
        Some(FiscalQuarter {
            fiscal_year: if month <= fye.month { year } else { year + 1 },
            quarter: if after_fye == 0 { 4 } else { after_fye / 3 },
            calendar: fye.month == 12,
        })
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

/// Whole months a period covers: 3, 6, 9 or 12 (52/53-week periods included), else `None`.
pub fn months(period: &Period) -> Option<u32> {
    match period.days() {
        80..=100 => Some(3),
        170..=195 => Some(6),
        260..=285 => Some(9),
        350..=373 => Some(12),
        _ => None,
    }
}

/// A figure's reach within a fiscal year: a quarter (`months == 3`) or the year to date through
/// `quarter` (`months == 3 × quarter.quarter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub quarter: FiscalQuarter,
    pub months: u32,
}

impl Span {
    /// The span of `period`, if it is a fiscal quarter or a fiscal year-to-date.
    pub fn of(period: &Period, fye: FiscalYearEnd) -> Option<Span> {
        let months = months(period)?;
        let quarter = FiscalQuarter::ending(period.end, fye)?;
        (months == 3 || months == 3 * quarter.quarter).then_some(Span { quarter, months })
    }

    fn quarter(quarter: FiscalQuarter) -> Span {
        Span { quarter, months: 3 }
    }

    fn ytd(quarter: FiscalQuarter) -> Span {
        Span { quarter, months: 3 * quarter.quarter }
    }
}

/// A quarter computed from year-to-date figures (Q2 = 6M − Q1, Q3 = 9M − 6M, Q4 = FY − 9M).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derivation {
    pub quarter: FiscalQuarter,
    pub period: Period,
    pub value: i64,
    /// The spans subtracted or summed, minuend first.
    pub from: Vec<Span>,
}

/// Quarters missing from `known` that its year-to-date figures imply. A year-to-date figure that
/// is itself missing is taken as the sum of the quarters before it when all of them are known.
pub fn derive_quarters(known: &BTreeMap<Span, (Period, i64)>) -> Vec<Derivation> {
    let mut quarters: BTreeMap<FiscalQuarter, (Period, i64, Vec<Span>)> = known
        .iter()
        .filter(|(span, _)| span.months == 3)
        .map(|(span, &(period, value))| (span.quarter, (period, value, vec![*span])))
        .collect();
    let mut derived = Vec::new();
    for (&ytd, &(ytd_period, ytd_value)) in known.iter().filter(|(s, _)| s.months > 3) {
        let target = ytd.quarter;
        if ytd.months != 3 * target.quarter || quarters.contains_key(&target) {
            continue;
        }
        let Some((prior_end, prior_value, prior_from)) = year_to_date(known, &quarters, target) else {
            continue;
        };
        let Some(start) = prior_end.succ_opt() else {
            continue;
        };
        let period = Period { start, end: ytd_period.end };
        let from = std::iter::once(ytd).chain(prior_from).collect::<Vec<_>>();
        let value = ytd_value - prior_value;
        quarters.insert(target, (period, value, from.clone()));
        derived.push(Derivation { quarter: target, period, value, from });
    }
    derived
}

/// The year to date through the quarter before `target`: its end, value and the spans it came from.
fn year_to_date(
    known: &BTreeMap<Span, (Period, i64)>,
    quarters: &BTreeMap<FiscalQuarter, (Period, i64, Vec<Span>)>,
    target: FiscalQuarter,
) -> Option<(NaiveDate, i64, Vec<Span>)> {
    let previous = |q: u32| FiscalQuarter { quarter: q, ..target };
    let before = previous(target.quarter.checked_sub(1).filter(|&q| q >= 1)?);
    if let Some(&(period, value)) = known.get(&Span::ytd(before)) {
        return Some((period.end, value, vec![Span::ytd(before)]));
    }
    let mut sum = 0;
    let mut from = Vec::new();
    for q in 1..target.quarter {
        let (_, value, _) = quarters.get(&previous(q))?;
        sum += value;
        from.push(Span::quarter(previous(q)));
    }
    let (period, _, _) = quarters.get(&before)?;
    Some((period.end, sum, from))
}

static QUARTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:fiscal\s+)?
        (?: q([1-4]) | ([1-4])q | (first|second|third|fourth)\s+(?:fiscal\s+)?quarter )
        (?:\s+of)?(?:\s+fiscal)?(?:\s+year)?[\s']*(?:fy\s?'?)?((?:19|20)?\d{2})\b",
    )
    .unwrap_or_else(|e| unreachable!("quarter regex: {e}"))
});

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
          (three|six|nine|twelve|3|6|9|12)[\s-]+months?
        | (thirteen|fourteen|twenty[\s-]six|twenty[\s-]seven|thirty[\s-]nine|forty|fifty[\s-]two|fifty[\s-]three|13|14|26|27|39|40|52|53)[\s-]+weeks?
        | (?:fiscal\s+)?(quarter|year)s?
        )\s+ended\b",
    )
    .unwrap_or_else(|e| unreachable!("duration regex: {e}"))
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
            (?P<m1>MONTH)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b
          | (?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>MONTH)\b\.?
        )(?:,?\s*(?P<y>(?:19|20)\d{2})\b)?"
            .replace("MONTH", r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
            .as_str(),
    )
    .unwrap_or_else(|e| unreachable!("date regex: {e}"))
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").unwrap_or_else(|e| unreachable!("year regex: {e}")));

/// How long a period runs, as its header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Months(u32),
    Weeks(u64),
}

/// One period named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset where the mention starts.
    pub at: usize,
    pub period: Period,
    /// Named by its end date ("three months ended March 31, 2026"), not a label ("Q1 2026") that
    /// depends on the fiscal calendar.
    pub dated: bool,
}

/// Every period `text` names, in text order.
pub fn mentions(text: &str, fye: FiscalYearEnd) -> Vec<Mention> {
    let mut found: Vec<Mention> = QUARTER_LABEL
        .captures_iter(text)
        .filter_map(|c| {
            let quarter = c
                .get(1)
                .or(c.get(2))
                .map_or_else(|| ordinal(c.get(3).map_or("", |m| m.as_str())), |m| m.as_str().parse().ok())?;
            let year: i32 = c.get(4)?.as_str().parse().ok()?;
            let fiscal_year = if year < 100 { 2000 + year } else { year };
            let fq = FiscalQuarter { fiscal_year, quarter, calendar: fye.month == 12 };
            Some(Mention { at: c.get(0)?.start(), period: fq.period(fye)?, dated: false })
        })
        .collect();
    let durations: Vec<_> = DURATION.captures_iter(text).collect();
    for (i, c) in durations.iter().enumerate() {
        let (Some(whole), Some(length)) = (c.get(0), length_of(c)) else {
            continue;
        };
        let limit = durations
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(text.len(), |m| m.start())
            .min(floor_char_boundary(text, whole.end() + DATE_REACH));
        for end in ends_in(&text[whole.end()..limit]) {
            if let Some(period) = period_ending(end, length) {
                found.push(Mention { at: whole.start(), period, dated: true });
            }
        }
    }
    found.sort_by_key(|m| m.at);
    found
}

/// The periods a column header names, in order ("Three Months Ended March 31, 2026 and 2025").
pub fn parse_header(text: &str, fye: FiscalYearEnd) -> Vec<Period> {
    mentions(text, fye).into_iter().map(|m| m.period).collect()
}

fn ordinal(word: &str) -> Option<u32> {
    match word.to_ascii_lowercase().as_str() {
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    }
}

fn length_of(c: &regex::Captures<'_>) -> Option<Length> {
    let word = |i: usize| c.get(i).map(|m| m.as_str().to_ascii_lowercase().replace(['-', ' ', '\n', '\t'], ""));
    if let Some(months) = word(1) {
        return Some(Length::Months(match months.as_str() {
            "three" | "3" => 3,
            "six" | "6" => 6,
            "nine" | "9" => 9,
            _ => 12,
        }));
    }
    if let Some(weeks) = word(2) {
        let n = match weeks.as_str() {
            "thirteen" => 13,
            "fourteen" => 14,
            "twentysix" => 26,
            "twentyseven" => 27,
            "thirtynine" => 39,
            "forty" => 40,
            "fiftytwo" => 52,
            "fiftythree" => 53,
            digits => digits.parse().ok()?,
        };
        return Some(Length::Weeks(n));
    }
    Some(Length::Months(if word(3)? == "quarter" { 3 } else { 12 }))
}

/// Period end dates in the text after a duration phrase: "March 31, 2026 and 2025" gives two.
fn ends_in(text: &str) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    let dates: Vec<_> = DATE.captures_iter(text).collect();
    for (i, c) in dates.iter().enumerate() {
        let month = c.name("m1").or(c.name("m2")).and_then(|m| month_number(m.as_str()));
        let day = c.name("d1").or(c.name("d2")).and_then(|d| d.as_str().parse::<u32>().ok());
        let (Some(month), Some(day)) = (month, day) else {
            continue;
        };
        let mut years: Vec<i32> = c.name("y").and_then(|y| y.as_str().parse().ok()).into_iter().collect();
        let date_end = c.get(0).map_or(0, |m| m.end());
        let next_date = dates.get(i + 1).and_then(|n| n.get(0)).map_or(text.len(), |m| m.start());
        years.extend(YEAR.find_iter(&text[date_end..next_date]).filter_map(|y| y.as_str().parse::<i32>().ok()));
        ends.extend(years.into_iter().filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)));
    }
    ends
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == lower).and_then(|i| u32::try_from(i + 1).ok())
}

/// The period of `length` ending on `end`: calendar months when `end` is a month end, else
/// (52/53-week calendars) the same day-of-month `length` earlier.
fn period_ending(end: NaiveDate, length: Length) -> Option<Period> {
    let start = match length {
        Length::Weeks(weeks) => end.checked_sub_days(Days::new(weeks * 7))?.succ_opt()?,
        Length::Months(months) if end.succ_opt()?.day() == 1 => {
            NaiveDate::from_ymd_opt(end.year(), end.month(), 1)?.checked_sub_months(Months::new(months - 1))?
        }
        Length::Months(months) => end.checked_sub_months(Months::new(months))?.succ_opt()?,
    };
    Some(Period { start, end })
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEC: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };
    const IREN: FiscalYearEnd = FiscalYearEnd { month: 6, day: 30 };
    const APLD: FiscalYearEnd = FiscalYearEnd { month: 5, day: 31 };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn p(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    #[test]
    fn headers_name_their_periods() {
        let q1_26 = p(d(2026, 1, 1), d(2026, 3, 31));
        let q1_25 = p(d(2025, 1, 1), d(2025, 3, 31));
        assert_eq!(parse_header("Three Months Ended March 31, 2026 and 2025", DEC), vec![q1_26, q1_25]);
        assert_eq!(parse_header("Three Months Ended March 31, 2026", DEC), vec![q1_26]);
        assert_eq!(parse_header("Three Months Ended March 31, 2025", DEC), vec![q1_25]);
        assert_eq!(parse_header("Three months ended 31 March 2026", DEC), vec![q1_26]);
        assert_eq!(parse_header("Three months ended Mar. 31, 2026", DEC), vec![q1_26]);
        assert_eq!(parse_header("Q1 2026", DEC), vec![q1_26]);
        assert_eq!(parse_header("1Q26", DEC), vec![q1_26]);
        assert_eq!(parse_header("Six Months Ended June 30, 2025", DEC), vec![p(d(2025, 1, 1), d(2025, 6, 30))]);
        assert_eq!(parse_header("Fiscal Year Ended May 31, 2025", APLD), vec![p(d(2024, 6, 1), d(2025, 5, 31))]);
        assert_eq!(parse_header("Nine months ended September 30 2025", DEC), vec![p(d(2025, 1, 1), d(2025, 9, 30))]);
        assert_eq!(parse_header("Nine months ended September 30", DEC), vec![]);
        assert_eq!(parse_header("Three Months Ended", DEC), vec![]);
        assert_eq!(parse_header("Q2 FY2026", APLD), vec![p(d(2025, 9, 1), d(2025, 11, 30))]);
        assert_eq!(parse_header("fiscal first quarter 2026", IREN), vec![p(d(2025, 7, 1), d(2025, 9, 30))]);
    }

    #[test]
    fn weeks_count_back_from_the_end() {
        assert_eq!(parse_header("Thirteen Weeks Ended November 2, 2024", DEC), vec![p(d(2024, 8, 4), d(2024, 11, 2))]);
        assert_eq!(
            parse_header("Thirty-Nine Weeks Ended October 28, 2023", DEC),
            vec![p(d(2023, 1, 29), d(2023, 10, 28))]
        );
    }

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
    fn quarters_derive_from_year_to_date() {
        let fq = |quarter| FiscalQuarter { fiscal_year: 2025, quarter, calendar: true };
        let ends = [(1, 3, d(2025, 3, 31), 10), (2, 6, d(2025, 6, 30), 25)];
        let later = [(3, 9, d(2025, 9, 30), 45), (4, 12, d(2025, 12, 31), 70)];
        let known: BTreeMap<Span, (Period, i64)> = ends
            .into_iter()
            .chain(later)
            .map(|(q, months, end, v)| {
                let span = Span { quarter: fq(q), months };
                (span, (p(d(2025, 1, 1), end), v))
            })
            .collect();
        let derived = derive_quarters(&known);
        let got: Vec<_> = derived.iter().map(|x| (x.quarter.quarter, x.period, x.value)).collect();
        assert_eq!(
            got,
            vec![
                (2, p(d(2025, 4, 1), d(2025, 6, 30)), 15),
                (3, p(d(2025, 7, 1), d(2025, 9, 30)), 20),
                (4, p(d(2025, 10, 1), d(2025, 12, 31)), 25),
            ]
        );
        assert_eq!(derived[2].from, vec![Span { quarter: fq(4), months: 12 }, Span { quarter: fq(3), months: 9 }]);
    }

    #[test]
    fn full_year_less_three_known_quarters_gives_q4() {
        let fq = |quarter| FiscalQuarter { fiscal_year: 2025, quarter, calendar: true };
        let mut known = BTreeMap::new();
        for (q, end, v) in [(1, d(2025, 3, 31), 10), (2, d(2025, 6, 30), 15), (3, d(2025, 9, 30), 20)] {
            let start = FiscalQuarter::period(fq(q), DEC).map_or(end, |x| x.start);
            known.insert(Span { quarter: fq(q), months: 3 }, (p(start, end), v));
        }
        known.insert(Span { quarter: fq(4), months: 12 }, (p(d(2025, 1, 1), d(2025, 12, 31)), 70));
        let derived = derive_quarters(&known);
        assert_eq!(derived.len(), 1);
        assert_eq!((derived[0].quarter.quarter, derived[0].value), (4, 25));
        assert_eq!(derived[0].period, p(d(2025, 10, 1), d(2025, 12, 31)));
    }

    #[test]
    fn spans_recognise_quarters_and_year_to_date() {
        let span = |s, e| Span::of(&p(s, e), DEC).map(|x| (x.quarter.quarter, x.months));
        assert_eq!(span(d(2025, 1, 1), d(2025, 6, 30)), Some((2, 6)));
        assert_eq!(span(d(2025, 4, 1), d(2025, 6, 30)), Some((2, 3)));
        assert_eq!(span(d(2025, 4, 1), d(2025, 9, 30)), None);
    }

    #[test]
    fn mentions_carry_offsets() {
        let text = "reported results for the first quarter 2026. For the three months ended March 31, 2025";
        let found = mentions(text, DEC);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], Mention { at: 25, period: p(d(2026, 1, 1), d(2026, 3, 31)), dated: false });
        assert_eq!(found[1].period, p(d(2025, 1, 1), d(2025, 3, 31)));
        assert!(found[1].dated);
    }
}
