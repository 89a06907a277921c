//! `[crawl]`: the polite HTTP client and the EDGAR source. SEC fair access sets the ceiling (a
//! User-Agent with a contact e-mail, at most 10 requests per second in total), so both are checked
//! here, before a single request is sent; every other setting has a named default below.

use std::time::Duration;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::value::{At, seconds_or};
use super::{ConfigError, MAX_SECONDS};

/// SEC fair access allows at most this many requests per second in total.
pub const MAX_RATE_PER_SECOND: f64 = 10.0;
/// Default request rate: half of SEC's ceiling.
pub const DEFAULT_RATE_PER_SECOND: f64 = 5.0;
/// EDGAR's JSON API (submissions), unless the replay server stands in for it.
pub const DEFAULT_DATA_BASE: &str = "https://data.sec.gov";
/// EDGAR's archives (filing indexes and documents), unless the replay server stands in for them.
pub const DEFAULT_ARCHIVES_BASE: &str = "https://www.sec.gov";
/// Largest response body accepted (EDGAR filings with exhibits stay far below).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// Time to open a connection before the attempt counts as failed (and is retried).
pub const DEFAULT_CONNECT_TIMEOUT_SECS: f64 = 10.0;
/// Longest silence while reading a response before the attempt counts as failed.
pub const DEFAULT_READ_TIMEOUT_SECS: f64 = 30.0;
/// Attempts per request, the first included: enough to ride out a short outage.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 5;
/// Longest wait between attempts (also caps `Retry-After`).
pub const DEFAULT_MAX_BACKOFF_SECS: f64 = 60.0;
/// Companies crawled at once; their requests still share the one rate limit.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// Default per-host request rate for newswires and IR sites (they publish no limit; stay gentle).
pub const DEFAULT_PRESS_RATE_PER_SECOND: f64 = 2.0;
/// Runs in a row a document must answer 404 or 410 before the crawler gives it up.
pub const DEFAULT_GIVE_UP_AFTER_RUNS: u32 = 3;
/// Environment variable that overrides `crawl.user_agent`.
pub const USER_AGENT_ENV: &str = "MINEWATCH_USER_AGENT";

/// Settings of the polite HTTP client and the EDGAR source.
#[derive(Debug, Clone, PartialEq)]
pub struct CrawlConfig {
    /// Validated to contain a contact e-mail; crawling refuses to start without one.
    pub user_agent: Option<String>,
    pub rate_per_second: f64,
    pub data_base: String,
    pub archives_base: String,
    /// Filings before this date are skipped.
    pub since: Option<NaiveDate>,
    pub max_body_bytes: u64,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// Attempts per request, the first included.
    pub max_attempts: u32,
    /// Longest wait between attempts (also caps `Retry-After`).
    pub max_backoff: Duration,
    /// Companies crawled at once (requests still share one rate limit).
    pub concurrency: usize,
    /// Runs in a row a document must fail with 404 or 410 before it is given up.
    pub give_up_after_runs: u32,
    /// Requests per second to any one press host (newswire, IR site).
    pub press_rate_per_second: f64,
    /// When set, press URL `https://host/path?q` is fetched as `{press_base}/host/path?q`
    /// (one replay server stands in for every host); stored documents keep the original URL.
    pub press_base: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCrawl {
    user_agent: Option<Spanned<String>>,
    rate_per_second: Option<Spanned<f64>>,
    data_base: Option<String>,
    archives_base: Option<String>,
    since: Option<Spanned<String>>,
    max_body_bytes: Option<u64>,
    connect_timeout_secs: Option<Spanned<f64>>,
    read_timeout_secs: Option<Spanned<f64>>,
    max_attempts: Option<u32>,
    max_backoff_secs: Option<Spanned<f64>>,
    concurrency: Option<usize>,
    give_up_after_runs: Option<u32>,
    press_rate_per_second: Option<Spanned<f64>>,
    press_base: Option<String>,
}

/// Checks `[crawl]`. `user_agent_override` ($MINEWATCH_USER_AGENT, or the demo's) replaces
/// `crawl.user_agent`, and is refused, naming the variable, without a contact e-mail.
pub(super) fn validate(raw: RawCrawl, user_agent_override: Option<&str>, at: At) -> Result<CrawlConfig, ConfigError> {
    let user_agent = match (user_agent_override, &raw.user_agent) {
        (Some(ua), _) if !has_contact_email(ua) => {
            return Err(ConfigError::Missing {
                origin: USER_AGENT_ENV.to_string(),
                message: "the User-Agent must contain a contact e-mail (SEC fair access)".into(),
            });
        }
        (Some(ua), _) => Some(ua.to_string()),
        (None, Some(ua)) if !has_contact_email(ua.get_ref()) => {
            return Err(at(ua.span(), "crawl.user_agent must contain a contact e-mail (SEC fair access)".into()));
        }
        (None, ua) => ua.as_ref().map(|ua| ua.get_ref().clone()),
    };
    let rate_per_second = match raw.rate_per_second {
        Some(rate) => {
            let r = *rate.get_ref();
            if !(r > 0.0 && r <= MAX_RATE_PER_SECOND) {
                return Err(at(
                    rate.span(),
                    format!("crawl.rate_per_second must be in (0, {MAX_RATE_PER_SECOND}], got {r}"),
                ));
            }
            r
        }
        None => DEFAULT_RATE_PER_SECOND,
    };
    let press_rate_per_second = match raw.press_rate_per_second {
        Some(rate) if !(*rate.get_ref() >= 1.0 / MAX_SECONDS && *rate.get_ref() <= MAX_RATE_PER_SECOND) => {
            return Err(at(
                rate.span(),
                format!(
                    "crawl.press_rate_per_second must be in [1/{MAX_SECONDS}, {MAX_RATE_PER_SECOND}], got {}",
                    rate.get_ref()
                ),
            ));
        }
        Some(rate) => *rate.get_ref(),
        None => DEFAULT_PRESS_RATE_PER_SECOND,
    };
    let since = match raw.since {
        Some(s) => Some(
            NaiveDate::parse_from_str(s.get_ref(), "%Y-%m-%d")
                .map_err(|e| at(s.span(), format!("crawl.since {:?}: {e}", s.get_ref())))?,
        ),
        None => None,
    };
    Ok(CrawlConfig {
        user_agent,
        rate_per_second,
        data_base: trim_base(raw.data_base.as_deref().unwrap_or(DEFAULT_DATA_BASE)),
        archives_base: trim_base(raw.archives_base.as_deref().unwrap_or(DEFAULT_ARCHIVES_BASE)),
        since,
        max_body_bytes: raw.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
        connect_timeout: seconds_or(
            raw.connect_timeout_secs.as_ref(),
            "crawl.connect_timeout_secs",
            DEFAULT_CONNECT_TIMEOUT_SECS,
            at,
        )?,
        read_timeout: seconds_or(
            raw.read_timeout_secs.as_ref(),
            "crawl.read_timeout_secs",
            DEFAULT_READ_TIMEOUT_SECS,
            at,
        )?,
        max_attempts: raw.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS).max(1),
        max_backoff: seconds_or(raw.max_backoff_secs.as_ref(), "crawl.max_backoff_secs", DEFAULT_MAX_BACKOFF_SECS, at)?,
        concurrency: raw.concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1),
        give_up_after_runs: raw.give_up_after_runs.unwrap_or(DEFAULT_GIVE_UP_AFTER_RUNS).max(1),
        press_rate_per_second,
        press_base: raw.press_base.as_deref().map(trim_base),
    })
}

