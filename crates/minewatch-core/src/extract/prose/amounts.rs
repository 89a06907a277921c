//! Every money amount in a unit: `$21.0 million`, `US$14.0 million`, `USD $49.6 million`,
//! `USD 45.61 million`, `USD 73.5 mn`, `USD 47.3 mln`, `$240.3m`, `$71.707M`, `$23.6-million`, `$52,810 thousand`, `$1.2 billion`,
//! `$900,000`, and the stated zeros `nil` and `no revenue`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::lexicon::{CHANGE_FOLLOWS, CHANGE_NOUNS, MOVEMENT};

/// One amount: where it stands in the unit and its value in whole dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub start: usize,
    pub end: usize,
    pub value_usd: i64,
    /// A change ("a $14.3 million decrease in", "decreased by $8.22 million"), not a figure.
    pub change: bool,
    /// Written without its scale ("the $161.4 of Q1"): `value_usd` is the number as written,
    /// rounded, and the document's other figures must tell its scale ([`rescaled`]).
    pub bare: bool,
    /// Written with its scale word ("million", "m", "thousand"): a table's scale note beside it
    /// does not apply.
    pub scaled: bool,
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?: (?:(?:US|USD\s*)?\$\s?|\bUSD\s+)(?P<num>\d[\d,]*(?:\.\d+)?)(?:[\s-]*(?P<unit>million|billion|thousand|mm|mln|mn|bn|m|k)\b)?
          | \b(?P<zero>nil|no\s+revenues?)\b )",
    )
    .unwrap_or_else(|e| unreachable!("amount regex: {e}"))
});

/// Words right before an amount that make it a change: "by $X", "up $X", and "42%, or $14.3
/// million"; a verb of [`MOVEMENT`] too ("increased $14.3 million, or 42%, to …").
static CHANGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:by|down|up)|%\s*,?\s*or)\s*$").unwrap_or_else(|e| unreachable!("change regex: {e}"))
});

/// Whether the words around an amount make it a change, not a figure: words before it ("by",
/// "up", "42%, or"), a verb of movement, a noun of change, or a word of change right after it
/// ("a $14.3 million decrease").
fn is_change(before: &str, after: &str) -> bool {
    CHANGE_BEFORE.is_match(before) || after_movement(before) || after_change_noun(before) || before_change(after)
}

/// Whether the word right after an amount starts with a word of [`CHANGE_FOLLOWS`]
/// ("decrease", "increased", "higher").
fn before_change(after: &str) -> bool {
    let first = after.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    let first = first.to_ascii_lowercase();
    CHANGE_FOLLOWS.iter().any(|w| first.starts_with(w))
}

/// Whether a noun of change governs the amount after it: "growth of $X", "increase in revenue of
/// $X", "decline by $X".
fn after_change_noun(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    if !matches!(*last, "of" | "by") || !before.trim_end().ends_with(*last) {
        return false;
    }
    // The noun right before "of", or right before an "in" up to four words back ("increase in
    // HPC revenue of").
    let back: Vec<&str> = rest.iter().rev().take(5).copied().collect();
    let noun = |w: Option<&&str>| w.is_some_and(|w| CHANGE_NOUNS.contains(w));
    noun(back.first()) || back.iter().position(|w| *w == "in").is_some_and(|i| noun(back.get(i + 1)))
}

/// Whether the word right before an amount is a verb of movement.
fn after_movement(before: &str) -> bool {
    let last = before.trim_end().rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    MOVEMENT.contains(&last.to_ascii_lowercase().as_str())
}

static TRANSLATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:\b(?:RMB|CNY|HKD|CAD|AUD|EUR|GBP)|\b(?:HK|C|CA|A|AU)\$|[€£¥])\s?\d[\d,]*(?:\.\d+)?
        (?:\s*(?:million|billion|thousand|mm|mln|mn|bn|m)\b)?\s*\(\s*((?:US\$|USD\s?)[^()]*?)\s*\)",
    )
    .unwrap_or_else(|e| unreachable!("translation regex: {e}"))
});

