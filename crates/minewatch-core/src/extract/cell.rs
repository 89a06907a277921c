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

/// A decimal figure as written: `units / 10^decimals`, sign included, with the scale the cell
/// states itself ("$43.6 million"), if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub units: i128,
    pub decimals: u32,
    pub scale: Option<i64>,
}

impl Amount {
    /// Whole dollars in the cell's own scale, else `table_scale`, rounded half away from zero.
    pub fn dollars(self, table_scale: i64) -> Option<i64> {
        let scaled = self.units.checked_mul(i128::from(self.scale.unwrap_or(table_scale)))?;
        let divisor = 10_i128.checked_pow(self.decimals)?;
        let rounded = (scaled.abs() * 2 + divisor) / (divisor * 2);
        i64::try_from(if scaled < 0 { -rounded } else { rounded }).ok()
    }

    /// Half the last written digit in whole dollars: how far the exact figure may be from it
    /// ("43.6" in millions → 50,000; "12,950" in thousands → 500; whole dollars → 0).
    pub fn rounding(self, table_scale: i64) -> i64 {
        let scale = i128::from(self.scale.unwrap_or(table_scale));
        let unit = 10_i128.checked_pow(self.decimals).map_or(0, |d| scale / d);
        i64::try_from(unit / 2).unwrap_or(0)
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
    /// A small figure in parentheses ("(12)", "(5)"): a footnote mark beside a label, a negative
    /// figure in a column of figures; the table decides which.
    MarkOrNegative(Amount),
    Text,
}

/// Reads one cell: "$ 1,234.5" → 1234.5, "(1,234)" → −1234, "—" → 0, "21,000 (1)" → 21000,
/// "$43.6 million" → 43.6 in millions, "(12)" → a mark or −12.
pub fn parse_cell(text: &str) -> Cell {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Cell::Empty;
    }
    if trimmed.len() > MAX_NUMBER_CHARS {
        return Cell::Text;
    }
    if let Some(small) = FOOTNOTE_LIKE.captures(trimmed).and_then(|c| parse_number(c.get(1)?.as_str())) {
        return Cell::MarkOrNegative(small);
    }
    let cleaned = strip_footnotes(trimmed);
    let s = cleaned.trim().trim_start_matches(['$', ' ', '\u{a0}']).trim();
    if s.is_empty() || matches!(s, ")" | "%" | "(") {
        return Cell::Mark;
    }
    if matches!(s, "—" | "–" | "-" | "−" | "— " | "--" | "―") {
        return Cell::Amount(Amount { units: 0, decimals: 0, scale: None });
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
    let (body, scale) = unit_word(body.trim().trim_start_matches('$').trim());
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
    let decimals = u32::try_from(fraction.len()).ok()?;
    Some(Amount { units: if negative { -units } else { units }, decimals, scale })
}

/// The figure without a scale word after it ("43.6 million" → "43.6", millions).
fn unit_word(body: &str) -> (&str, Option<i64>) {
    let split = body.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let scale = match body.get(split.len()..).map(str::to_ascii_lowercase).as_deref() {
        Some("million" | "millions" | "mn" | "m") => 1_000_000,
        Some("billion" | "billions" | "bn" | "b") => 1_000_000_000,
        Some("thousand" | "thousands" | "k") => 1_000,
        _ => return (body, None),
    };
    (split.trim_end(), Some(scale))
}

/// "(12)", "(5)": one or two digits in parentheses, which footnote marks look like too.
static FOOTNOTE_LIKE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\(\d{1,2}\))$").unwrap_or_else(|e| unreachable!("footnote regex: {e}")));

static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<thousands> in\s+(?:usd\s*|u\.?s\.?\s?\$\s?|\$\s?)?thousands | thousands\s+of\s+(?:u\.?s\.?\s+)?dollars | \$\s?'?000s?\b | \(000s?\) | \b000s\b | \$\s+in\s+000s? | (?:u\.?s\.?)?\$\s?thousands )
      | (?P<millions> in\s+(?:usd\s*|u\.?s\.?\s?\$\s?|\$\s?)?millions | millions\s+of\s+(?:u\.?s\.?\s+)?dollars | \(\$\s?m\) | \$\s+in\s+millions | us\$m\b | (?:u\.?s\.?)?\$\s?millions )
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

/// `text` without its scale statements: "Revenue (000s)" → "Revenue ()".
pub fn without_scale(text: &str) -> String {
    SCALE.replace_all(text, "").into_owned()
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
        assert_eq!(scale_in("(in USD thousands)"), Some(1_000));
        assert_eq!(scale_in("Revenue (000s)"), Some(1_000));
        assert_eq!(scale_in("$ in Thousands"), Some(1_000));
        assert_eq!(scale_in("Revenue grew"), None);
    }
}
