//! A fact's number exactly as Arelle writes it.
//!
//! Arelle reads the transformed text with Python's `decimal.Decimal`, multiplies it by
//! `10 ** scale` and by ±1 (28 significant digits, half-even rounding), drops an all-zero
//! fraction unless the text itself contained `".0"`, and prints the result with `"{:f}"`.
//! Those rules decide whether a value reads `"1500000"`, `"1500000.0"` or `"0.00"`, so they are
//! reproduced here digit by digit rather than through floating point.

/// Significant digits of Python's default decimal context.
const PRECISION: usize = 28;
/// Exponents beyond this are refused instead of being written out as megabytes of zeros.
const MAX_EXPONENT: i64 = 4096;

/// Why a fact's text did not give a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberError {
    /// The text is not a decimal number.
    NotANumber,
    /// The number is too large or too small to write out.
    OutOfRange,
}

/// A finite `decimal.Decimal`: sign, coefficient digits (ASCII, no leading zeros) and exponent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finite {
    negative: bool,
    digits: Vec<u8>,
    exponent: i64,
}

/// What `decimal.Decimal(text)` gives.
enum Decimal {
    Finite(Finite),
    Infinite { negative: bool },
    NaN,
}

/// The value Arelle reports for `text` (the text after the format transform),
/// multiplied by `10^scale` and negated when `negate` is set.
pub(super) fn ix_value(text: &str, scale: i32, negate: bool) -> Result<String, NumberError> {
    let mut n = match parse(text).ok_or(NumberError::NotANumber)? {
        Decimal::NaN => return Ok("NaN".to_owned()),
        Decimal::Infinite { negative } => {
            return Ok(if negative != negate { "-INF" } else { "INF" }.to_owned());
        }
        Decimal::Finite(n) => n,
    };
    scale_by(&mut n, scale);
    if n.exponent.abs() > MAX_EXPONENT {
        return Err(NumberError::OutOfRange);
    }
    n.negative ^= negate;
    if is_integral(&n) && !text.contains(".0") {
        quantize_to_integer(&mut n);
        if n.digits.len() > PRECISION {
            return Err(NumberError::OutOfRange);
        }
    }
    Ok(to_plain_string(&n))
}

/// Python's `Decimal(str)`: surrounding whitespace, a sign, digits with an optional point and
/// exponent, or `Infinity`/`Inf`/`NaN` in any case.
fn parse(text: &str) -> Option<Decimal> {
    let s = text.trim();
    let (negative, body) = split_sign(s);
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(Decimal::Infinite { negative });
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(Decimal::NaN);
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], parse_exponent(&body[i + 1..])?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).skip_while(|&b| b == b'0').collect();
    if digits.is_empty() {
        digits.push(b'0');
    }
    let frac_len = i64::try_from(frac.len()).ok()?;
    Some(Decimal::Finite(Finite { negative, digits, exponent: exponent - frac_len }))
}

/// A leading `-` or `+` off `s`: (negative, rest).
fn split_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

/// An exponent's digits, saturated far beyond anything `MAX_EXPONENT` lets through.
fn parse_exponent(s: &str) -> Option<i64> {
    let (negative, digits) = split_sign(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits
        .bytes()
        .fold(0i64, |acc, b| acc.saturating_mul(10).saturating_add(i64::from(b - b'0')))
        .min(i64::from(i32::MAX));
    Some(if negative { -magnitude } else { magnitude })
}

/// `n * 10 ** Decimal(scale)`: the power itself holds at most 28 digits, then the product is
/// rounded to 28 significant digits.
fn scale_by(n: &mut Finite, scale: i32) {
    let shift = scale.clamp(0, PRECISION as i32 - 1);
    if n.digits != b"0" {
        n.digits.extend(std::iter::repeat_n(b'0', shift as usize));
    }
    n.exponent += i64::from(scale - shift);
    round_to_precision(n);
}

/// Rounds the coefficient to `PRECISION` digits, half to even.
fn round_to_precision(n: &mut Finite) {
    let Some(excess) = n.digits.len().checked_sub(PRECISION).filter(|&e| e > 0) else {
        return;
    };
    let dropped = n.digits.split_off(PRECISION);
    n.exponent += excess as i64;
    let first = dropped[0];
    let rest_zero = dropped[1..].iter().all(|&b| b == b'0');
    let last_odd = n.digits.last().is_some_and(|&b| (b - b'0') % 2 == 1);
    let round_up = first > b'5' || (first == b'5' && (!rest_zero || last_odd));
    if !round_up {
        return;
    }
    for digit in n.digits.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            return;
        }
    }
    // All nines rolled over: 999…9 + 1 = 1000…0, one digit too many.
    n.digits.insert(0, b'1');
    n.digits.pop();
    n.exponent += 1;
}

