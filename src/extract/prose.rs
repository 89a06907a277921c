//! Revenue figures stated in sentences: "HPC lease revenue of $21.0 million", "revenue from bitcoin
//! mining decreased to $12.9 million", "$7.3 million in AI cloud services revenue".
//!
//! Prose is the weakest source (rounded, and sentences compare periods), so only the first figure
//! after a revenue phrase is read, sentences about other periods (full year, prior year, outlook)
//! are skipped, and every figure is dated to the quarter the release reports. A release whose
//! quarter cannot be told gives no prose facts.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::Rules;
use super::period::mentions;
use super::segment::classify_or_warn;
use crate::model::{Extractor, Fact, Period};

/// Confidence of a figure read from a sentence.
pub const PROSE_CONFIDENCE: f32 = 0.5;

/// Words of a revenue line kept before "revenue" ("high performance computing services").
const MAX_LABEL_WORDS: usize = 4;

/// Words that end a line's name when reading backwards from "revenue".
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "for",
    "with",
    "to",
    "by",
    "from",
    "its",
    "our",
    "their",
    "while",
    "which",
    "that",
    "as",
    "at",
    "on",
    "recognized",
    "recognised",
    "generated",
    "reported",
    "recorded",
    "delivered",
    "posted",
    "achieved",
    "exceeded",
    "surpassed",
    "earned",
    "had",
    "has",
    "have",
    "quarterly",
    "record",
    "gaap",
    "consolidated",
    "company",
    "company's",
    "quarter",
    "quarter's",
    "including",
    "included",
    "driven",
    "was",
    "were",
    "is",
    "are",
];

/// Phrases that put a sentence about another period than the release's quarter.
const OTHER_PERIOD: &[&str] = &[
    "full year",
    "full-year",
    "fiscal year",
    "year ended",
    "twelve months",
    "nine months",
    "six months",
    "year-to-date",
    "year to date",
    "ytd",
    "guidance",
    "outlook",
    "expect",
    "annualized",
    "run-rate",
    "run rate",
    "backlog",
];

/// Phrases that, before the figure, make it a comparison period's.
const COMPARISON: &[&str] = &["prior", "previous", "year ago", "year-ago", "last year", "compared"];

static REVENUE_THEN_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        &[
            r"(?ix)\brevenues?(?P<from>\s+from\s+(?:[a-z][a-z\-]*\s+){0,3}?[a-z][a-z\-]*)?\s*,?\s+
        (?: was | were | of | totaled | totalled | reached | amounted\s+to | came\s+in\s+at
          | (?:increased|decreased|grew|rose|fell|declined|climbed|dropped|jumped)
            (?: [^$;]{0,40}?\bto | \s+from\s+\$[\d.,]+\s*(?:million|billion|thousand)?\s+to ) )
        \s+(?:approximately\s+|about\s+|roughly\s+|nearly\s+|~)?",
            AMOUNT,
        ]
        .concat(),
    )
    .unwrap_or_else(|e| unreachable!("prose regex: {e}"))
});

static AMOUNT_IN_REVENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&(AMOUNT.to_owned() + r"(?i)\s+(?:in|of)\s+(?P<label>(?:[a-z][a-z0-9\-/&]*\s+){0,5}?revenues?)\b"))
        .unwrap_or_else(|e| unreachable!("prose regex: {e}"))
});

/// `$21.0 million` → `num`, `unit`.
const AMOUNT: &str = r"(?i:\$\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<unit>million|billion|thousand|mm|bn|m|k)\b)?)";

/// Revenue facts stated in `text`, all dated to the quarter the release reports.
pub fn read_prose(text: &str, rules: &Rules<'_>, warnings: &mut Vec<String>) -> Vec<Fact> {
    let Some(period) = reporting_quarter(text, rules) else {
        return Vec::new();
    };
    let mut facts: Vec<Fact> = Vec::new();
    for sentence in sentences(text) {
        let lower = sentence.to_lowercase();
        if OTHER_PERIOD.iter().any(|p| lower.contains(p)) {
            continue;
        }
        let about_quarter = |at: usize| !COMPARISON.iter().any(|p| lower.get(..at).is_some_and(|b| b.contains(p)));
        let found = REVENUE_THEN_AMOUNT
            .captures_iter(sentence)
            .filter_map(|c| {
                let whole = c.get(0)?;
                let label = label_before(sentence, whole.start(), c.name("from").map_or("", |m| m.as_str()));
                Some((whole.start(), label, dollars(&c)?))
            })
            .chain(
                AMOUNT_IN_REVENUE
                    .captures_iter(sentence)
                    .filter_map(|c| Some((c.get(0)?.start(), c.name("label")?.as_str().to_string(), dollars(&c)?))),
            );
        for (at, label, value_usd) in found {
            if !about_quarter(at) || facts.iter().any(|f| f.label == label && f.value_usd == value_usd) {
                continue;
            }
            facts.push(Fact {
                segment: classify_or_warn(&label, rules.overrides, warnings),
                period,
                value_usd,
                label,
                concept: None,
                extractor: Extractor::Prose,
                confidence: PROSE_CONFIDENCE,
                raw_text: sentence.to_string(),
            });
        }
    }
    facts
}

