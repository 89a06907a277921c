//! The `format` transforms a numeric fact may name: text as displayed → an `xs:decimal` lexical.
//!
//! Each follows Arelle's implementation of its registry (`arelle/FunctionIxt.py` and the SEC
//! transforms plug-in): the same accepted patterns and the same output, so that the number
//! module sees exactly the text Arelle would. Registry 2 and 3 functions leave the digits as
//! written; registry 4 and 5 ones canonicalise them (`"1,000.50"` → `"1000.5"`).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

const TR2: &str = "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31";
const TR3: &str = "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26";
const TR4: &str = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12";
const TR5: &str = "http://www.xbrl.org/inlineXBRL/transformation/2022-02-16";
const SEC: &str = "http://www.sec.gov/inlineXBRL/transformation/2015-08-31";

/// A numeric transform this reader knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// `numdotdecimal` (registries 2–3): `1,234.5`.
    NumDotDecimal,
    /// `num-dot-decimal` (registries 4–5).
    NumDotDecimalTr4,
    /// `numcommadecimal` (registries 2–3): `1.234,5`.
    NumCommaDecimal,
    /// `num-comma-decimal` (registries 4–5).
    NumCommaDecimalTr4,
    /// `numunitdecimal` (registries 2–3): `5 dollars 25`.
    NumUnitDecimal,
    /// `num-unit-decimal` (registries 4–5).
    NumUnitDecimalTr4,
    /// `zerodash` (registries 2–3): a dash means zero.
    ZeroDash,
    /// `fixed-zero` (registries 4–5): any text means zero.
    FixedZero,
    /// `ixt-sec:numwordsen`: `"no"`, `"twenty-two"`, `"one hundred and five"`.
    NumWordsEn,
    /// `ixt-sec:numinf`, `numneginf`, `numnan`.
    Fixed(&'static str),
}

impl Format {
    /// The transform named by a resolved `format` QName, if it is a numeric one known here.
    pub(super) fn from_name(namespace: &str, local: &str) -> Option<Format> {
        let format = match (namespace, local) {
            (TR2 | TR3, "numdotdecimal") => Format::NumDotDecimal,
            (TR2 | TR3, "numcommadecimal") => Format::NumCommaDecimal,
            (TR2 | TR3, "numunitdecimal") => Format::NumUnitDecimal,
            (TR2 | TR3, "zerodash") => Format::ZeroDash,
            (TR4 | TR5, "num-dot-decimal") => Format::NumDotDecimalTr4,
            (TR4 | TR5, "num-comma-decimal") => Format::NumCommaDecimalTr4,
            (TR4 | TR5, "num-unit-decimal") => Format::NumUnitDecimalTr4,
            (TR4 | TR5, "fixed-zero") => Format::FixedZero,
            (SEC, "numwordsen") => Format::NumWordsEn,
            (SEC, "numinf") => Format::Fixed("INF"),
            (SEC, "numneginf") => Format::Fixed("-INF"),
            (SEC, "numnan") => Format::Fixed("NaN"),
            _ => return None,
        };
        Some(format)
    }

    /// Applies the transform to whitespace-collapsed text; `None` when the text does not fit.
    pub(super) fn apply(self, text: &str) -> Option<Cow<'static, str>> {
        static NUM_DOT: LazyLock<Regex> = LazyLock::new(|| regex(r"^[0-9]{1,3}([, \xA0]?[0-9]{3})*(\.[0-9]+)?$"));
        static NUM_DOT_TR4: LazyLock<Regex> = LazyLock::new(|| regex(r"^[, \xA00-9]*(\.[ \xA00-9]+)?$"));
        static NUM_COMMA: LazyLock<Regex> = LazyLock::new(|| regex(r"^[0-9]{1,3}([. \xA0]?[0-9]{3})*(,[0-9]+)?$"));
        static NUM_COMMA_TR4: LazyLock<Regex> = LazyLock::new(|| regex(r"^[. \xA00-9]*(,[ \xA00-9]+)?$"));
        static ZERO_DASH: LazyLock<Regex> =
            LazyLock::new(|| regex(r"^[-\x{058A}\x{05BE}\x{2010}-\x{2015}\x{FE58}\x{FE63}\x{FF0D}]$"));
        match self {
            Format::NumDotDecimal => NUM_DOT.is_match(text).then(|| remove(text, &[',', ' ', '\u{a0}']).into()),
            Format::NumDotDecimalTr4 => {
                NUM_DOT_TR4.is_match(text).then(|| remove(text, &[',', ' ', '\u{a0}'])).and_then(|s| canonical(&s))
            }
            Format::NumCommaDecimal => NUM_COMMA.is_match(text).then(|| comma_to_dot(text).into()),
            Format::NumCommaDecimalTr4 => {
                NUM_COMMA_TR4.is_match(text).then(|| comma_to_dot(text)).and_then(|s| canonical(&s))
            }
            Format::NumUnitDecimal => num_unit_decimal(text).map(Cow::Owned),
            Format::NumUnitDecimalTr4 => num_unit_decimal_tr4(text).and_then(|s| canonical(&s)),
            Format::ZeroDash => ZERO_DASH.is_match(text).then_some(Cow::Borrowed("0")),
            Format::FixedZero => Some(Cow::Borrowed("0")),
            Format::NumWordsEn => words_to_number(text).map(|n| n.to_string().into()),
            Format::Fixed(value) => Some(Cow::Borrowed(value)),
        }
    }
}

