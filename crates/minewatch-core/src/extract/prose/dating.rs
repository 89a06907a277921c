//! Which period each revenue amount belongs to.
//!
//! A figure belongs to the quarter its own words name (`for the First Quarter of 2024`, `in Q3
//! 2025`, `(Q2)`), else the quarter of the heading it stands under, else the quarter the release
//! reports. A comparison belongs to the quarter it names (`($113.5 million in Q2 FY25)`), or
//! implies (`the prior-year period` is the same quarter a year earlier, `the previous quarter`
//! the one before), or the release's "All amounts compared to Q2 2024"; one whose quarter cannot
//! be told has no period. Six-month, nine-month and full-year figures keep their period only when
//! it is dated ("six months ended June 30, 2023"); otherwise they have none.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate};
use regex::Regex;

use super::super::period::{MONTH, YEAR, mentions, month_number};
use super::lexicon::{
    FUTURE_PERIOD, OTHER_PERIOD, PRIOR_QUARTER, PRIOR_YEAR, QUARTER_ON_QUARTER, SHORTER_SCOPE, YEAR_ON_YEAR, last_said,
    says,
};
use super::scope::{nearest_scope, scope_after};
use crate::model::{FiscalQuarter, FiscalYearEnd, Period};

/// The periods a document gives its undated figures.
#[derive(Debug, Clone, Copy)]
pub struct Calendar {
    pub fye: FiscalYearEnd,
    /// The quarter the release reports.
    pub report: Option<Period>,
    /// The quarter the current heading names ("Q2 2025 Financial Highlights").
    pub heading: Option<Period>,
    /// "All amounts compared to Q2 2024 unless otherwise noted".
    pub compared_to: Option<Period>,
    /// The current heading names a longer scope and no quarter ("Year-to-date (9 mo)", "Full
    /// Year 2024 Highlights"): a figure under it that names no quarter of its own has none.
    pub longer_heading: bool,
    /// The day the document was published, when known: it gives the year of a quarter a figure
    /// names by number alone ("For the fourth quarter, … $42 million in revenue").
    pub published: Option<NaiveDate>,
    /// The quarter of the last figure a sentence stated: "AI cloud revenue also rose to $3.6
    /// million" is of the quarter the sentence before it named.
    pub previous: Option<Period>,
}

static YEARLESS_QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:q([1-4])|(first|second|third|fourth)[\s-]+(?:fiscal\s+)?quarter)\b")
        .unwrap_or_else(|e| unreachable!("quarter regex: {e}"))
});

static YEAR_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:\s+of)?(?:\s+fiscal)?(?:\s+year)?[\s'’‘\-]*(?:fy\s?['’‘]?)?\d{2}|\s+ended)")
        .unwrap_or_else(|e| unreachable!("quarter regex: {e}"))
});

static COMPARISON_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:compared|from|vs|versus|against|up|down)\b|\(").unwrap_or_else(|e| unreachable!("{e}"))
});

static IN_A_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:in|for|during)\s+(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d{2}\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static NEXT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:and|while|whereas|but)\b|;|,\s+(?P<next>[a-z][\w-]*)").unwrap_or_else(|e| unreachable!("{e}"))
});

/// Where the next clause starts in `text`: at a conjunction, a semicolon, or a comma before
/// words that are not the figure's own scope (", year to date", ", for fiscal 2025" are).
fn next_clause(text: &str) -> usize {
    const SCOPE_WORDS: &[&str] = &["for", "in", "during", "through", "year", "year-to-date", "ended", "ending", "on"];
    NEXT_CLAUSE
        .captures_iter(text)
        .filter(|c| c.name("next").is_none_or(|w| !SCOPE_WORDS.contains(&w.as_str().to_ascii_lowercase().as_str())))
        .find_map(|c| c.get(0))
        .map_or(text.len(), |m| m.start())
}

