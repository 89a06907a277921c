//! Publish dates as newswires and IR pages write them, to a calendar date.
//!
//! A release's date is the day the company published it, in the publisher's own time zone: a
//! 20:05 GMT release of 8 May (16:05 in New York) is dated 8 May, so the offset is kept rather
//! than converted. RSS writes RFC 2822 (`Fri, 08 May 2026 20:05 GMT`), Atom RFC 3339, IR pages
//! `<time datetime>` attributes or prose dates ("May 8, 2026", "8 May 2026", "05/08/2026").

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// `May 8, 2026`, `Sept. 30, 2025`, `8 May 2026`, `2026-05-08`, `05/08/2026` (US month first).
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})\b
        | \b(?P<d2>\d{1,2})\s+(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>\d{4})\b
        | \b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b
        | \b(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>\d{4})\b",
    )
    .unwrap_or_else(|e| unreachable!("date regex: {e}"))
});

/// A machine-written timestamp: RFC 2822, RFC 3339, or a bare `YYYY-MM-DD`.
pub fn parse_timestamp(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    DateTime::parse_from_rfc2822(s)
        .or_else(|_| DateTime::parse_from_rfc3339(s))
        .map(|t| t.date_naive())
        .ok()
        .or_else(|| s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
        .or_else(|| find_in_text(s))
}

/// The first date written in running text.
pub fn find_in_text(text: &str) -> Option<NaiveDate> {
    TEXT_DATE.captures_iter(text).find_map(|c| {
        let number = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let month_name = |name: &str| {
            let m = c.name(name)?.as_str().to_ascii_lowercase();
            MONTHS.iter().position(|&known| m.starts_with(known)).map(|i| i as u32 + 1)
        };
        let (year, month, day) = if c.name("y1").is_some() {
            (number("y1")?, month_name("m1")?, number("d1")?)
        } else if c.name("y2").is_some() {
            (number("y2")?, month_name("m2")?, number("d2")?)
        } else if c.name("y3").is_some() {
            (number("y3")?, number("m3")?, number("d3")?)
        } else {
            (number("y4")?, number("m4")?, number("d4")?)
        };
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn rfc_2822_keeps_the_publishers_day() {
        assert_eq!(parse_timestamp("Fri, 08 May 2026 20:05:00 GMT"), d(2026, 5, 8));
        assert_eq!(parse_timestamp("Fri, 08 May 2026 20:05 GMT"), d(2026, 5, 8), "GlobeNewswire omits seconds");
        assert_eq!(parse_timestamp("Thu, 07 May 2026 22:30:00 -0400"), d(2026, 5, 7), "not moved to UTC");
    }

    #[test]
    fn rfc_3339_and_bare_dates() {
        assert_eq!(parse_timestamp("2026-05-06T16:05:00-04:00"), d(2026, 5, 6));
        assert_eq!(parse_timestamp("2026-05-06T23:05:00Z"), d(2026, 5, 6));
        assert_eq!(parse_timestamp(" 2026-05-06 "), d(2026, 5, 6));
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp("2026-13-45"), None);
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(find_in_text("Published May 8, 2026 at 4:05 PM"), d(2026, 5, 8));
        assert_eq!(find_in_text("Sept. 30, 2025"), d(2025, 9, 30));
        assert_eq!(find_in_text("IREN · 14 November 2025 · PDF"), d(2025, 11, 14));
        assert_eq!(find_in_text("05/08/2026"), d(2026, 5, 8));
        assert_eq!(find_in_text("February 30, 2026 or March 2, 2026"), d(2026, 3, 2), "an impossible date is skipped");
        assert_eq!(find_in_text("Q1 2026 results"), None);
    }
}