/// Compiles one of this module's constant patterns (each is exercised by the tests below).
#[allow(clippy::expect_used)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern")
}

fn remove(text: &str, chars: &[char]) -> String {
    text.chars().filter(|c| !chars.contains(c)).collect()
}

/// `1.234,5` → `1234.5`.
fn comma_to_dot(text: &str) -> String {
    remove(text, &['.', ' ', '\u{a0}']).replace(',', ".")
}

/// Registry 4's `canonicalNumber`: an `xs:decimal` without leading zeros or trailing fraction
/// zeros (`"007.50"` → `"7.5"`, `".5"` → `"0.5"`); `None` when `text` is not a plain decimal.
fn canonical(text: &str) -> Option<Cow<'static, str>> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(Cow::Owned(if frac.is_empty() { int.to_owned() } else { format!("{int}.{frac}") }))
}

/// Full-width digits (U+FF10–FF19) → ASCII, as the unit-decimal transforms read them.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            _ => c,
        })
        .collect()
}

/// Major digits without separators, then the minor unit padded to two digits.
fn major_minor(major: &str, minor: &str) -> String {
    let major = remove(major, &['.', ',', '\u{FF0C}', '\u{FF0E}']);
    format!("{major}.{minor:0>2}")
}

fn num_unit_decimal(text: &str) -> Option<String> {
    static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
        regex(
            r"^([0]|([1-9][0-9]{0,2}([.,\x{FF0C}\x{FF0E}]?[0-9]{3})*))[^0-9,.\x{FF0C}\x{FF0E}]+([0-9]{1,2})[^0-9,.\x{FF0C}\x{FF0E}]*$",
        )
    });
    let text = ascii_digits(text);
    let caps = PATTERN.captures(&text)?;
    Some(major_minor(caps.get(1)?.as_str(), caps.get(4)?.as_str()))
}

fn num_unit_decimal_tr4(text: &str) -> Option<String> {
    static PATTERN: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^([0-9.,\x{FF0C}]+)([^0-9.,\x{FF0C}][^0-9]*)([0-9]{1,2})[^0-9]*$"));
    let text = ascii_digits(text);
    let caps = PATTERN.captures(&text)?;
    let value = major_minor(caps.get(1)?.as_str(), caps.get(3)?.as_str());
    (!value.starts_with('.')).then_some(value)
}

/// English number words → integer, as the SEC plug-in's `text2num` reads them:
/// `"no"`/`"none"` → 0, `"one hundred and five"` → 105, `"two million, three thousand"`.
fn words_to_number(text: &str) -> Option<u128> {
    let lower = text.trim().to_lowercase();
    if lower == "no" || lower == "none" {
        return Some(0);
    }
    let (mut total, mut group) = (0u128, 0u128);
    let mut any = false;
    for word in lower.split([' ', '-', ',']).filter(|w| !w.is_empty() && *w != "and") {
        any = true;
        if let Some(n) = small_number(word) {
            group += n;
        } else if word == "hundred" && group != 0 {
            group *= 100;
        } else {
            total += group * magnitude(word)?;
            group = 0;
        }
    }
    any.then_some(total + group)
}

fn small_number(word: &str) -> Option<u128> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = SMALL.iter().position(|w| *w == word) {
        return Some(i as u128);
    }
    TENS.iter().position(|w| *w == word).map(|i| 20 + 10 * i as u128)
}