/// The quarter a release reports: the first three-month period it names by date, else the first
/// it names by label ("first quarter 2026", "fiscal Q2 2026").
pub fn reporting_quarter(text: &str, rules: &Rules<'_>) -> Option<Period> {
    let quarters: Vec<_> = mentions(text, rules.fye).into_iter().filter(|m| m.period.months() == Some(3)).collect();
    quarters.iter().find(|m| m.dated).or(quarters.first()).map(|m| m.period)
}

/// Sentences and clauses: split at line breaks, semicolons and full stops before a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', ';']).flat_map(|line| line.split(". ")).map(str::trim).filter(|s| s.len() > 8)
}

/// The line's name: up to [`MAX_LABEL_WORDS`] words before "revenue", stopping at a stop word or
/// punctuation, then "revenue" and any "from …" phrase as written.
fn label_before(sentence: &str, revenue_at: usize, from: &str) -> String {
    let before = sentence.get(..revenue_at).unwrap_or("");
    let start = before.rfind([',', '(', ')', ':', '"', '“', '”']).map_or(0, |i| i + 1);
    let words: Vec<&str> = before[start..].split_whitespace().collect();
    let kept = words
        .iter()
        .rev()
        .take_while(|w| !STOP_WORDS.contains(&w.to_lowercase().as_str()) && !w.chars().any(|c| c.is_ascii_digit()))
        .take(MAX_LABEL_WORDS)
        .count();
    let revenue_word = sentence.get(revenue_at..).and_then(|r| r.split_whitespace().next()).unwrap_or("revenue");
    let revenue_word = revenue_word.trim_end_matches(|c: char| !c.is_alphabetic());
    let mut label = words[words.len() - kept..].join(" ");
    if !label.is_empty() {
        label.push(' ');
    }
    label.push_str(revenue_word);
    label.push_str(&from.split_whitespace().fold(String::new(), |acc, w| acc + " " + w));
    label
}

/// The figure of a match in whole dollars.
fn dollars(c: &Captures<'_>) -> Option<i64> {
    let num = c.name("num")?.as_str().replace(',', "");
    let scale: i64 = match c.name("unit").map(|u| u.as_str().to_ascii_lowercase()).as_deref() {
        Some("billion" | "bn") => 1_000_000_000,
        Some("million" | "mm" | "m") => 1_000_000,
        Some("thousand" | "k") => 1_000,
        _ => 1,
    };
    let (whole, fraction) = num.split_once('.').unwrap_or((&num, ""));
    let units: i128 = format!("{whole}{fraction}").parse().ok()?;
    let divisor = 10_i128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let scaled = units.checked_mul(i128::from(scale))?;
    i64::try_from((scaled * 2 + divisor) / (divisor * 2)).ok()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{FiscalYearEnd, Segment};

    const DEC: Rules<'static> = Rules { fye: FiscalYearEnd { month: 12, day: 31 }, overrides: &[] };

    fn read(text: &str) -> Vec<(Segment, i64, String)> {
        read_prose(text, &DEC, &mut Vec::new()).into_iter().map(|f| (f.segment, f.value_usd, f.label)).collect()
    }

    #[test]
    fn the_three_sentence_shapes_and_amount_first() {
        let text = "TeraWulf reported results for the first quarter of 2026.\n\
            HPC lease revenue of $21.0 million, up 117% quarter over quarter.\n\
            As power moved to HPC tenants, revenue from bitcoin mining decreased to $12.9 million.\n\
            For the quarter, total revenue was $34.0 million; Adjusted EBITDA was $9.8 million.\n\
            IREN generated $7.3 million in AI cloud services revenue.";
        assert_eq!(
            read(text),
            vec![
                (Segment::Hpc, 21_000_000, "HPC lease revenue".into()),
                (Segment::Mining, 12_900_000, "revenue from bitcoin mining".into()),
                (Segment::Total, 34_000_000, "total revenue".into()),
                (Segment::Hpc, 7_300_000, "AI cloud services revenue".into()),
            ]
        );
        let facts = read_prose(text, &DEC, &mut Vec::new());
        let q1 = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(facts[0].period, Period { start: q1(1, 1), end: q1(3, 31) });
        assert_eq!(facts[0].extractor, Extractor::Prose);
        assert_eq!(facts[0].raw_text, "HPC lease revenue of $21.0 million, up 117% quarter over quarter.");
    }

    #[test]
    fn two_lines_in_one_sentence() {
        let text = "Results for the three months ended November 30, 2025. \
            Bit Digital AI generated high performance computing services revenue of $12.2 million \
            and the Company recognized data center hosting revenue of $41.6 million.";
        assert_eq!(
            read(text),
            vec![
                (Segment::Hpc, 12_200_000, "high performance computing services revenue".into()),
                (Segment::Hosting, 41_600_000, "data center hosting revenue".into()),
            ]
        );
    }

    #[test]
    fn other_periods_and_undated_releases_are_skipped() {
        assert!(read("Total revenue was $34.0 million.").is_empty());
        let text = "First quarter 2026 results. Full year 2025 revenue was $168.5 million. \
            Compared to the prior year, revenue was $20.0 million. Net loss was $16.3 million.";
        assert!(read(text).is_empty());
    }
}