/// The period of a figure stated for its own period. `prefix` is the unit up to the figure,
/// `before` the words since the previous figure, `tail` the words up to the next one.
pub fn own_period(prefix: &str, before: &str, tail: &str, cal: &Calendar) -> Option<Period> {
    // The figure's own words end where a comparison starts ("… versus analysts' expectations").
    let own = tail.get(..COMPARISON_CUE.find(tail).map_or(tail.len(), |m| m.start())).unwrap_or("");
    // … and where the next clause starts ("$38.1 million and full-year revenue was …", "…
    // during Q2, implying an annualized run-rate"; a comma inside a date is not one).
    let own = own.get(..next_clause(own)).unwrap_or("");
    // Words right after the figure, or in its own clause, that name the quarter govern it before
    // any earlier word ("$14.0 million for the first half and $6.5 million for the second
    // quarter", "Year-to-date revenue reached $X, and third-quarter revenue was $Y").
    let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
    let quarter = scope_after(own).or_else(|| nearest_scope(clause)) == Some(false);
    let around = format!("{} {own}", if quarter { "" } else { prefix }).to_ascii_lowercase();
    if says(&format!("{clause} {own}").to_ascii_lowercase(), FUTURE_PERIOD) {
        return None;
    }
    // "… revenue of $387.5 million in 2023": a bare year is the year's figure, not a quarter's;
    // "… $0.4 million for the month" is a month's.
    if says(&around, OTHER_PERIOD)
        || says(&around, SHORTER_SCOPE)
        || IN_A_YEAR.is_match(own)
        || names_a_fiscal_year(&format!("{before} {own}"))
        || names_a_month(&format!("{before} {own}"))
        // "December highlights: mining revenue of $A, hosting revenue of $B": the sentence's month.
        || names_a_month(&format!("{prefix} {own}"))
    {
        let longer = |text: &str| mentions(text, cal.fye).into_iter().find(|m| m.dated && m.period.months() != Some(3));
        return longer(before).or_else(|| longer(tail)).map(|m| m.period);
    }
    let quarter = |text: &str| mentions(text, cal.fye).into_iter().find(|m| m.period.months() == Some(3));
    let anchor = if cal.longer_heading { None } else { cal.heading.or(cal.report) };
    quarter(own)
        .or_else(|| quarter(before))
        .map(|m| m.period)
        .or_else(|| anchor.and_then(|a| yearless(own, a, 0, cal.fye).or_else(|| yearless(before, a, 0, cal.fye))))
        .or_else(|| {
            let placed = |text: &str| {
                let (_, n) = yearless_quarters(text).next()?;
                placed_by_dates(n, &[cal.published?], cal.fye)
            };
            anchor.is_none().then(|| placed(own).or_else(|| placed(before))).flatten()
        })
        .or_else(|| ALSO.is_match(clause).then_some(cal.previous).flatten())
        .or(anchor)
}

static ALSO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\balso\b").unwrap_or_else(|e| unreachable!("{e}")));

static FISCAL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:fiscal\s+(?:year\s+)?|fy\s?['’‘]?)(?:19|20)?\d{2}\b(?P<quarter>\s+(?:q[1-4]|first|second|third|fourth)\b)?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static QUARTER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bquarter\b|\bq[1-4]\b|\b[1-4]q\b)[^.;,]{0,12}$").unwrap_or_else(|e| unreachable!("{e}"))
});

/// Whether the words name a fiscal year on its own ("for fiscal year 2025", "FY25 revenue"),
/// not as the year of a quarter ("Q2 FY26", "the first quarter of fiscal 2024", "FY2024 Q3").
fn names_a_fiscal_year(text: &str) -> bool {
    FISCAL_YEAR.captures_iter(text).any(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        c.name("quarter").is_none() && !QUARTER_BEFORE.is_match(text.get(..start).unwrap_or(""))
    })
}

/// The periods of a "respectively" sentence, one per figure in the order written ("$17.8 million
/// and $71.3 million during the three and nine months ended February 28, 2025, respectively";
/// "$35.2 million and $20.5 million for the quarters ended June 30, 2024 and 2023,
/// respectively"), when it names as many periods in one place as it states figures.
pub fn respectively(text: &str, figures: usize, fye: FiscalYearEnd) -> Option<Vec<Period>> {
    // "… for Q2 2025 and Q2 2024, respectively": as many periods, each named on its own, of one
    // length, in the order of the figures.
    if figures < 2 || !text.to_ascii_lowercase().contains("respectively") {
        return None;
    }
    named_together(text, figures, fye).or_else(|| {
        let found = mentions(text, fye);
        let months = found.first()?.period.months();
        let one_length = found.iter().all(|m| m.period.months() == months);
        (found.len() == figures && one_length).then(|| found.iter().map(|m| m.period).collect())
    })
}

