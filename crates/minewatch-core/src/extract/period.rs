//! Periods named in words.
//!
//! Tables and sentences name periods as words ("Three Months Ended March 31, 2026 and 2025",
//! "Q2 FY2026", "Thirteen Weeks Ended November 2, 2024"); this module turns them into
//! [`Period`]s, reading quarter labels in the company's fiscal calendar.

use std::sync::LazyLock;

use crate::model::{FiscalQuarter, FiscalYearEnd, Period};
use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Regex;

/// How far (bytes) after "three months ended" a date may stand and still belong to it.
const DATE_REACH: usize = 80;

static QUARTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:fiscal\s+)?
        (?: q([1-4]) | ([1-4])q | (first|second|third|fourth)\s+(?:fiscal\s+)?quarter )
        (?:\s+of)?(?:\s+fiscal)?(?:\s+year)?[^\S\n'’‘\-]*['’‘\-]?[^\S\n]*(?:fy\s?['’‘]?)?((?:19|20)?\d{2})\b",
    )
    .unwrap_or_else(|e| unreachable!("quarter regex: {e}"))
});

static YEAR_THEN_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:fy\s?['’‘]?|fiscal\s+(?:year\s+)?)((?:19|20)?\d{2})\s+
        (?: q([1-4]) | (first|second|third|fourth)\s+(?:fiscal\s+)?quarter )\b",
    )
    .unwrap_or_else(|e| unreachable!("quarter regex: {e}"))
});

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
          (?P<months>three|six|nine|twelve|3|6|9|12)(?:\s*(?:and|,|&)\s*(?P<also>three|six|nine|twelve|3|6|9|12))?[\s-]+months?(?:\s+fiscal)?(?:\s+(?:periods?|quarters?))?
        | (?P<weeks>thirteen|fourteen|twenty[\s-]six|twenty[\s-]seven|thirty[\s-]nine|forty|fifty[\s-]two|fifty[\s-]three|13|14|26|27|39|40|52|53)[\s-]+weeks?(?:\s+fiscal)?(?:\s+(?:periods?|quarters?|years?))?
        | (?:fiscal\s+)?(?P<unit>quarter|year)s?
        # Three months to 30 June 2025, as British filers write it.
        )\s+(?:ended|ending|to)\b
        # A table's shorthand, its end date right after: 3mo 6/30/25, 9 mos. ended 9/30/24.
        | (?P<abbr>3|6|9|12)\s?(?:mos?|mths?)\b\.?(?:\s+ended\b)?",
    )
    .unwrap_or_else(|e| unreachable!("duration regex: {e}"))
});

/// A month's name as a pattern, full or shortened ("September", "Sept", "Sep").
pub const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
            (?P<m1>MONTH)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b
          | (?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>MONTH)\b\.?
        )(?:,?\s*(?P<y>(?:19|20)\d{2})\b)?"
            .replace("MONTH", MONTH)
            .as_str(),
    )
    .unwrap_or_else(|e| unreachable!("date regex: {e}"))
});

/// A date in figures, month first as US tables write it ("6/30/25", "09/30/2024").
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])/((?:19|20)\d{2}|\d{2})\b")
        .unwrap_or_else(|e| unreachable!("numeric date regex: {e}"))
});

/// The dates `text` writes in figures, with where each starts.
fn numeric_dates(text: &str) -> impl Iterator<Item = (usize, NaiveDate)> + '_ {
    NUMERIC_DATE.captures_iter(text).filter_map(|c| {
        let part = |i: usize| c.get(i)?.as_str().parse::<i32>().ok();
        let year = part(3)?;
        let year = if year < 100 { 2000 + year } else { year };
        let date = NaiveDate::from_ymd_opt(year, u32::try_from(part(1)?).ok()?, u32::try_from(part(2)?).ok()?)?;
        Some((c.get(0)?.start(), date))
    })
}

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:19|20)\d{2}-[01]\d-[0-3]\d\b").unwrap_or_else(|e| unreachable!("date regex: {e}"))
});

