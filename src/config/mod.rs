//! Configuration: the company universe and the crawler's settings, validated before any I/O.
//!
//! A config is one TOML file (`companies.toml` is the embedded default): a `[crawl]` table and
//! `[[company]]` entries. Every mistake — an unknown field, a duplicate ticker, a malformed CIK,
//! a User-Agent without a contact e-mail — is reported with the line it is on, before a single
//! request is sent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::detect::DetectSettings;
use crate::model::{Company, FilerKind, FiscalYearEnd, LabelOverride, PressSource};

mod alert;
mod detect;
mod serve;
mod store;
mod value;

pub use alert::{AlertConfig, JsonlTarget, WebhookConfig};
pub use serve::{ServeConfig, TOKEN_ENV};
pub use store::{StoreConfig, redacted};
pub use value::MAX_SECONDS;
use value::{At, seconds};

/// The universe shipped with minewatch.
pub const DEFAULT_CONFIG: &str = include_str!("../../companies.toml");
/// How the embedded default names itself in errors.
const EMBEDDED_ORIGIN: &str = "companies.toml (embedded)";
/// SEC fair access allows at most this many requests per second in total.
pub const MAX_RATE_PER_SECOND: f64 = 10.0;
/// Default request rate: half of SEC's ceiling.
pub const DEFAULT_RATE_PER_SECOND: f64 = 5.0;
pub const DEFAULT_DATA_BASE: &str = "https://data.sec.gov";
pub const DEFAULT_ARCHIVES_BASE: &str = "https://www.sec.gov";
/// Largest response body accepted (EDGAR filings with exhibits stay far below).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// Default per-host request rate for newswires and IR sites (they publish no limit; stay gentle).
pub const DEFAULT_PRESS_RATE_PER_SECOND: f64 = 2.0;
/// Runs in a row a document must answer 404 or 410 before the crawler gives it up.
pub const DEFAULT_GIVE_UP_AFTER_RUNS: u32 = 3;
/// Environment variable that overrides `crawl.user_agent`.
pub const USER_AGENT_ENV: &str = "MINEWATCH_USER_AGENT";

/// A configuration problem, with the file and line it is on.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{origin}:{line}: {message}")]
    Invalid { origin: String, line: usize, message: String },
    #[error("{origin}: {message}")]
    Missing { origin: String, message: String },
}

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

/// The whole validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the config came from (a path, or the embedded default), for error messages.
    pub origin: String,
    pub crawl: CrawlConfig,
    pub companies: Vec<Company>,
    /// `[serve]`: the HTTP server.
    pub serve: ServeConfig,
    /// `[detect]`: what counts as a crossover.
    pub detect: DetectSettings,
    /// `[alert]`: where signals are delivered.
    pub alert: AlertConfig,
    /// `[store]`: a shared database and blob folder, and work leases.
    pub store: StoreConfig,
}