/// The unit with each figure given in another currency and translated beside it ("RMB978.2
/// million (US$137.5 million)") written as its US-dollar translation alone, so that the
/// translation reads as the figure, not as an aside comparing it.
pub fn in_us_dollars(unit: &str) -> std::borrow::Cow<'_, str> {
    TRANSLATED.replace_all(unit, "$1")
}

static SPELLED_DOLLARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d[\d,]*(?:\.\d+)?)\s+(million|billion|thousand)\s+(?:U\.?S\.?\s+)?dollars\b")
        .unwrap_or_else(|e| unreachable!("spelled dollars regex: {e}"))
});

/// Amounts whose currency is spelled out after them ("45.6 million dollars", "1.2 billion U.S.
/// dollars") written with the sign, as every other amount is read.
pub fn signed_dollars(text: &str) -> std::borrow::Cow<'_, str> {
    SPELLED_DOLLARS.replace_all(text, "$$$1 $2")
}

static SIGN_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$\s*\|\s*(\d)").unwrap_or_else(|e| unreachable!("sign cell regex: {e}")));

/// A table row kept as text with its cells (`Revenue | $ | 27,059 | $ | 18,955`) with each
/// dollar sign joined to the figure of the next cell, as the table shows them.
pub fn signs_joined(unit: &str) -> std::borrow::Cow<'_, str> {
    SIGN_CELL.replace_all(unit, "$$$1")
}

/// Unscaled amounts below this are prices or per-unit figures ("$0.047 per kilowatt hour"), or
/// lost their scale ("the $161.4 of Q1"): never a line's revenue as written.
const SMALLEST_UNSCALED: i64 = 1_000;

/// The amounts of `unit`, in order. A dollar sign that another currency's letters open ("C$",
/// "CA$", "A$", "HK$", "NT$") is that currency's, not a US dollar amount: it is left out.
pub fn amounts(unit: &str) -> Vec<Amount> {
    AMOUNT
        .captures_iter(unit)
        .filter_map(|c| {
            let whole = c.get(0)?;
            if whole.as_str().starts_with('$') && unit.get(..whole.start()).is_some_and(ends_in_currency_letters) {
                return None;
            }
            let value_usd = if c.name("zero").is_some() { 0 } else { dollars(&c, None)? };
            let bare = c.name("zero").is_none() && c.name("unit").is_none() && value_usd < SMALLEST_UNSCALED;
            let before = unit.get(..whole.start()).unwrap_or("");
            let after = unit.get(whole.end()..).unwrap_or("");
            let change = is_change(before, after);
            let scaled = c.name("unit").is_some();
            Some(Amount { start: whole.start(), end: whole.end(), value_usd, change, bare, scaled })
        })
        .collect()
}

/// Whether `text` ends in the capitals that open another currency's dollar sign: one to three
/// of them, as a word ("C", "CA", "HK"), not the end of a word glued to a figure ("million$").
pub(super) fn ends_in_currency_letters(text: &str) -> bool {
    let letters = text.chars().rev().take_while(char::is_ascii_alphabetic).count();
    let word = text.get(text.len() - letters..).unwrap_or("");
    (1..=3).contains(&letters) && word.chars().all(|c| c.is_ascii_uppercase())
}

static NET_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(revenues?),\s+net\s+of\s+(?:[^,;.\n$]|\$\d[\d,]*(?:\.\d+)?)*?,\s+(was|were|is|are|of|totaled|totalled|reached|came)\b",
    )
    .unwrap_or_else(|e| unreachable!("net of regex: {e}"))
});

/// `text` without the deductions a revenue is stated net of ("Mining revenue, net of pool fees
/// of $0.9 million, was $35.2 million" → "Mining revenue was $35.2 million"): the amount
/// deducted is no figure of the line, and it would stand between the line and its figure.
pub fn net_of_dropped(text: &str) -> std::borrow::Cow<'_, str> {
    NET_OF.replace_all(text, "$1 $2")
}