/// A year as written ("2025"), not inside a longer number or word ("FY2025").
pub static YEAR: LazyLock<Regex> =
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
            // "Q1 2023-08-11" is a quarter without a year, then a date.
            let after = text.get(c.get(0)?.end()..).unwrap_or("");
            if after.starts_with(['-', '/']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let year: i32 = c.get(4)?.as_str().parse().ok()?;
            let fiscal_year = if year < 100 { 2000 + year } else { year };
            let fq = FiscalQuarter::new(fiscal_year, quarter, fye);
            Some(Mention { at: c.get(0)?.start(), period: fq.period(fye)?, dated: false })
        })
        .collect();
    // "FY2024 Third Quarter", "fiscal 2025 Q3": the year first.
    found.extend(YEAR_THEN_QUARTER.captures_iter(text).filter_map(|c| {
        let quarter =
            c.get(2).map_or_else(|| ordinal(c.get(3).map_or("", |m| m.as_str())), |m| m.as_str().parse().ok())?;
        let year: i32 = c.get(1)?.as_str().parse().ok()?;
        let fq = FiscalQuarter::new(if year < 100 { 2000 + year } else { year }, quarter, fye);
        Some(Mention { at: c.get(0)?.start(), period: fq.period(fye)?, dated: false })
    }));
    let durations: Vec<_> = DURATION.captures_iter(text).collect();
    for (i, c) in durations.iter().enumerate() {
        let (Some(whole), Some(length)) = (c.get(0), length_of(c)) else {
            continue;
        };
        // "three and six months ended …": both lengths, in the order written.
        let lengths = [Some(length), c.name("also").and_then(|m| months_named(m.as_str()))];
        let limit = durations
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(text.len(), |m| m.start())
            .min(floor_char_boundary(text, whole.end() + DATE_REACH));
        for length in lengths.into_iter().flatten() {
            for end in ends_in(&text[whole.end()..limit]) {
                if let Some(period) = period_ending(end, length) {
                    found.push(Mention { at: whole.start(), period, dated: true });
                }
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

/// A quarter's number written as a word or a digit ("second", "2").
pub(crate) fn ordinal(word: &str) -> Option<u8> {
    match word.to_ascii_lowercase().as_str() {
        "1" => Some(1),
        "2" => Some(2),
        "3" => Some(3),
        "4" => Some(4),
        "first" => Some(1),
        "second" => Some(2),
        "third" => Some(3),
        "fourth" => Some(4),
        _ => None,
    }
}

/// A length in months as a header writes it ("three", "9").
fn months_named(word: &str) -> Option<Length> {
    Some(Length::Months(match word.to_ascii_lowercase().as_str() {
        "three" | "3" => 3,
        "six" | "6" => 6,
        "nine" | "9" => 9,
        _ => 12,
    }))
}

fn length_of(c: &regex::Captures<'_>) -> Option<Length> {
    let word = |name: &str| c.name(name).map(|m| m.as_str().to_ascii_lowercase().replace(['-', ' ', '\n', '\t'], ""));
    if let Some(months) = word("months").or_else(|| word("abbr")) {
        return months_named(&months);
    }
    if let Some(weeks) = word("weeks") {
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
    Some(Length::Months(if word("unit")? == "quarter" { 3 } else { 12 }))
}

/// Period end dates in the text after a duration phrase: "March 31, 2026 and 2025" gives two.
fn ends_in(text: &str) -> Vec<NaiveDate> {
    let mut ends: Vec<(usize, NaiveDate)> = numeric_dates(text).collect();
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
        let at = c.get(0).map_or(0, |m| m.start());
        ends.extend(years.into_iter().filter_map(|y| Some((at, NaiveDate::from_ymd_opt(y, month, day)?))));
    }
    ends.sort_by_key(|(at, _)| *at);
    ends.into_iter().map(|(_, end)| end).collect()
}

static LENGTH_ENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?: (?P<months>three|six|nine|twelve|3|6|9|12)[\s-]+months? | (?:fiscal\s+)?(?P<unit>year|quarter) )
        \s+(?:ended|ending|to)\b (?:\s+(?P<m>MONTH)\.?\s+(?P<d>\d{1,2})\b)?"
            .replace("MONTH", MONTH)
            .as_str(),
    )
    .unwrap_or_else(|e| unreachable!("length regex: {e}"))
});