impl Config {
    /// Reads and validates a config file; `MINEWATCH_USER_AGENT` overrides the User-Agent.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
        Config::parse(&text, &path.display().to_string(), env_user_agent().as_deref())
    }

    /// The embedded default universe.
    pub fn embedded() -> Result<Config, ConfigError> {
        Config::parse(DEFAULT_CONFIG, EMBEDDED_ORIGIN, env_user_agent().as_deref())
    }

    /// The config a command runs with: the file at `path`, else the embedded default.
    /// `user_agent` (the demo's) replaces the configured one.
    pub fn load_or_embedded(path: Option<&Path>, user_agent: Option<&str>) -> Result<Config, ConfigError> {
        match (path, user_agent) {
            (Some(path), None) => Config::load(path),
            (None, None) => Config::embedded(),
            (Some(path), Some(ua)) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|source| ConfigError::Read { path: path.to_path_buf(), source })?;
                Config::parse(&text, &path.display().to_string(), Some(ua))
            }
            (None, Some(ua)) => Config::parse(DEFAULT_CONFIG, EMBEDDED_ORIGIN, Some(ua)),
        }
    }

    /// Parses and validates config text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str, user_agent_override: Option<&str>) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            origin: origin.to_string(),
            line: e.span().map_or(0, |s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        let at = |span: std::ops::Range<usize>, message: String| ConfigError::Invalid {
            origin: origin.to_string(),
            line: line_of(text, span.start),
            message,
        };

        let mut companies: Vec<Company> = Vec::with_capacity(raw.company.len());
        for c in raw.company {
            let ticker = c.ticker.get_ref().trim().to_ascii_uppercase();
            if ticker.is_empty() || !ticker.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.') {
                return Err(at(c.ticker.span(), format!("malformed ticker {:?}", c.ticker.get_ref())));
            }
            if companies.iter().any(|known| known.ticker == ticker) {
                return Err(at(c.ticker.span(), format!("duplicate ticker {ticker}")));
            }
            let cik = parse_cik(c.cik.get_ref()).map_err(|m| at(c.cik.span(), m))?;
            let fiscal_year_end =
                parse_month_day(c.fiscal_year_end.get_ref()).map_err(|m| at(c.fiscal_year_end.span(), m))?;
            let press = match c.press {
                Some(press) => {
                    for source in press.get_ref() {
                        check_press_source(source).map_err(|m| at(press.span(), format!("{ticker} press: {m}")))?;
                    }
                    press.into_inner()
                }
                None => Vec::new(),
            };
            companies.push(Company {
                ticker,
                name: c.name,
                cik,
                fiscal_year_end,
                filer_kind: c.filer,
                overrides: c.overrides,
                press,
            });
        }

        let crawl = raw.crawl;
        let user_agent = match (user_agent_override, &crawl.user_agent) {
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
        let rate_per_second = match crawl.rate_per_second {
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
        let press_rate_per_second = match crawl.press_rate_per_second {
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
        let since = match crawl.since {
            Some(s) => Some(
                NaiveDate::parse_from_str(s.get_ref(), "%Y-%m-%d")
                    .map_err(|e| at(s.span(), format!("crawl.since {:?}: {e}", s.get_ref())))?,
            ),
            None => None,
        };

        let detect = detect::detect_settings(raw.detect, &at)?;
        let alert = alert::alert_config(raw.alert, &at)?;
        let secs = |value: &Option<Spanned<f64>>, key: &str, default: f64| match value {
            Some(value) => seconds(value, key, &at),
            None => Ok(Duration::from_secs_f64(default)),
        };
        let connect_timeout = secs(&crawl.connect_timeout_secs, "crawl.connect_timeout_secs", 10.0)?;
        let read_timeout = secs(&crawl.read_timeout_secs, "crawl.read_timeout_secs", 30.0)?;
        let max_backoff = secs(&crawl.max_backoff_secs, "crawl.max_backoff_secs", 60.0)?;

        Ok(Config {
            origin: origin.to_string(),
            detect,
            alert,
            crawl: CrawlConfig {
                user_agent,
                rate_per_second,
                data_base: trim_base(crawl.data_base.as_deref().unwrap_or(DEFAULT_DATA_BASE)),
                archives_base: trim_base(crawl.archives_base.as_deref().unwrap_or(DEFAULT_ARCHIVES_BASE)),
                since,
                max_body_bytes: crawl.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
                connect_timeout,
                read_timeout,
                max_attempts: crawl.max_attempts.unwrap_or(5).max(1),
                max_backoff,
                concurrency: crawl.concurrency.unwrap_or(4).max(1),
                give_up_after_runs: crawl.give_up_after_runs.unwrap_or(DEFAULT_GIVE_UP_AFTER_RUNS).max(1),
                press_rate_per_second,
                press_base: crawl.press_base.as_deref().map(trim_base),
            },
            companies,
            serve: serve::validate(raw.serve).map_err(|(span, message)| at(span, message))?,
            store: store::validate(raw.store).map_err(|(span, message)| at(span, message))?,
        })
    }

    /// The User-Agent to crawl with; crawling without one is refused (SEC fair access).
    pub fn user_agent(&self) -> Result<&str, ConfigError> {
        self.crawl.user_agent.as_deref().ok_or_else(|| ConfigError::Missing {
            origin: self.origin.clone(),
            message: format!(
                "no User-Agent: set crawl.user_agent or {USER_AGENT_ENV} to a name and a contact e-mail, \
                 e.g. \"minewatch you@example.com\" (SEC fair access)"
            ),
        })
    }

    /// Points both EDGAR base URLs at one server (the replay server in the demo and tests).
    pub fn aim_at(&mut self, base_url: &str) {
        self.crawl.data_base = trim_base(base_url);
        self.crawl.archives_base = trim_base(base_url);
    }

    /// Fetches every press URL through one server (`press_base`); see [`CrawlConfig::press_base`].
    pub fn aim_press_at(&mut self, base_url: &str) {
        self.crawl.press_base = Some(trim_base(base_url));
    }

    /// The company with this ticker (case-insensitive).
    pub fn company(&self, ticker: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.ticker.eq_ignore_ascii_case(ticker))
    }
}