/// The periods of a "respectively" sentence named together in one place, as many as its
/// figures ("for the three and six months ended June 30, 2025").
pub fn named_together(text: &str, figures: usize, fye: FiscalYearEnd) -> Option<Vec<Period>> {
    if figures < 2 || !text.to_ascii_lowercase().contains("respectively") {
        return None;
    }
    let found = mentions(text, fye);
    let mut places = found.chunk_by(|a, b| a.at == b.at);
    places.find(|place| place.len() == figures).map(|place| place.iter().map(|m| m.period).collect())
}

/// A month named, with the day after it when one follows.
static MONTH_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    // A day before the month ("30 June 2025") or after it ("June 30") makes a date.
    Regex::new(&format!(r"(?i)(?P<first>\b\d{{1,2}}(?:st|nd|rd|th)?\s+)?\b(?:{MONTH})\b\.?(?P<day>\s*\d{{1,2}}\b)?"))
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Whether the words name a month as the figure's scope ("revenue in October", "April 2024
/// revenue"), not a date or month that ends a period ("three months ended September 30", "the
/// quarter ended March"), nor a month beside words that name the quarter; "may" in lower case is
/// the verb.
fn names_a_month(text: &str) -> bool {
    // "recognized $8.1 million of revenue in the quarter" keeps the quarter, whatever else
    // happened in January.
    if text.to_ascii_lowercase().contains("quarter") {
        return false;
    }
    MONTH_NAMED.captures_iter(text).any(|c| {
        let Some(m) = c.get(0) else { return false };
        let lead = text.get(..m.start()).unwrap_or("").trim_end().to_ascii_lowercase();
        let ends_a_period = ["ended", "ending", "end of", "through"].iter().any(|w| lead.ends_with(w));
        let dated = c.name("day").is_some() || c.name("first").is_some();
        !dated && !m.as_str().starts_with("may") && !ends_a_period
    })
}

/// The period of a comparison of a figure of `head`: named in its `tail` or in the words
/// `before` it, implied, or the document's; `None` when none can be told.
pub fn comparison_period(before: &str, tail: &str, head: Period, cal: &Calendar) -> Option<Period> {
    let months = head.months();
    let named = |text: &str| mentions(text, cal.fye).into_iter().find(|m| m.period.months() == months);
    let year = |text: &str| {
        let y: i32 = YEAR.find(text)?.as_str().parse().ok()?;
        let back = u32::try_from(head.end.year() - y).ok().filter(|b| (1..=3).contains(b))?;
        shift_back(head, back * 12)
    };
    // A quarter is never compared with itself: a period named that is the head's own ("up from
    // $X a year ago, for the quarter ended June 30") dates the head, and the words imply the rest.
    let from = |text: &str| {
        named(text)
            .map(|m| m.period)
            .filter(|p| *p != head)
            .or_else(|| yearless(text, head, 1, cal.fye))
            .or_else(|| implied(text, head))
            .or_else(|| year(text))
    };
    // The comparison's own words end where the next clause starts ("from $250.4 million and up
    // 48% year over year": the year is the next clause's).
    let tail = tail.get(..next_clause(tail)).unwrap_or("");
    from(tail).or_else(|| from(before)).or_else(|| cal.compared_to.filter(|_| Some(head) == cal.report))
}

/// The period a comparison of a figure of `head` is implied to be by `text`'s words: a year back
/// ("the prior-year period", "year over year"), or a quarter back ("sequentially"). When the
/// text says both, the words nearest the figure decide ("down 41% year over year but a
/// sequential bump from $69 million").
pub fn implied(text: &str, head: Period) -> Option<Period> {
    let lower = text.to_ascii_lowercase();
    let year = last_said(&lower, PRIOR_YEAR).max(last_said(&lower, YEAR_ON_YEAR));
    let quarter = last_said(&lower, PRIOR_QUARTER).max(last_said(&lower, QUARTER_ON_QUARTER));
    match (year, quarter) {
        (Some(y), q) if q.is_none_or(|q| y > q) => shift_back(head, 12),
        (_, Some(_)) => shift_back(head, 3),
        _ => None,
    }
}

/// A quarter named without its year ("in Q2", "the third quarter"): the latest quarter of that
/// number at least `skip` quarters before `anchor`.
fn yearless(text: &str, anchor: Period, skip: u32, fye: FiscalYearEnd) -> Option<Period> {
    let (_, n) = yearless_quarters(text).next()?;
    (skip..skip + 4)
        .filter_map(|k| shift_back(anchor, 3 * k))
        .find(|p| FiscalQuarter::ending(p.end, fye).is_some_and(|q| q.quarter == n))
}

