//! A figure's parts listed in parentheses right after it: "revenue reached $20.2 million (cloud
//! services $18.0 million; colocation $1.7 million)", "(mining: $5.0 million, hosting: $2.0
//! million)".
//!
//! The reader already knows a total's parts when a sentence says so ("including $18.0 million
//! from cloud services and $1.7 million from colocation"); a parenthesis of named amounts is the
//! same statement written short. So such a parenthesis is written out in those words before the
//! text is split into units (whose clauses a semicolon inside it would otherwise end). A
//! parenthesis is a breakdown only when the figure before it is revenue's (a revenue word is the
//! last metric word of its sentence before it), it holds two or more items, each item names a
//! line the reader can place (never a period: "(Q2 2024: $9.8 million)", "(July $3.1 million;
//! August $3.3 million)" stay as they are) and each amount is a US-dollar one.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::super::segment::classify;
use super::amounts::ends_in_currency_letters;
use super::attach::is_revenue_word;
use super::lexicon::{NOT_REVENUE, OTHER_METRIC, OTHER_PERIOD, PRIOR_QUARTER, PRIOR_YEAR, says};
use crate::model::Segment;

/// Fewest named amounts a parenthesis holds to be a breakdown.
const MIN_PARTS: usize = 2;

static PARENTHESIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<figure>\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|mm|bn|m|k)\b)?)\s*\((?P<inner>[^()\n]{5,200})\)")
        .unwrap_or_else(|e| unreachable!("breakdown regex: {e}"))
});

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:and\s+)?(?P<name>[a-z][a-z&/\- ]{1,40}?)\s*:?\s*(?P<amount>\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|mm|bn|m|k)\b)?)\s*$",
    )
    .unwrap_or_else(|e| unreachable!("breakdown part regex: {e}"))
});

/// `text` with each parenthesised breakdown written as "…, including $A from a and $B from b".
pub fn written_out(text: &str) -> Cow<'_, str> {
    PARENTHESIS.replace_all(text, |c: &Captures<'_>| {
        let whole = c.get(0).map_or("", |m| m.as_str());
        let (start, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        let before = text.get(..start).unwrap_or("");
        if ends_in_currency_letters(before) || !of_revenue(before) {
            return whole.to_owned();
        }
        let Some(parts) = parts(&c["inner"]) else {
            return whole.to_owned();
        };
        let listed: Vec<String> = parts.iter().map(|(name, amount)| format!("{amount} from {name}")).collect();
        // A clause goes on after the list unless the sentence's own punctuation follows.
        let next = text.get(end..).and_then(|rest| rest.chars().next());
        let close = if next.is_some_and(|n| ".,;:".contains(n)) { "" } else { "," };
        format!("{}, including {}{close}", &c["figure"], listed.join(" and "))
    })
}

/// Whether a revenue word is the last metric word of the sentence that ends in `before`.
fn of_revenue(before: &str) -> bool {
    let sentence = before.rsplit(['.', ';', '\n']).next().unwrap_or(before).to_ascii_lowercase();
    let words = sentence.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').filter(|w| !w.is_empty());
    let metric = words.rev().find(|w| is_revenue_word(w) || NOT_REVENUE.contains(w) || OTHER_METRIC.contains(w));
    metric.is_some_and(is_revenue_word)
}

/// The (name, amount) items of a parenthesis, if every item is one, names a line the reader
/// knows and states US dollars.
fn parts(inner: &str) -> Option<Vec<(String, String)>> {
    // Items part at a semicolon, else at a comma and a space: a figure's own commas ("$18,032,898")
    // have no space after them.
    let items: Vec<&str> = if inner.contains(';') { inner.split(';').collect() } else { inner.split(", ").collect() };
    let items: Vec<&str> = items.into_iter().filter(|i| !i.trim().is_empty()).collect();
    if items.len() < MIN_PARTS {
        return None;
    }
    items
        .iter()
        .map(|item| {
            let c = PART.captures(item)?;
            let amount = c.name("amount")?;
            if ends_in_currency_letters(item.get(..amount.start()).unwrap_or("")) {
                return None;
            }
            let name = c["name"].trim().to_owned();
            let lower = name.to_lowercase();
            let a_period = [PRIOR_YEAR, PRIOR_QUARTER, OTHER_PERIOD].iter().any(|phrases| says(&lower, phrases));
            let placed = classify(&name, &[]).is_some_and(|segment| segment != Segment::Total);
            (placed && !a_period).then(|| (name, amount.as_str().trim().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_amounts_in_parentheses_are_the_figures_parts() {
        assert_eq!(
            written_out("Revenue came to $9.0 million (hosting $6.5 million; mining $2.5 million) in Q2."),
            "Revenue came to $9.0 million, including $6.5 million from hosting and $2.5 million from mining, in Q2."
        );
        assert_eq!(
            written_out("Revenue was $20,179,766 (cloud services $18,032,898; colocation $1,692,280)."),
            "Revenue was $20,179,766, including $18,032,898 from cloud services and $1,692,280 from colocation."
        );
        assert_eq!(
            written_out("Revenue was $4.0 million (AI cloud: $3.0 million, other: $1.0 million)"),
            "Revenue was $4.0 million, including $3.0 million from AI cloud and $1.0 million from other,"
        );
    }

    #[test]
    fn comparisons_and_single_asides_stay() {
        for unit in [
            "Revenue rose to $12.0 million ($9.8 million in Q2 FY25)",
            "Revenue was $12.0 million (Q2 2024: $9.8 million, Q1 2024: $8.1 million)",
            "Revenue was $12.0 million (prior year $9.8 million, prior quarter $11.0 million)",
            "Revenue was $12.0 million (up 22%)",
            "Revenue was $12.0 million (July $3.9 million; August $4.0 million; September $4.1 million)",
            "Revenue was C$20.0 million (mining C$15.0 million; hosting C$5.0 million)",
            "Revenue was $20.0 million (mining C$15.0 million; hosting C$5.0 million)",
            "Net loss was $10.0 million (mining $6.0 million; hosting $4.0 million)",
        ] {
            assert_eq!(written_out(unit), unit);
        }
    }
}