fn env_user_agent() -> Option<String> {
    std::env::var(USER_AGENT_ENV).ok().filter(|s| !s.trim().is_empty())
}

/// A loose check for `local@domain.tld` somewhere in the string.
fn has_contact_email(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || "()<>,;\"'".contains(c)).any(|word| {
        word.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
    })
}

fn parse_cik(value: &toml::Value) -> Result<u64, String> {
    let digits = match value {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => return Err(format!("malformed CIK {other}: expected up to 10 digits")),
    };
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("malformed CIK {value}: expected up to 10 digits"));
    }
    match digits.parse::<u64>() {
        Ok(0) | Err(_) => Err(format!("malformed CIK {value}: expected up to 10 digits")),
        Ok(cik) => Ok(cik),
    }
}

/// A press source needs an absolute http(s) URL, and a page source a CSS selector that parses.
fn check_press_source(source: &PressSource) -> Result<(), String> {
    let url = source.url();
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("malformed URL {url:?}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!("URL {url:?} is not an absolute http(s) URL"));
    }
    if let PressSource::Page { selector, .. } = source {
        scraper::Selector::parse(selector).map_err(|e| format!("malformed selector {selector:?} for {url}: {e}"))?;
    }
    Ok(())
}

fn parse_month_day(s: &str) -> Result<FiscalYearEnd, String> {
    let bad = || format!("malformed fiscal_year_end {s:?}: expected MM-DD, e.g. \"06-30\"");
    let (m, d) = s.split_once('-').ok_or_else(bad)?;
    let (month, day): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is accepted.
    NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
    Ok(FiscalYearEnd { month, day })
}

fn trim_base(s: &str) -> String {
    s.trim_end_matches('/').to_string()
}