/// One column group of a header written over two lines: its length in months, and the month
/// and day it ends when the first line gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnGroup {
    pub months: u32,
    pub ends_on: Option<(u32, u32)>,
}

/// The column groups of a header line that names lengths but no year ("Three Months Ended
/// September 30, | Nine Months Ended September 30,", "3 Months Ended | 9 Months Ended"): the
/// years, or the dates, stand on the line under it.
pub fn lengths_without_years(text: &str) -> Vec<ColumnGroup> {
    if YEAR.is_match(text) {
        return Vec::new();
    }
    LENGTH_ENDED
        .captures_iter(text)
        .map(|c| {
            let months = match (c.name("months"), c.name("unit")) {
                (Some(m), _) => match m.as_str().to_ascii_lowercase().as_str() {
                    "three" | "3" => 3,
                    "six" | "6" => 6,
                    "nine" | "9" => 9,
                    _ => 12,
                },
                (None, Some(unit)) if unit.as_str().eq_ignore_ascii_case("quarter") => 3,
                _ => 12,
            };
            let month = c.name("m").and_then(|m| month_number(m.as_str()));
            let day = c.name("d").and_then(|d| d.as_str().parse().ok());
            ColumnGroup { months, ends_on: month.zip(day) }
        })
        .collect()
}

/// The periods of the line under such a header, left to right: its dates ("Sep. 30, 2024 |
/// Sep. 30, 2023 | …") or its years ("2024 | 2023 | 2024 | 2023") shared evenly among the
/// groups. Empty when they do not divide evenly or a year has no day to end on.
pub fn under_lengths(lengths: &[ColumnGroup], text: &str) -> Vec<Period> {
    let written = dates(text);
    let count = if written.is_empty() { YEAR.find_iter(text).count() } else { written.len() };
    if lengths.is_empty() || count == 0 || count % lengths.len() != 0 {
        return Vec::new();
    }
    let per_group = count / lengths.len();
    let ends: Vec<Option<NaiveDate>> = if written.is_empty() {
        YEAR.find_iter(text)
            .enumerate()
            .map(|(i, y)| {
                let (month, day) = lengths[i / per_group].ends_on?;
                NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, month, day)
            })
            .collect()
    } else {
        written.into_iter().map(Some).collect()
    };
    let periods: Option<Vec<Period>> = ends
        .into_iter()
        .enumerate()
        .map(|(i, end)| period_ending(end?, Length::Months(lengths[i / per_group].months)))
        .collect();
    periods.unwrap_or_default()
}

/// Every whole date the text writes ("Nov. 6, 2024", "30 September 2024", "2024-11-06"), in text
/// order: a document's dateline and its "as of" dates tell the year of a quarter it names without one.
pub fn dates(text: &str) -> Vec<NaiveDate> {
    let mut found: Vec<(usize, NaiveDate)> = DATE
        .captures_iter(text)
        .filter_map(|c| {
            let month = c.name("m1").or(c.name("m2")).and_then(|m| month_number(m.as_str()))?;
            let day = c.name("d1").or(c.name("d2")).and_then(|d| d.as_str().parse::<u32>().ok())?;
            let year = c.name("y")?.as_str().parse::<i32>().ok()?;
            Some((c.get(0)?.start(), NaiveDate::from_ymd_opt(year, month, day)?))
        })
        .collect();
    found.extend(
        ISO_DATE
            .find_iter(text)
            .filter_map(|m| Some((m.start(), NaiveDate::parse_from_str(m.as_str(), "%Y-%m-%d").ok()?))),
    );
    found.extend(numeric_dates(text));
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, date)| date).collect()
}

