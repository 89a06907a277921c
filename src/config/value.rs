//! Values several tables share, validated with the line they are on.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;

use super::ConfigError;

/// Builds the error for a span of the config text.
pub(super) type At<'a> = &'a dyn Fn(Range<usize>, String) -> ConfigError;

/// Longest duration any setting accepts: a day. Beyond it a value is a mistake, and
/// `Duration` arithmetic on it could overflow.
pub const MAX_SECONDS: f64 = 86_400.0;

/// A positive number of seconds, at most [`MAX_SECONDS`]; NaN, negative, zero and huge values are
/// refused with the key and the value.
fn seconds(secs: &Spanned<f64>, key: &str, at: At) -> Result<Duration, ConfigError> {
    let s = *secs.get_ref();
    Duration::try_from_secs_f64(s).ok().filter(|d| !d.is_zero() && s <= MAX_SECONDS).ok_or_else(|| {
        at(secs.span(), format!("{key} must be a positive number of seconds up to {MAX_SECONDS}, got {s}"))
    })
}

/// [`seconds`] when the key is set, else `default_secs` (a named default, always in range).
pub(super) fn seconds_or(
    secs: Option<&Spanned<f64>>,
    key: &str,
    default_secs: f64,
    at: At,
) -> Result<Duration, ConfigError> {
    match secs {
        Some(secs) => seconds(secs, key, at),
        None => Ok(Duration::from_secs_f64(default_secs)),
    }
}