/// A config with a User-Agent and `tables` after it, or the error as text (for unit tests).
#[cfg(test)]
fn parse_tables(tables: &str) -> Result<Config, String> {
    let text = format!("[crawl]\nuser_agent = \"mw ops@example.com\"\n{tables}");
    Config::parse(&text, "test.toml", None).map_err(|e| e.to_string())
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    crawl: RawCrawl,
    #[serde(default)]
    company: Vec<RawCompany>,
    #[serde(default)]
    serve: serve::RawServe,
    #[serde(default)]
    detect: detect::RawDetect,
    #[serde(default)]
    alert: alert::RawAlert,
    #[serde(default)]
    store: store::RawStore,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCrawl {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompany {
    ticker: Spanned<String>,
    name: String,
    cik: Spanned<toml::Value>,
    fiscal_year_end: Spanned<String>,
    filer: FilerKind,
    #[serde(default)]
    overrides: Vec<LabelOverride>,
    press: Option<Spanned<Vec<PressSource>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const UA: &str = "[crawl]\nuser_agent = \"minewatch ops@example.com\"\n";

    fn company(ticker: &str, cik: &str) -> String {
        format!(
            "[[company]]\nticker = \"{ticker}\"\nname = \"N\"\ncik = {cik}\n\
             fiscal_year_end = \"12-31\"\nfiler = \"domestic\"\n"
        )
    }

    fn err(text: &str) -> String {
        match Config::parse(text, "test.toml", None) {
            Ok(_) => panic!("accepted a bad config:\n{text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn embedded_universe_is_valid_with_a_user_agent() {
        let config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("mw a@b.co")).unwrap();
        assert_eq!(config.companies.len(), 15);
        let iren = config.company("iren").unwrap();
        assert_eq!((iren.cik, iren.fiscal_year_end.month, iren.fiscal_year_end.day), (1878848, 6, 30));
        assert_eq!(config.crawl.rate_per_second, DEFAULT_RATE_PER_SECOND);
        assert_eq!(config.crawl.since, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(config.crawl.give_up_after_runs, DEFAULT_GIVE_UP_AFTER_RUNS);
        let patient = DEFAULT_CONFIG.replace("[crawl]\n", "[crawl]\ngive_up_after_runs = 7\n");
        assert_eq!(Config::parse(&patient, "c.toml", Some("mw a@b.co")).unwrap().crawl.give_up_after_runs, 7);
    }

    #[test]
    fn duplicate_ticker_names_its_line() {
        let text = format!("{UA}{}{}", company("WULF", "1083301"), company("wulf", "1"));
        assert_eq!(err(&text), "test.toml:10: duplicate ticker WULF");
    }

    #[test]
    fn malformed_cik_names_its_line() {
        let text = format!("{UA}{}", company("WULF", "\"10833O1\""));
        assert_eq!(err(&text), "test.toml:6: malformed CIK \"10833O1\": expected up to 10 digits");
        let text = format!("{UA}{}", company("WULF", "123456789012"));
        assert!(err(&text).starts_with("test.toml:6: malformed CIK"));
    }

    #[test]
    fn unknown_field_names_its_line() {
        let text = format!("{UA}{}tickr = \"X\"\n", company("WULF", "1"));
        let e = err(&text);
        assert!(e.starts_with("test.toml:9: unknown field `tickr`"), "{e}");
    }

    #[test]
    fn user_agent_needs_a_contact_email() {
        let e = err(&format!("[crawl]\nuser_agent = \"minewatch\"\n{}", company("A", "1")));
        assert_eq!(e, "test.toml:2: crawl.user_agent must contain a contact e-mail (SEC fair access)");
        let without = Config::parse(&company("A", "1"), "t.toml", None).unwrap();
        let e = without.user_agent().unwrap_err().to_string();
        assert!(e.starts_with("t.toml: no User-Agent"), "{e}");
        let with_env = Config::parse(&company("A", "1"), "t", Some("x (me@corp.io)")).unwrap();
        assert_eq!(with_env.user_agent().unwrap(), "x (me@corp.io)");
        assert!(Config::parse(&company("A", "1"), "t", Some("no contact")).is_err());
    }

    #[test]
    fn rate_above_sec_ceiling_is_refused() {
        let e = err(&format!("{UA}rate_per_second = 12.0\n"));
        assert!(e.starts_with("test.toml:3: crawl.rate_per_second must be in (0, 10]"), "{e}");
    }

    /// Issue 13.3: a negative, NaN, zero or huge duration panicked in `Duration` conversion.
    #[test]
    fn duration_settings_out_of_range_are_config_errors_not_panics() {
        for key in ["connect_timeout_secs", "read_timeout_secs", "max_backoff_secs"] {
            for value in ["-1.0", "nan", "inf", "0.0", "1e300", "86401.0"] {
                let e = err(&format!("{UA}{key} = {value}\n"));
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
    fn press_settings_and_sources_are_checked() {
        let config = Config::parse(&format!("{UA}press_base = \"http://127.0.0.1:9/\"\n"), "t", None).unwrap();
        assert_eq!(config.crawl.press_base.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(config.crawl.press_rate_per_second, DEFAULT_PRESS_RATE_PER_SECOND);
        for rate in ["0.0", "-1.0", "nan", "1e-300", "11.0"] {
            let e = err(&format!("{UA}press_rate_per_second = {rate}\n"));
            assert!(e.starts_with("test.toml:3: crawl.press_rate_per_second must be in [1/86400, 10]"), "{e}");
        }
        let page = |url: &str, selector: &str| {
            format!(
                "{UA}{}press = [{{ kind = \"page\", url = \"{url}\", selector = \"{selector}\" }}]\n",
                company("A", "1")
            )
        };
        assert!(Config::parse(&page("https://iren.com/news", "a.release"), "t", None).is_ok());
        let e = err(&page("/news", "a"));
        assert!(e.starts_with("test.toml:9: A press: malformed URL \"/news\""), "{e}");
        let e = err(&page("https://iren.com/news", "a[["));
        assert!(e.starts_with("test.toml:9: A press: malformed selector"), "{e}");
    }

    #[test]
    fn fiscal_year_end_is_checked() {
        let text = format!("{UA}{}", company("A", "1")).replace("12-31", "13-01");
        assert!(err(&text).starts_with("test.toml:7: malformed fiscal_year_end"));
    }
}