/// A loose check for `local@domain.tld` somewhere in the string.
fn has_contact_email(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || "()<>,;\"'".contains(c)).any(|word| {
        word.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
    })
}

/// A base URL without its trailing slashes, so paths join with one.
pub(super) fn trim_base(s: &str) -> String {
    s.trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{Config, UA, company_entry, refused};
    use super::*;

    #[test]
    fn user_agent_needs_a_contact_email() {
        let e = refused(&format!("[crawl]\nuser_agent = \"minewatch\"\n{}", company_entry("A", "1")));
        assert_eq!(e, "test.toml:2: crawl.user_agent must contain a contact e-mail (SEC fair access)");
        let without = Config::parse(&company_entry("A", "1"), "t.toml", None).unwrap();
        let e = without.user_agent().unwrap_err().to_string();
        assert!(e.starts_with("t.toml: no User-Agent"), "{e}");
        let with_env = Config::parse(&company_entry("A", "1"), "t", Some("x (me@corp.io)")).unwrap();
        assert_eq!(with_env.user_agent().unwrap(), "x (me@corp.io)");
        assert!(Config::parse(&company_entry("A", "1"), "t", Some("no contact")).is_err());
    }

    #[test]
    fn rate_above_sec_ceiling_is_refused() {
        let e = refused(&format!("{UA}rate_per_second = 12.0\n"));
        assert!(e.starts_with("test.toml:3: crawl.rate_per_second must be in (0, 10]"), "{e}");
    }

    /// Issue 13.3: a negative, NaN, zero or huge duration panicked in `Duration` conversion.
    #[test]
    fn duration_settings_out_of_range_are_config_errors_not_panics() {
        for key in ["connect_timeout_secs", "read_timeout_secs", "max_backoff_secs"] {
            for value in ["-1.0", "nan", "inf", "0.0", "1e300", "86401.0"] {
                let e = refused(&format!("{UA}{key} = {value}\n"));
                assert!(
                    e.starts_with(&format!("test.toml:3: crawl.{key} must be a positive number of seconds")),
                    "{e}"
                );
            }
        }
        let config = Config::parse(&format!("{UA}read_timeout_secs = 2.5\n"), "t", None).unwrap();
        assert_eq!(config.crawl.read_timeout, Duration::from_millis(2500));
    }

    #[test]
    fn press_settings_are_checked() {
        let config = Config::parse(&format!("{UA}press_base = \"http://127.0.0.1:9/\"\n"), "t", None).unwrap();
        assert_eq!(config.crawl.press_base.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(config.crawl.press_rate_per_second, DEFAULT_PRESS_RATE_PER_SECOND);
        for rate in ["0.0", "-1.0", "nan", "1e-300", "11.0"] {
            let e = refused(&format!("{UA}press_rate_per_second = {rate}\n"));
            assert!(e.starts_with("test.toml:3: crawl.press_rate_per_second must be in [1/86400, 10]"), "{e}");
        }
    }
}