pub fn month_number(name: &str) -> Option<u32> {
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

/// The char boundary at or before `at` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::test_dates::*;

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
        assert_eq!(parse_header("Q1-26", DEC), vec![q1_26]);
        assert_eq!(parse_header("Six Months Ended June 30, 2025", DEC), vec![p(d(2025, 1, 1), d(2025, 6, 30))]);
        assert_eq!(parse_header("Fiscal Year Ended May 31, 2025", APLD), vec![p(d(2024, 6, 1), d(2025, 5, 31))]);
        assert_eq!(parse_header("Nine months ended September 30 2025", DEC), vec![p(d(2025, 1, 1), d(2025, 9, 30))]);
        assert_eq!(parse_header("Nine months ended September 30", DEC), vec![]);
        assert_eq!(parse_header("Three Months Ended", DEC), vec![]);
        assert_eq!(
            parse_header("the three-month period ended September 30, 2022", DEC),
            vec![p(d(2022, 7, 1), d(2022, 9, 30))]
        );
        assert_eq!(parse_header("Q2 FY2026", APLD), vec![p(d(2025, 9, 1), d(2025, 11, 30))]);
        assert_eq!(parse_header("fiscal first quarter 2026", IREN), vec![p(d(2025, 7, 1), d(2025, 9, 30))]);
        assert_eq!(
            parse_header("Three and Six Months ended December 31, 2023", DEC),
            vec![p(d(2023, 10, 1), d(2023, 12, 31)), p(d(2023, 7, 1), d(2023, 12, 31))]
        );
    }

    #[test]
    fn a_quarter_does_not_take_its_year_from_a_date_or_the_next_line() {
        assert_eq!(parse_header("loss in Q1 2023-08-11 01:15 ET", DEC), vec![]);
        assert_eq!(parse_header("loss in Q1\n2023 was a year of growth", DEC), vec![]);
        assert_eq!(parse_header("Q1 - 2023", DEC), vec![p(d(2023, 1, 1), d(2023, 3, 31))]);
        // A typographic apostrophe shortens the year as a plain one does.
        assert_eq!(parse_header("against Q3’24", DEC), vec![p(d(2024, 7, 1), d(2024, 9, 30))]);
        assert_eq!(parse_header("FY‘26 Q1", IREN), vec![p(d(2025, 7, 1), d(2025, 9, 30))]);
    }

    #[test]
    fn a_fiscal_year_may_come_before_its_quarter() {
        assert_eq!(parse_header("FY2026 Second Quarter", APLD), vec![p(d(2025, 9, 1), d(2025, 11, 30))]);
        assert_eq!(parse_header("fiscal 2026 Q1", IREN), vec![p(d(2025, 7, 1), d(2025, 9, 30))]);
    }

    #[test]
    fn weeks_count_back_from_the_end() {
        assert_eq!(parse_header("Thirteen Weeks Ended November 2, 2024", DEC), vec![p(d(2024, 8, 4), d(2024, 11, 2))]);
        assert_eq!(
            parse_header("Thirty-Nine Weeks Ended October 28, 2023", DEC),
            vec![p(d(2023, 1, 29), d(2023, 10, 28))]
        );
        // Prose puts the kind of period between the length and "ended".
        let text =
            "for the 13-week fiscal quarter ended November 2, 2024 and the 39-week period ended November 2, 2024";
        let found: Vec<_> = mentions(text, DEC).into_iter().map(|m| m.period).collect();
        assert_eq!(found, vec![p(d(2024, 8, 4), d(2024, 11, 2)), p(d(2024, 2, 4), d(2024, 11, 2))]);
        let found: Vec<_> =
            mentions("in the three-month period ended June 30, 2025", DEC).into_iter().map(|m| m.period).collect();
        assert_eq!(found, vec![p(d(2025, 4, 1), d(2025, 6, 30))]);
    }

    #[test]
    fn shorthand_headers_with_dates_in_figures() {
        let q3 = p(d(2024, 7, 1), d(2024, 9, 30));
        assert_eq!(
            parse_header("Sales $000s 3mo 9/30/24 3mo 9/30/23", DEC),
            vec![q3, p(d(2023, 7, 1), d(2023, 9, 30))]
        );
        assert_eq!(parse_header("9 mos. ended 09/30/2024", DEC), vec![p(d(2024, 1, 1), d(2024, 9, 30))]);
        assert_eq!(dates("Filed 11/12/2024 for the quarter"), vec![d(2024, 11, 12)]);
        // A figure's unit is no length: "$3m" ends no period.
        assert!(parse_header("$3m 9/30/24", DEC).is_empty());
        assert!(parse_header("a 24/7 site", DEC).is_empty());
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
