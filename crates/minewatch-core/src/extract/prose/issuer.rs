//! The company a text is about, named by the text itself, for a filer the configuration lacks.
//!
//! "Oakhurst Mining Corp. reported revenue of $30.0 million" states the company's total, not a
//! mining line, whatever its name says. With the company configured, its registered name tells
//! the subject apart; without it, the text names its issuer the way releases and coverage do: a
//! name followed by its listing ("Oakhurst Mining Corp. (NASDAQ: OKMC)"), or a name ending in a
//! legal form ("Oakhurst Mining Corp.").

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::segment::classify;

/// Words that end a company's legal name, written after it ("Inc.", "Corp."). Words that also
/// name lines or other things ("Group", "Holdings", "Co", "SA") are left out.
pub const LEGAL_FORMS: &[&str] = &["inc", "corp", "corporation", "ltd", "limited", "plc", "llc"];

static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b([A-Z][\w&'’\-]*(?:\s+(?:[A-Z0-9][\w&'’\-]*\.?|&))*)\s*,?\s*\(\s*(?:NASDAQ|Nasdaq|NYSE|TSX|TSXV|OTC|OTCQX|OTCQB|ASX|LSE|AIM|CSE)\b",
    )
    .unwrap_or_else(|e| unreachable!("listed regex: {e}"))
});

static LEGAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let forms = LEGAL_FORMS.iter().map(|f| format!("(?i:{f})")).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"\b([A-Z][\w&'’\-]*(?:\s+[A-Z0-9][\w&'’\-]*){{0,3}}\s+(?:{forms}))\b"))
        .unwrap_or_else(|e| unreachable!("legal name regex: {e}"))
});

/// The name the text first gives a listed company or a company with its legal form.
pub fn named(text: &str) -> Option<String> {
    let listed = LISTED.captures(text).and_then(|c| c.get(1));
    let legal = LEGAL_NAME.captures(text).and_then(|c| c.get(1));
    let first = match (listed, legal) {
        (Some(a), Some(b)) => Some(if b.start() < a.start() { b } else { a }),
        (a, b) => a.or(b),
    };
    first.map(|m| m.as_str().trim_end_matches('.').to_string())
}

/// Whether a line's name is a company's legal name ("Cipher Mining Inc."): a company is no line.
/// The form follows a capitalised name, and no word after it names a line.
pub fn has_legal_form(label: &str) -> bool {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let form = words.iter().skip(1).position(|w| LEGAL_FORMS.contains(w)).map(|at| at + 1);
    let rest = form.map(|at| words[at + 1..].join(" "));
    label.starts_with(char::is_uppercase) && rest.is_some_and(|rest| classify(&rest, &[]).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issuer_is_named_by_its_listing_or_legal_form() {
        let text = "NEW YORK, Nov. 6, 2025 -- Oakhurst Mining Corp. (NASDAQ: OKMC) today reported results.";
        assert_eq!(named(text).as_deref(), Some("Oakhurst Mining Corp"));
        assert_eq!(named("Results of Gravel Hill Inc. for the quarter.").as_deref(), Some("Gravel Hill Inc"));
        assert_eq!(named("Bitcoin Holdings: 1,200 BTC"), None);
        assert_eq!(named("Tallgrass Compute (Nasdaq: TLGC) posted revenue.").as_deref(), Some("Tallgrass Compute"));
        assert_eq!(named("Revenue rose to $9.0 million."), None);
    }

    #[test]
    fn a_legal_form_makes_a_name_a_company() {
        assert!(has_legal_form("Cipher Mining Inc."));
        assert!(has_legal_form("Oakhurst Mining Corp. today"));
        assert!(!has_legal_form("Group revenue"));
        assert!(!has_legal_form("HPC co-location revenue"));
        assert!(!has_legal_form("Acme Corp. HPC lease revenue"));
        assert!(!has_legal_form("Bitcoin Mining"));
    }
}