/// The quarters `text` names without a year, by number, with where each is named.
pub fn yearless_quarters(text: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    YEARLESS_QUARTER
        .captures_iter(text)
        .map_while(move |c| {
            let whole = c.get(0)?;
            let after = text.get(whole.end()..).unwrap_or("");
            if YEAR_FOLLOWS.is_match(after) {
                return Some(None);
            }
            // "the first quarter of lease commencement" names no fiscal quarter.
            if after.starts_with(" of ") {
                return None;
            }
            let n: u8 = match c.get(1) {
                Some(digit) => digit.as_str().parse().ok()?,
                None => match c.get(2)?.as_str().to_ascii_lowercase().as_str() {
                    "first" => 1,
                    "second" => 2,
                    "third" => 3,
                    _ => 4,
                },
            };
            Some(Some((whole.start(), n)))
        })
        .flatten()
}

/// Longest a document is published after the quarter it reports.
const PUBLISHED_WITHIN_DAYS: i64 = 150;

/// Quarter `n` of the year the document's own dates place it in: the quarter one of them ends
/// ("as of September 30, 2024" ends a third quarter), else the latest that closed shortly before
/// the first date given (the publication date, else the first written: a release comes after its quarter).
pub fn placed_by_dates(n: u8, dates: &[NaiveDate], fye: FiscalYearEnd) -> Option<Period> {
    let ended = dates.iter().find_map(|&d| FiscalQuarter::ending(d, fye).filter(|q| q.quarter == n));
    if let Some(quarter) = ended {
        return quarter.period(fye);
    }
    let first = *dates.first()?;
    (first.year() - 1..=first.year() + 1)
        .filter_map(|year| FiscalQuarter::new(year, n, fye).period(fye))
        .filter(|p| p.end <= first && (first - p.end).num_days() <= PUBLISHED_WITHIN_DAYS)
        .max_by_key(|p| p.end)
}

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\.\s+[A-Z\[]|\.$").unwrap_or_else(|e| unreachable!("{e}")));

static COMPARES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:compared|opposed|from|versus|vs|than|over|against|relative)\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// How many months before the document's quarter the words leading to a figure put it, when
/// they name an earlier period as the figure's own ("In the previous quarter, mining revenue was
/// $X": 3; "Last year's second-quarter revenue of $X": 12) rather than compare with one
/// ("compared to the prior-year period, revenue rose to $X" is the quarter's own).
pub fn looks_back(lead: &str, fye: FiscalYearEnd) -> Option<u32> {
    // Only the figure's own clause: a digest runs items together ("… last year [9] Revenues
    // for Q3 fiscal 2025 reached $X"), and a period named with its year is named, not implied.
    // A full stop ends a sentence only before a capital: "Brantwood Data Inc. reported" is one.
    let clause = SENTENCE_END.find_iter(lead).last().map_or(lead, |end| lead.get(end.end() - 1..).unwrap_or(lead));
    let clause = clause.rsplit([';', ']', '•']).next().unwrap_or(clause);
    let clause = clause.rsplit(" - ").next().unwrap_or(clause);
    let lower = clause.to_ascii_lowercase();
    if COMPARES.is_match(&lower) || !mentions(clause, fye).is_empty() {
        return None;
    }
    if says(&lower, PRIOR_QUARTER) { Some(3) } else { says(&lower, PRIOR_YEAR).then_some(12) }
}

/// A note's words for the day the results it restates came out ("… last issued its quarterly
/// earnings results on Wednesday, May 15th"), the year, when not written, the latest before
/// the note's publication.
static RELEASED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &r"(?ix)\b(?:posted|issued|released|reported|announced|published|put\s+out)\s+its\s+(?:[\w-]+\s+){0,3}?
        (?:earnings|results)(?:\s+(?:results|data|report))?\s+on\s+(?:[a-z]+day,?\s+)?
        (?P<m>MONTH)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>(?:19|20)\d{2})\b)?"
            .replace("MONTH", MONTH),
    )
    .unwrap_or_else(|e| unreachable!("released-on regex: {e}"))
});

