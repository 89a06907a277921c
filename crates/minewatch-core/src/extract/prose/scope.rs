//! The scope a figure is stated for, as far as the words around it tell: a quarter, or
//! something else: longer (a half, nine months, a year, year to date, trailing twelve months)
//! or shorter (a month).
//!
//! Scope is read from the figure outward and stops at what governs it: the figure's own clause
//! ("FY 2024 revenue rose to $X"), then the heading it stands under ("Year-to-date (9 mo)"),
//! then the document ("its fiscal year 2024 financial results"). A quarter named in passing
//! never gives a longer-scoped document's figures a quarter.

use std::sync::LazyLock;

use regex::Regex;

use super::super::CALENDAR_YEAR_END as CALENDAR;
use super::super::period::{floor_char_boundary, mentions};
use super::lexicon::{LONGER_SCOPE, QUARTER_WORDS, SHORTER_SCOPE, is_forecast_word, numbered_length};

/// The scope a word gives: `Some(false)` the quarter, `Some(true)` a period other than a
/// quarter, longer or shorter, `None` none. Headings take only the longer ones: a page's
/// furniture names months and weeks ("Stock of the Month").
fn word_scope(word: &str) -> Option<bool> {
    if QUARTER_WORDS.contains(&word) {
        return Some(false);
    }
    // A half named with its year ("1H25", "2H2024").
    let half = word.strip_prefix(['1', '2']).and_then(|w| w.strip_prefix('h'));
    if half.is_some_and(|year| !year.is_empty() && year.chars().all(|c| c.is_ascii_digit())) {
        return Some(true);
    }
    let other = LONGER_SCOPE.contains(&word) || SHORTER_SCOPE.contains(&word);
    // A compound the lists lack is read by its parts ("trailing-twelve-month").
    let part = || {
        let parts: Vec<&str> = word.split('-').collect();
        let period = parts.iter().any(|p| matches!(*p, "month" | "months" | "year" | "years" | "week" | "weeks"));
        (parts.len() > 1 && period && parts.iter().any(|part| LONGER_SCOPE.contains(part))).then_some(true)
    };
    if other { Some(true) } else { numbered_length(word).or_else(part) }
}

/// The scope a heading gives the figures under it: `Some(true)` when it names only a longer
/// scope than a quarter ("Year-to-date (9 mo)"), `Some(false)` when it names a quarter (alone or
/// beside a year: "Fourth Quarter and Full Year 2024"), `None` when it names no scope.
pub fn heading_scope(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase().replace("year to date", "year-to-date");
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let quarter = words.iter().any(|w| QUARTER_WORDS.contains(w))
        || mentions(text, CALENDAR).iter().any(|m| m.period.months() == Some(3));
    let longer = words.iter().any(|w| LONGER_SCOPE.contains(w));
    (quarter || longer).then_some(longer && !quarter)
}

static RESULTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bresults\b").unwrap_or_else(|e| unreachable!("results regex: {e}")));

static YEAR_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:full[\s-]year|fiscal\s+(?:year\s+)?(?:20)?\d{2}|fy\s?['’‘]?(?:20)?\d{2}|annual|year[\s-]end(?:ed)?|twelve\s+months)\b")
        .unwrap_or_else(|e| unreachable!("year scope regex: {e}"))
});

static QUARTER_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:quarter(?:ly)?|q[1-4]|[1-4]q|three[\s-]months?|interim)\b")
        .unwrap_or_else(|e| unreachable!("quarter scope regex: {e}"))
});

/// How far (bytes) before "results" the words that say whose results they are may stand.
const RESULTS_REACH: usize = 100;

/// Whether the document reports a year, not a quarter: the first "results" it names with a
/// scope are a year's ("its fiscal year 2024 financial results") and no quarter's. Its figures
/// that name no quarter are then the year's, and a quarter it mentions in passing ("In Q4 2024,
/// the share fell to 40%") is not the one it reports.
pub fn reports_a_year(text: &str) -> bool {
    RESULTS
        .find_iter(text)
        .find_map(|m| {
            let lead = text.get(floor_char_boundary(text, m.start().saturating_sub(RESULTS_REACH))..m.start())?;
            let lead = lead.rsplit(['.', '\n']).next().unwrap_or(lead);
            let quarter = QUARTER_SCOPE.is_match(lead);
            let year = YEAR_SCOPE.find_iter(lead).any(|y| !names_a_date(lead, &y));
            (quarter || year).then_some(year && !quarter)
        })
        .unwrap_or(false)
}