/// `text` with each bare "$" written as another currency's dollar sign when most of its dollar
/// amounts are that currency's ("C$53.6 million ... C$17 million ... HPC revenue of $4.5
/// million"): a writer who has set the currency goes on without repeating it. An explicit "US$"
/// or "USD" amount counts for US dollars and is left as it is.
pub fn in_its_own_dollars(text: &str) -> std::borrow::Cow<'_, str> {
    let mut other: Vec<(&str, usize)> = Vec::new();
    // Where each bare "$" amount starts: only those are rewritten.
    let mut bare: Vec<usize> = Vec::new();
    let mut us = 0;
    for m in AMOUNT.find_iter(text).filter(|m| m.as_str().contains(|c: char| c.is_ascii_digit())) {
        let before = text.get(..m.start()).unwrap_or("");
        if !m.as_str().starts_with('$') {
            us += 1;
        } else if ends_in_currency_letters(before) {
            let letters = before.chars().rev().take_while(char::is_ascii_alphabetic).count();
            let prefix = before.get(before.len() - letters..).unwrap_or("");
            match other.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, n)) => *n += 1,
                None => other.push((prefix, 1)),
            }
        } else if before.trim_end().ends_with("US") || before.trim_end().ends_with("USD") {
            us += 1;
        } else {
            bare.push(m.start());
        }
    }
    match other.into_iter().max_by_key(|(_, n)| *n) {
        Some((prefix, n)) if n > bare.len() + us => {
            let mut out = String::with_capacity(text.len() + bare.len() * prefix.len());
            let mut at = 0;
            for start in bare {
                out.push_str(text.get(at..start).unwrap_or(""));
                out.push_str(prefix);
                at = start;
            }
            out.push_str(text.get(at..).unwrap_or(""));
            std::borrow::Cow::Owned(out)
        }
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// A bare amount's text ("$161.4") in whole dollars at `scale`.
pub fn rescaled(text: &str, scale: i64) -> Option<i64> {
    AMOUNT.captures(text).and_then(|c| dollars(&c, Some(scale)))
}

/// The figure of a match in whole dollars (at `scale` instead of the one written, if given),
/// rounded half up.
fn dollars(c: &Captures<'_>, scale: Option<i64>) -> Option<i64> {
    let num = c.name("num")?.as_str().replace(',', "");
    let written: i64 = match c.name("unit").map(|u| u.as_str().to_ascii_lowercase()).as_deref() {
        Some("billion" | "bn") => 1_000_000_000,
        Some("million" | "mm" | "mln" | "mn" | "m") => 1_000_000,
        Some("thousand" | "k") => 1_000,
        _ => 1,
    };
    let scale = scale.unwrap_or(written);
    let (whole, fraction) = num.split_once('.').unwrap_or((&num, ""));
    let units: i128 = format!("{whole}{fraction}").parse().ok()?;
    let divisor = 10_i128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let scaled = units.checked_mul(i128::from(scale))?;
    i64::try_from((scaled * 2 + divisor) / (divisor * 2)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_spelled_after_the_figure_is_its_sign() {
        assert_eq!(signed_dollars("revenue of 45.6 million dollars in Q3"), "revenue of $45.6 million in Q3");
        assert_eq!(signed_dollars("1.2 billion U.S. dollars"), "$1.2 billion");
        assert_eq!(signed_dollars("45.6 million Canadian dollars"), "45.6 million Canadian dollars");
    }

    #[test]
    fn a_translated_figure_reads_as_its_us_dollars() {
        assert_eq!(
            in_us_dollars("Revenues were RMB978.2 million (US$137.5 million), down"),
            "Revenues were US$137.5 million, down"
        );
        assert_eq!(in_us_dollars("from RMB1,652.7 million in Q2"), "from RMB1,652.7 million in Q2");
        assert_eq!(in_us_dollars("$12.0 million ($9.8 million in Q2)"), "$12.0 million ($9.8 million in Q2)");
        assert_eq!(
            signs_joined("Revenue | $ | 27,059 | $ | 18,955 | 42.8 | %"),
            "Revenue | $27,059 | $18,955 | 42.8 | %"
        );
    }

    fn values(unit: &str) -> Vec<(i64, bool)> {
        amounts(unit).into_iter().filter(|a| !a.bare).map(|a| (a.value_usd, a.change)).collect()
    }

    #[test]
    fn every_written_form() {
        let text = "$21.0 million, US$14.0 million, USD $49.6 million, $240.3m, $71.707M, $23.6-million, \
            $52,810 thousand, USD 8.4 mn, USD 2.5 mln, $1.2 billion, $900,000 and nil";
        let want =
            [21_000_000, 14_000_000, 49_600_000, 240_300_000, 71_707_000, 23_600_000, 52_810_000, 8_400_000, 2_500_000];
        let mut want: Vec<(i64, bool)> = want.into_iter().map(|v| (v, false)).collect();
        want.extend([(1_200_000_000, false), (900_000, false), (0, false)]);
        assert_eq!(values(text), want);
    }

    #[test]
    fn a_deduction_a_revenue_is_stated_net_of_is_dropped() {
        let text = "Hosting revenue, net of power passed through of $5,400,000, of $9.6 million; mining revenue, \
            net of pool fees of $0.9 million, was $35.2 million.";
        assert_eq!(net_of_dropped(text), "Hosting revenue of $9.6 million; mining revenue was $35.2 million.");
        // Without the closing comma and link, nothing is dropped.
        let text = "Mining revenue, net of pool fees was $35.2 million, up from $20.0 million.";
        assert_eq!(net_of_dropped(text), text);
    }

    #[test]
    fn a_bare_sign_in_a_text_of_another_dollar_is_that_dollar() {
        let text = "Net loss was C$20.1 million, against C$9.0 million, on revenue of C$12 million; the \
            hosting unit brought in $2.2 million.";
        assert!(values(&in_its_own_dollars(text)).is_empty());
        let text = "Revenue was $41.0 million, of which $3.0 million from hosting, after a C$5 million grant.";
        assert_eq!(values(&in_its_own_dollars(text)), vec![(41_000_000, false), (3_000_000, false)]);
        let text = "Revenue was US$8.0 million and US$7.1 million a year ago; a C$2 million loan was repaid.";
        assert_eq!(values(&in_its_own_dollars(text)), vec![(8_000_000, false), (7_100_000, false)]);
        let text = "Revenue was USD $5.0 million; C$1 million and C$2 million of grants; C$3 million of debt.";
        assert_eq!(values(&in_its_own_dollars(text)), vec![(5_000_000, false)]);
    }

    #[test]
    fn changes_and_prices_are_told_apart() {
        assert_eq!(values("a $14.3 million decrease in total revenue"), vec![(14_300_000, true)]);
        assert_eq!(
            values("decreased by $8.22 million, or 36%, to $14.71 million"),
            vec![(8_220_000, true), (14_710_000, false)]
        );
        assert_eq!(values("grew $6.1 million, or 27%, to $28.9 million"), vec![(6_100_000, true), (28_900_000, false)]);
        assert_eq!(values("fell 12%, or $3.0 million, to $22.0 million"), vec![(3_000_000, true), (22_000_000, false)]);
        assert_eq!(values("Revenue growth of $5.0 million"), vec![(5_000_000, true)]);
        assert_eq!(values("the increase in HPC revenue of $2.5 million"), vec![(2_500_000, true)]);
        assert_eq!(values("Despite a decline, revenue of $9.0 million"), vec![(9_000_000, false)]);
        assert_eq!(values("$0.047 per kilowatt hour, the $161.4 of Q1"), vec![]);
        assert_eq!(
            values("C$33.4 million, CA$28.9 million, A$12.0 million and US$9.0 million"),
            vec![(9_000_000, false)]
        );
        assert_eq!(values("Revenue$41.3 million$35.2 million"), vec![(41_300_000, false), (35_200_000, false)]);
        let bare: Vec<_> = amounts("the $161.4 of Q1").into_iter().map(|a| (a.value_usd, a.bare)).collect();
        assert_eq!(bare, vec![(161, true)]);
        assert_eq!(rescaled("$161.4", 1_000_000), Some(161_400_000));
    }
}