/// The day the results a text restates were released, when it says so: its "quarter" is the
/// one closed last before that day, however long after the note was published.
pub fn results_released(text: &str, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let c = RELEASED_ON.captures(text)?;
    let month = month_number(c.name("m")?.as_str())?;
    let day: u32 = c.name("d")?.as_str().parse().ok()?;
    if let Some(year) = c.name("y") {
        return NaiveDate::from_ymd_opt(year.as_str().parse().ok()?, month, day);
    }
    let published = published?;
    [published.year(), published.year() - 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|released| *released <= published)
}

/// The fiscal quarter closed last, shortly before `day`: one that ends after it (June 30 for a
/// June 24 release, which a 52/53-week calendar would let "end" near it) has not closed.
pub fn last_closed(day: NaiveDate, fye: FiscalYearEnd) -> Option<Period> {
    (1..=4).filter_map(|n| placed_by_dates(n, &[day], fye)).filter(|p| p.end <= day).max_by_key(|p| p.end)
}

/// The period `months` earlier, month ends kept.
pub fn shift_back(period: Period, months: u32) -> Option<Period> {
    let back = Months::new(months);
    Some(Period {
        start: period.start.checked_sub_months(back)?,
        end: period.end.succ_opt()?.checked_sub_months(back)?.pred_opt()?,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_month_alone_is_a_months_scope() {
        assert!(super::names_a_month("Revenue in October was"));
        assert!(super::names_a_month("April 2024 revenue of"));
        assert!(!super::names_a_month("for the three months ended September 30, 2025, revenue"));
        assert!(!super::names_a_month("revenue may rise to"));
        assert!(!super::names_a_month("During the quarter ended March, Acme reported"));
        assert!(!super::names_a_month(
            "has earned revenue since January 2024 and recognized of revenue in the quarter"
        ));
    }

    #[test]
    fn a_fiscal_year_alone_is_not_a_quarters_year() {
        assert!(super::names_a_fiscal_year("mining revenue for fiscal year 2025 was"));
        assert!(super::names_a_fiscal_year("fy25 revenue of"));
        assert!(!super::names_a_fiscal_year("in q2 fy26, revenue"));
        assert!(!super::names_a_fiscal_year("the first quarter of fiscal year 2024"));
        assert!(!super::names_a_fiscal_year("fy2024 third quarter revenue"));
    }

    use super::*;
    use crate::model::test_dates::*;

    fn cal(report: Period, fye: FiscalYearEnd) -> Calendar {
        Calendar {
            fye,
            report: Some(report),
            heading: None,
            compared_to: None,
            longer_heading: false,
            published: None,
            previous: None,
        }
    }

    #[test]
    fn own_periods() {
        let q2 = p(d(2025, 4, 1), d(2025, 6, 30));
        let c = cal(q2, DEC);
        assert_eq!(
            own_period("Revenue for Q1 2024 was ", "Revenue for Q1 2024 was ", "", &c),
            Some(p(d(2024, 1, 1), d(2024, 3, 31)))
        );
        assert_eq!(own_period("Revenue (Q2): ", "Revenue (Q2): ", "", &c), Some(q2));
        assert_eq!(own_period("Six-month revenue was ", "", "", &c), None);
        let six = "Total revenue for the six months ended June 30, 2023 was ";
        assert_eq!(own_period(six, six, "", &c), Some(p(d(2023, 1, 1), d(2023, 6, 30))));
    }

    #[test]
    fn comparisons_named_implied_and_undetermined() {
        let q3 = p(d(2025, 1, 1), d(2025, 3, 31));
        let c = cal(q3, IREN);
        assert_eq!(comparison_period(" (", " in Q2 FY25)", q3, &c), Some(p(d(2024, 10, 1), d(2024, 12, 31))));
        assert_eq!(
            comparison_period(", down from ", " in the prior-year period", q3, &c),
            Some(p(d(2024, 1, 1), d(2024, 3, 31)))
        );
        assert_eq!(comparison_period(" from ", " the prior quarter", q3, &c), Some(p(d(2024, 10, 1), d(2024, 12, 31))));
        assert_eq!(comparison_period(", up from ", " in Q1 and", q3, &c), Some(p(d(2024, 7, 1), d(2024, 9, 30))));
        assert_eq!(comparison_period(" vs. ", ".", q3, &c), None);
        assert_eq!(
            comparison_period(", an increase from ", " in the previous year, due to", q3, &c),
            Some(p(d(2024, 1, 1), d(2024, 3, 31)))
        );
        // The head's own quarter named after the comparison dates the head, not the comparison.
        assert_eq!(
            comparison_period(", up from ", " a year ago, for the quarter ended March 31, 2025.", q3, &c),
            Some(p(d(2024, 1, 1), d(2024, 3, 31)))
        );
    }

    #[test]
    fn a_quarter_named_by_number_is_placed_by_the_documents_dates() {
        // A date that ends a quarter of that number places it.
        let as_of = [d(2025, 2, 12), d(2024, 12, 31)];
        assert_eq!(placed_by_dates(4, &as_of, DEC), Some(p(d(2024, 10, 1), d(2024, 12, 31))));
        // Else the dateline: the latest such quarter closed before it.
        assert_eq!(placed_by_dates(3, &[d(2025, 11, 4)], DEC), Some(p(d(2025, 7, 1), d(2025, 9, 30))));
        assert_eq!(placed_by_dates(2, &[d(2026, 2, 5)], IREN), Some(p(d(2025, 10, 1), d(2025, 12, 31))));
        // A first date long after any such quarter, or no date at all, places nothing.
        assert_eq!(placed_by_dates(1, &[d(2025, 11, 4)], DEC), None);
        assert_eq!(placed_by_dates(1, &[], DEC), None);
        assert_eq!(last_closed(d(2024, 2, 14), APLD), Some(p(d(2023, 9, 1), d(2023, 11, 30))));
        assert_eq!(last_closed(d(2025, 9, 30), DEC), Some(p(d(2025, 7, 1), d(2025, 9, 30))));
    }

    #[test]
    fn a_figures_quarter_named_by_number_takes_the_publication_year() {
        let q4 = p(d(2024, 10, 1), d(2024, 12, 31));
        let cal = Calendar { report: None, published: Some(d(2025, 2, 25)), ..cal(q4, DEC) };
        let before = "For the fourth quarter, Acme said it took in ";
        assert_eq!(own_period(before, before, " in revenue", &cal), Some(p(d(2024, 10, 1), d(2024, 12, 31))));
        assert_eq!(own_period(before, before, "", &Calendar { published: None, ..cal }), None);
    }

    #[test]
    fn the_cue_nearest_the_figure_says_how_far_back() {
        let q1 = p(d(2025, 1, 1), d(2025, 3, 31));
        let before = "down 41% year over year but a slight sequential bump from the ";
        assert_eq!(implied(before, q1), Some(p(d(2024, 10, 1), d(2024, 12, 31))));
        let before = "up 5% sequentially and 30% higher than the prior-year ";
        assert_eq!(implied(before, q1), Some(p(d(2024, 1, 1), d(2024, 3, 31))));
    }

    #[test]
    fn also_keeps_the_quarter_of_the_sentence_before() {
        let q3 = p(d(2025, 7, 1), d(2025, 9, 30));
        let cal = Calendar { report: None, previous: Some(q3), ..cal(q3, DEC) };
        let before = "Hosting revenue also climbed 12% to ";
        assert_eq!(own_period(before, before, ".", &cal), Some(q3));
        let before = "Hosting revenue climbed 12% to ";
        assert_eq!(own_period(before, before, ".", &cal), None);
    }

    #[test]
    fn words_that_name_an_earlier_period_as_the_figures_own() {
        assert_eq!(looks_back("In the previous quarter, hosting revenue was ", DEC), Some(3));
        assert_eq!(looks_back("Last year's third-quarter revenue of ", DEC), Some(12));
        assert_eq!(looks_back("A year earlier, revenue stood at ", DEC), Some(12));
        assert_eq!(looks_back("Compared with the prior-year period, revenue rose to ", DEC), None);
        assert_eq!(looks_back("Revenue, up 48% year over year, was ", DEC), None);
        assert_eq!(looks_back("Revenue grew 10% sequentially to ", DEC), None);
        assert_eq!(looks_back("a loss in the same quarter last year [9] Revenue for Q3 2025 reached ", DEC), None);
        assert_eq!(looks_back("income in the previous quarter [1] - Total revenues fell 23.1% to ", DEC), None);
    }

    #[test]
    fn quarters_without_a_year_are_listed_by_number() {
        let text = "Q4 2024 closed; the second quarter and Q3 follow";
        assert_eq!(yearless_quarters(text).map(|(_, n)| n).collect::<Vec<_>>(), vec![2, 3]);
    }
}