/// Whether the document speaks of a year's figures anywhere ("full-year", "fiscal 2025",
/// "annual"): a quarter it names only by number may then be told apart from the year by nothing
/// but those words, so its dates do not place it.
pub fn speaks_of_a_year(text: &str) -> bool {
    YEAR_SCOPE.find_iter(text).any(|m| !names_a_date(text, &m) && !forecast(text, &m))
}

/// Whether the sentence of a match of [`YEAR_SCOPE`] looks ahead ("For the full year, we
/// continue to expect revenue of about $95 million"): a year's outlook states no year's figures.
fn forecast(text: &str, m: &regex::Match<'_>) -> bool {
    let start = text.get(..m.start()).and_then(|t| t.rfind(['.', '\n'])).map_or(0, |at| at + 1);
    let end = text.get(m.end()..).and_then(|t| t.find(['.', '\n'])).map_or(text.len(), |at| m.end() + at);
    let sentence = text.get(start..end).unwrap_or("").to_ascii_lowercase();
    sentence.split(|c: char| !c.is_alphanumeric()).any(is_forecast_word)
}

static AT_YEAR_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:at|since|from|by|as\s+of|until)\s+(?:the\s+)?(?:fiscal\s+)?$")
        .unwrap_or_else(|e| unreachable!("year end regex: {e}"))
});

/// Whether a match of [`YEAR_SCOPE`] is a point in time, not a year's figures: "cash of $X at
/// year-end", "up from $Y since year end".
fn names_a_date(text: &str, m: &regex::Match<'_>) -> bool {
    let lower = m.as_str().to_ascii_lowercase();
    let before = text.get(floor_char_boundary(text, m.start().saturating_sub(RESULTS_REACH))..m.start()).unwrap_or("");
    lower.starts_with("year") && !lower.ends_with("ed") && AT_YEAR_END.is_match(before)
}

/// The scope the words right after a figure give it, when they open with one ("$26.1 million
/// for the half", "… in the first nine months", "… for the quarter"): `Some(true)` for a scope
/// other than a quarter, `Some(false)` for the quarter, `None` when they name none. They govern
/// the figure before any word ahead of it does ("Nine new sites lifted revenue to $X for the
/// quarter").
pub fn scope_after(tail: &str) -> Option<bool> {
    // "$1.2 million (Q2) and $2.3 million (six months)": a scope in parentheses right after.
    if let Some(inner) = tail.trim_start().strip_prefix('(').and_then(|t| t.split_once(')')).map(|(inner, _)| inner) {
        let lower = inner.to_ascii_lowercase();
        let words = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty());
        if let Some(scope) = words.take(2).find_map(word_scope) {
            return Some(scope);
        }
    }
    let lower = tail.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let (preposition, rest) = words.split_first()?;
    if !matches!(*preposition, "for" | "in" | "during" | "over" | "through") {
        return None;
    }
    let rest = rest.strip_prefix(&["the"]).or_else(|| rest.strip_prefix(&["this"])).unwrap_or(rest);
    // "the first half", "the latest quarter": one word may stand before the scope's own.
    rest.iter().take(2).find_map(|w| if *w == "year" { Some(true) } else { word_scope(w) })
}

static FOR_THE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<lead>\b(?:for|in|during|over)\s+the\s+(?:(?:full|fiscal|whole|entire)\s+)?)year(?P<next>\s+(?:[a-z]*ed|was|were|is|of|came|reached|rose|fell|grew|to)\b|[,:]|$)")
        .unwrap_or_else(|e| unreachable!("for the year regex: {e}"))
});

/// Whether the words before a figure give it a scope other than a quarter ("FY 2024 revenue
/// rose to $X", "for the nine months … revenue of $X", "Monthly revenue of $X"): the nearest scope word decides, first in
/// the figure's own clause, then in the sentence before it.
pub fn other_scope(clause: &str, lead: &str) -> bool {
    nearest_scope(clause).or_else(|| nearest_scope(lead)).unwrap_or(false)
}

/// The scope the last scope word of `text` gives (`Some(false)` the quarter, `Some(true)`
/// another), `None` when it has none.
pub fn nearest_scope(text: &str) -> Option<bool> {
    // "Revenue for the year totaled $X": the year as a scope, not "a year ago".
    let lower = FOR_THE_YEAR.replace_all(&text.to_ascii_lowercase(), "${lead}full-year${next}").into_owned();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    // A quarter a range runs through ("year-to-date revenue through the fourth quarter") ends
    // a longer scope; it is not the figure's.
    let through =
        |at: usize| words[at.saturating_sub(3)..at].iter().any(|w| matches!(*w, "through" | "thru" | "until"));
    words
        .iter()
        .enumerate()
        .rev()
        .filter(|(at, w)| !(word_scope(w) == Some(false) && through(*at)))
        .find_map(|(_, w)| word_scope(w))
}