/// `n == n.to_integral()`.
fn is_integral(n: &Finite) -> bool {
    let Ok(fraction) = usize::try_from(-n.exponent) else {
        return true;
    };
    n.digits.iter().rev().take(fraction).all(|&b| b == b'0')
}

/// `n.quantize(Decimal(1))` for an integral `n`.
fn quantize_to_integer(n: &mut Finite) {
    if n.exponent < 0 {
        let keep = n.digits.len().saturating_sub((-n.exponent) as usize);
        n.digits.truncate(keep);
        if n.digits.is_empty() {
            n.digits.push(b'0');
        }
    } else if n.digits != b"0" {
        n.digits.extend(std::iter::repeat_n(b'0', n.exponent as usize));
    }
    n.exponent = 0;
}

/// Python's `"{:f}".format(n)`.
fn to_plain_string(n: &Finite) -> String {
    let digits = String::from_utf8_lossy(&n.digits);
    let sign = if n.negative { "-" } else { "" };
    if n.exponent >= 0 {
        if n.digits == b"0" {
            return format!("{sign}0");
        }
        return format!("{sign}{digits}{}", "0".repeat(n.exponent as usize));
    }
    let fraction = (-n.exponent) as usize;
    match digits.len().checked_sub(fraction).filter(|&i| i > 0) {
        Some(point) => format!("{sign}{}.{}", &digits[..point], &digits[point..]),
        None => format!("{sign}0.{}{digits}", "0".repeat(fraction - digits.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, scale: i32, negate: bool) -> String {
        ix_value(text, scale, negate).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn scale_keeps_python_exponents() {
        assert_eq!(value("1234", 6, false), "1234000000");
        assert_eq!(value("1.5", 6, false), "1500000");
        // ".0" in the text keeps the fraction Python's multiplication left behind.
        assert_eq!(value("6.0", 9, false), "6000000000.0");
        assert_eq!(value("1.05", 2, false), "105.00");
        assert_eq!(value("0.00", 0, false), "0.00");
        assert_eq!(value("0.52", 0, false), "0.52");
        assert_eq!(value("52", -2, false), "0.52");
        assert_eq!(value("5", -2, false), "0.05");
        assert_eq!(value("0", -2, false), "0");
        assert_eq!(value("1.2E-10", 0, false), "0.00000000012");
    }

    #[test]
    fn sign_negates_even_zero() {
        assert_eq!(value("12", 3, true), "-12000");
        assert_eq!(value("0", 6, true), "-0");
        assert_eq!(value("0.00", 0, true), "-0.00");
        assert_eq!(value("-3", 0, true), "3");
    }

    #[test]
    fn infinities_and_nan() {
        assert_eq!(value("INF", 3, false), "INF");
        assert_eq!(value("-Infinity", 0, false), "-INF");
        assert_eq!(value("inf", 0, true), "-INF");
        assert_eq!(value("NaN", 0, true), "NaN");
    }

    #[test]
    fn rounds_to_28_digits_half_even() {
        assert_eq!(value("1.2345678901234567890123456785", 0, false), "1.234567890123456789012345678");
        assert_eq!(value("1.2345678901234567890123456795", 0, false), "1.234567890123456789012345680");
        assert_eq!(value("0.99999999999999999999999999995", 0, false), "1");
        // An integer of more than 28 digits cannot be quantized: Python raises InvalidOperation.
        assert_eq!(ix_value("9999999999999999999999999999.5", 0, false), Err(NumberError::OutOfRange));
        assert_eq!(ix_value("1234567890123456789012345678951", 0, false), Err(NumberError::OutOfRange));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in ["", " ", "1,234", "1.2.3", "abc", "1e", ".", "--1", "1e+"] {
            assert_eq!(ix_value(text, 0, false), Err(NumberError::NotANumber), "{text:?}");
        }
        assert_eq!(ix_value("1e999999999999", 0, false), Err(NumberError::OutOfRange));
        assert_eq!(ix_value("1", 5000, false), Err(NumberError::OutOfRange));
    }
}
