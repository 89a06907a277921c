//! Spans and derived quarters: a figure's reach within its company's fiscal year, and the
//! quarters reported only inside year-to-date or full-year figures (Q2 = 6M − Q1, Q4 = FY − 9M).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{FiscalQuarter, FiscalYearEnd, Period};

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
        let months = period.months()?;
        let quarter = FiscalQuarter::ending(period.end, fye)?;
        (months == 3 || months == 3 * u32::from(quarter.quarter)).then_some(Span { quarter, months })
    }

    fn quarter(quarter: FiscalQuarter) -> Span {
        Span { quarter, months: 3 }
    }

    fn ytd(quarter: FiscalQuarter) -> Span {
        Span { quarter, months: 3 * u32::from(quarter.quarter) }
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
        if ytd.months != 3 * u32::from(target.quarter) || quarters.contains_key(&target) {
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
    let previous = |q: u8| FiscalQuarter { quarter: q, ..target };
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_dates::*;

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
}