fn magnitude(word: &str) -> Option<u128> {
    const NAMES: [&str; 6] = ["thousand", "million", "billion", "trillion", "quadrillion", "quintillion"];
    let power = NAMES.iter().position(|w| *w == word)?;
    Some(1000u128.pow(power as u32 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(ns: &str, local: &str, text: &str) -> Option<String> {
        Format::from_name(ns, local).and_then(|f| f.apply(text)).map(Cow::into_owned)
    }

    #[test]
    fn num_dot_decimal_registry_2_3_keeps_digits_as_written() {
        assert_eq!(apply(TR3, "numdotdecimal", "1,234.50").as_deref(), Some("1234.50"));
        assert_eq!(apply(TR2, "numdotdecimal", "1\u{a0}234").as_deref(), Some("1234"));
        assert_eq!(apply(TR3, "numdotdecimal", "12,34"), None);
        assert_eq!(apply(TR3, "numdotdecimal", ".5"), None);
    }

    #[test]
    fn num_dot_decimal_registry_4_canonicalises() {
        assert_eq!(apply(TR4, "num-dot-decimal", "1,234.50").as_deref(), Some("1234.5"));
        assert_eq!(apply(TR4, "num-dot-decimal", "0.00").as_deref(), Some("0"));
        assert_eq!(apply(TR5, "num-dot-decimal", ".5").as_deref(), Some("0.5"));
        assert_eq!(apply(TR4, "num-dot-decimal", "007").as_deref(), Some("7"));
        assert_eq!(apply(TR4, "num-dot-decimal", "(12)"), None);
        assert_eq!(apply(TR4, "num-dot-decimal", ""), None);
        // The registries are distinct: the old name does not exist in registry 4.
        assert_eq!(Format::from_name(TR4, "numdotdecimal"), None);
    }

    #[test]
    fn num_comma_decimal() {
        assert_eq!(apply(TR3, "numcommadecimal", "1.234,50").as_deref(), Some("1234.50"));
        assert_eq!(apply(TR4, "num-comma-decimal", "1 234,50").as_deref(), Some("1234.5"));
        assert_eq!(apply(TR4, "num-comma-decimal", "1,2,3"), None);
    }

    #[test]
    fn num_unit_decimal() {
        assert_eq!(apply(TR3, "numunitdecimal", "5 dollars 5 cents").as_deref(), Some("5.05"));
        assert_eq!(apply(TR3, "numunitdecimal", "1,234 euro 50").as_deref(), Some("1234.50"));
        assert_eq!(apply(TR4, "num-unit-decimal", "１２円３４銭").as_deref(), Some("12.34"));
        assert_eq!(apply(TR4, "num-unit-decimal", "5 dollars 50").as_deref(), Some("5.5"));
        assert_eq!(apply(TR4, "num-unit-decimal", "dollars"), None);
    }

    #[test]
    fn zero_dash_and_fixed_zero() {
        assert_eq!(apply(TR3, "zerodash", "\u{2014}").as_deref(), Some("0"));
        assert_eq!(apply(TR2, "zerodash", "-").as_deref(), Some("0"));
        assert_eq!(apply(TR3, "zerodash", "--"), None);
        assert_eq!(apply(TR4, "fixed-zero", "—").as_deref(), Some("0"));
        assert_eq!(apply(TR4, "fixed-zero", "anything").as_deref(), Some("0"));
    }

    #[test]
    fn sec_number_words() {
        let words = |t| apply(SEC, "numwordsen", t);
        assert_eq!(words("no").as_deref(), Some("0"));
        assert_eq!(words("None").as_deref(), Some("0"));
        assert_eq!(words("zero").as_deref(), Some("0"));
        assert_eq!(words("one").as_deref(), Some("1"));
        assert_eq!(words("Twenty-two").as_deref(), Some("22"));
        assert_eq!(words("one hundred and five").as_deref(), Some("105"));
        assert_eq!(words("two million, three thousand and one").as_deref(), Some("2003001"));
        assert_eq!(words("a dozen"), None);
        assert_eq!(words(""), None);
        assert_eq!(apply(SEC, "numneginf", "whatever").as_deref(), Some("-INF"));
    }

    #[test]
    fn unknown_formats_are_not_guessed() {
        assert_eq!(Format::from_name(SEC, "durwordsen"), None);
        assert_eq!(Format::from_name("urn:other", "num-dot-decimal"), None);
    }
}
