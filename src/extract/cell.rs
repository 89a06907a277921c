//! One table cell's text → what it holds, and the scale a table's numbers are in.
//!
//! Financial tables write money many ways: `$` in its own cell, `(1,234)` for negatives, `—` for
//! zero, footnote marks after the figure, and a scale stated once above the table ("in thousands").
//! HTML and PDF tables share these rules, so they live apart from either.

use std::sync::LazyLock;

use regex::Regex;

use super::segment::strip_footnotes;

/// Cells longer than this are prose, never a figure.
const MAX_NUMBER_CHARS: usize = 40;

/// Digits beyond this many cannot be money in whole dollars (and would overflow).
const MAX_DIGITS: usize = 18;

/// A decimal figure as written: `units / 10^decimals`, sign included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub units: i128,
    pub decimals: u32,
}

impl Amount {
    /// Whole dollars after multiplying by `scale`, rounded half away from zero.
    pub fn dollars(self, scale: i64) -> Option<i64> {
        let scaled = self.units.checked_mul(i128::from(scale))?;
        let divisor = 10_i128.checked_pow(self.decimals)?;
        let rounded = (scaled.abs() * 2 + divisor) / (divisor * 2);
        i64::try_from(if scaled < 0 { -rounded } else { rounded }).ok()
    }
}

/// What one cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// A lone currency sign, parenthesis or percent sign beside a figure.
    Mark,
    /// A plain four-digit year, as header rows write them.
    Year,
    Amount(Amount),
    Text,
}

/// Reads one cell: "$ 1,234.5" → 1234.5, "(1,234)" → −1234, "—" → 0, "21,000 (1)" → 21000.
pub fn parse_cell(text: &str) -> Cell {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Cell::Empty;
    }
    if trimmed.len() > MAX_NUMBER_CHARS {
        return Cell::Text;
    }
    let cleaned = strip_footnotes(trimmed);
    let s = cleaned.trim().trim_start_matches(['$', ' ', '\u{a0}']).trim();
    if s.is_empty() || matches!(s, ")" | "%" | "(") {
        return Cell::Mark;
    }
    if matches!(s, "—" | "–" | "-" | "−" | "— " | "--" | "―") {
        return Cell::Amount(Amount { units: 0, decimals: 0 });
    }
    if s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()) && (s.starts_with("19") || s.starts_with("20")) {
        return Cell::Year;
    }
    parse_number(s).map_or(Cell::Text, Cell::Amount)
}

fn parse_number(s: &str) -> Option<Amount> {
    let (negative, body) = if let Some(rest) = s.strip_prefix('(') {
        (true, rest.strip_suffix(')').unwrap_or(rest))
    } else if let Some(rest) = s.strip_prefix(['-', '−', '–']) {
        (true, rest)
    } else {
        (false, s)
    };
    let body = body.trim().trim_start_matches('$').trim();
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let grouped_ok = whole.split(',').enumerate().all(|(i, group)| {
        !group.is_empty() && group.chars().all(|c| c.is_ascii_digit()) && (i == 0 || group.len() == 3)
    });
    if !grouped_ok || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).chain(fraction.chars()).collect();
    if digits.len() > MAX_DIGITS {
        return None;
    }
    let units: i128 = digits.parse().ok()?;
    Some(Amount { units: if negative { -units } else { units }, decimals: u32::try_from(fraction.len()).ok()? })
}

static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<thousands> in\s+thousands | thousands\s+of\s+(?:u\.?s\.?\s+)?dollars | \$\s?'?000s?\b | \(000s?\) | \$\s+in\s+000s? | (?:u\.?s\.?)?\$\s?thousands )
      | (?P<millions> in\s+millions | millions\s+of\s+(?:u\.?s\.?\s+)?dollars | \(\$\s?m\) | \$\s+in\s+millions | us\$m\b | (?:u\.?s\.?)?\$\s?millions )
      | (?P<billions> in\s+billions | billions\s+of\s+(?:u\.?s\.?\s+)?dollars )",
    )
    .unwrap_or_else(|e| unreachable!("scale regex: {e}"))
});

/// The multiplier the last scale statement in `text` declares ("(in thousands)" → 1,000).
pub fn scale_in(text: &str) -> Option<i64> {
    SCALE.captures_iter(text).last().map(|c| {
        if c.name("thousands").is_some() {
            1_000
        } else if c.name("millions").is_some() {
            1_000_000
        } else {
            1_000_000_000
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Option<i64> {
        match parse_cell(text) {
            Cell::Amount(a) => a.dollars(1),
            _ => None,
        }
    }

    #[test]
    fn figures_read_as_written() {
        assert_eq!(amount("1,234"), Some(1234));
        assert_eq!(amount("$ 1,234"), Some(1234));
        assert_eq!(amount("$1,234"), Some(1234));
        assert_eq!(amount("(1,234)"), Some(-1234));
        assert_eq!(amount("(1,234"), Some(-1234));
        assert_eq!(amount("—"), Some(0));
        assert_eq!(amount("–"), Some(0));
        assert_eq!(amount("-"), Some(0));
        assert_eq!(amount("21,000 (1)"), Some(21000));
        assert_eq!(amount("21,000*"), Some(21000));
        assert_eq!(amount("21,000²"), Some(21000));
        assert_eq!(amount("12.5"), Some(13));
        assert_eq!(amount("1,23"), None);
        assert_eq!(amount("12%"), None);
        assert_eq!(amount("Revenue"), None);
        assert_eq!(parse_cell("$"), Cell::Mark);
        assert_eq!(parse_cell(")"), Cell::Mark);
        assert_eq!(parse_cell("2026"), Cell::Year);
        assert_eq!(parse_cell("  "), Cell::Empty);
    }

    #[test]
    fn scale_multiplies_exactly() {
        let a = |t| match parse_cell(t) {
            Cell::Amount(a) => Some(a),
            _ => None,
        };
        assert_eq!(a("21.0").and_then(|a| a.dollars(1_000_000)), Some(21_000_000));
        assert_eq!(a("232.9").and_then(|a| a.dollars(1_000_000)), Some(232_900_000));
        assert_eq!(a("(7.35)").and_then(|a| a.dollars(1_000)), Some(-7_350));
        assert_eq!(a("99999999999999999").and_then(|a| a.dollars(1_000_000_000)), None);
    }

    #[test]
    fn scale_statements() {
        assert_eq!(scale_in("(in thousands)"), Some(1_000));
        assert_eq!(scale_in("(Unaudited, in thousands, except per share data)"), Some(1_000));
        assert_eq!(scale_in("(Amounts in Thousands Except Per Share Amounts)"), Some(1_000));
        assert_eq!(scale_in("$000s"), Some(1_000));
        assert_eq!(scale_in("(in millions) ... later (in thousands)"), Some(1_000));
        assert_eq!(scale_in("(In millions, except per share)"), Some(1_000_000));
        assert_eq!(scale_in("(US$ millions, unaudited)"), Some(1_000_000));
        assert_eq!(scale_in("($ thousands)"), Some(1_000));
        assert_eq!(scale_in("Revenue grew"), None);
    }
}
