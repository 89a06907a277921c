//! The fiscal year a document states, for a filer whose calendar the configuration lacks.
//!
//! A release of a company outside the universe is read with calendar-year defaults, so its
//! "fiscal first quarter 2026" would become January–March 2026. Such releases nearly always say
//! which months they mean ("the three months ended September 30, 2025") or where their year ends
//! ("whose fiscal year ends June 30"); either fixes the calendar for the whole text.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::extract::period::{floor_char_boundary, month_number, ordinal};
use crate::model::FiscalYearEnd;

/// How far (bytes) after a fiscal quarter's name the date that ends it may stand.
const END_REACH: usize = 70;

static FISCAL_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
          fiscal\s+(?:year\s+)?(?:20)?\d{2}\s+(?P<a>first|second|third|fourth)\s+quarter
        | fiscal\s+(?P<b>first|second|third|fourth)\s+quarter
        | (?P<c>first|second|third|fourth)\s+(?:fiscal\s+)?quarter\s+of\s+fiscal
        | fiscal\s+q(?P<d>[1-4])
        | q(?P<e>[1-4])\s+(?:of\s+)?(?:fiscal|fy)
        | fy\s?['’‘]?(?:20)?\d{2}\s+q(?P<f>[1-4])
        )",
    )
    .unwrap_or_else(|e| unreachable!("fiscal quarter regex: {e}"))
});

static ENDED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bend(?:ed|ing|s)?\s+(?:on\s+)?([a-z]{3,9})\.?\s+(\d{1,2})\b")
        .unwrap_or_else(|e| unreachable!("ended regex: {e}"))
});

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[;\n]|\.\s+[A-Z]").unwrap_or_else(|e| unreachable!("sentence end regex: {e}")));

static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:from|compared|versus|vs|against|over|than|prior|previous|last)\b")
        .unwrap_or_else(|e| unreachable!("compared regex: {e}"))
});

static YEAR_ENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bfiscal\s+year\s+(?:ends|ending|ended|end)\s+(?:on\s+)?([a-z]{3,9})\.?\s+\d{1,2}\b")
        .unwrap_or_else(|e| unreachable!("year end regex: {e}"))
});

/// The fiscal year end the text states, when it states one (and all it states agree).
pub fn stated(text: &str) -> Option<FiscalYearEnd> {
    let by_quarter = FISCAL_QUARTER.captures_iter(text).filter_map(|c| {
        let whole = c.get(0)?;
        let n = ["a", "b", "c", "d", "e", "f"].iter().find_map(|g| c.name(g)).and_then(|m| ordinal(m.as_str()))?;
        let after = text.get(whole.end()..).unwrap_or("");
        let near = after.get(..floor_char_boundary(after, END_REACH)).unwrap_or(after);
        // The date must end this quarter, not one of the next sentence ("Sept. 30" is one) nor
        // a quarter it is compared with ("rose from the quarter ended June 30").
        let near = near.get(..SENTENCE_END.find(near).map_or(near.len(), |m| m.start())).unwrap_or(near);
        let end = ENDED_ON.captures(near)?;
        let between = near.get(..end.get(0)?.start()).unwrap_or("").to_ascii_lowercase();
        if COMPARED.is_match(&between) {
            return None;
        }
        let month = month_number(end.get(1)?.as_str())?;
        // Quarter n ends 3 × (4 − n) months before the year does.
        Some(month_end((month - 1 + 3 * (4 - u32::from(n))) % 12 + 1))
    });
    let by_year = YEAR_ENDS.captures_iter(text).filter_map(|c| month_number(c.get(1)?.as_str()).map(month_end));
    let mut all = by_quarter.chain(by_year);
    let first = all.next()?;
    all.all(|other| other == first).then_some(first)
}

/// The fiscal year end on the last day of `month` (February as in a common year).
fn month_end(month: u32) -> FiscalYearEnd {
    let next = NaiveDate::from_ymd_opt(2023 + i32::from(month == 12), month % 12 + 1, 1);
    let day = next.and_then(|d| d.pred_opt()).map_or(28, |d| d.day());
    FiscalYearEnd { month, day }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_dates::{APLD, DEC, IREN};

    #[test]
    fn a_fiscal_quarter_and_the_date_it_ends_give_the_year() {
        let said = |text| stated(text);
        assert_eq!(
            said("For its fiscal first quarter 2026, the three months ended September 30, 2025, revenue"),
            Some(IREN)
        );
        assert_eq!(said("Q1 FY2026 (quarter ended September 30, 2025): revenue $33.3 million"), Some(IREN));
        assert_eq!(said("its fiscal 2026 second quarter ended December 31, 2025 brought"), Some(IREN));
        assert_eq!(said("the third quarter of fiscal 2025, which ended February 28, 2025"), Some(APLD));
        assert_eq!(said("Fiscal Q4 2025 (three months ended December 31, 2025)"), Some(DEC));
        assert_eq!(said("Acme, whose fiscal year ends June 30, reported"), Some(IREN));
        assert_eq!(said("fiscal Q1 2026 (three months ended Sept. 30, 2025)"), Some(IREN));
        assert_eq!(said("fiscal first quarter revenue rose 28% from the quarter ended June 30 to $240 million"), None);
    }

    #[test]
    fn no_statement_or_a_contradiction_gives_none() {
        assert_eq!(stated("Revenue for the third quarter ended September 30, 2025 was $9 million"), None);
        assert_eq!(stated("fiscal Q1 ended September 30 and fiscal Q1 ended March 31"), None);
        assert_eq!(
            stated("as in the first quarter of fiscal 2024.\nResults for the three months ended December 31"),
            None
        );
    }
}
