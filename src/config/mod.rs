//! Configuration: the company universe and every table's settings, validated before any I/O.
//!
//! A config is one TOML file (`companies.toml` is the embedded default): `[[company]]` and
//! `[[pivot]]` entries and the `[crawl]`, `[detect]`, `[alert]`, `[serve]` and `[store]` tables.
//! Every mistake — an unknown field, a duplicate ticker, a malformed CIK, a User-Agent without a
//! contact e-mail, a pivot rule that does not read — is reported with the line it is on, before a
//! single request is sent.
//!
//! Each table has its own file, read one way: serde reads the raw table (refusing unknown fields),
//! and the file's `validate(raw, at)` turns it into validated settings, filling what is left out
//! from its documented `DEFAULT_…` constants and reporting a mistake as a [`ConfigError`] built by
//! `at`, which names the line of the offending value.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::detect::DetectSettings;
use crate::model::{Company, PivotRule};

mod alert;
mod company;
mod crawl;
mod detect;
mod pivot;
mod serve;
mod store;
mod value;

pub use alert::{
    AlertConfig, DEFAULT_DELIVERY_CONCURRENCY, DEFAULT_FEED_FILE, DEFAULT_RETRY_BASE_SECS, DEFAULT_WEBHOOK_ATTEMPTS,
    DEFAULT_WEBHOOK_TIMEOUT_SECS, JsonlTarget, WebhookConfig,
};
use crawl::trim_base;
pub use crawl::{
    CrawlConfig, DEFAULT_ARCHIVES_BASE, DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT_SECS, DEFAULT_DATA_BASE,
    DEFAULT_GIVE_UP_AFTER_RUNS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BACKOFF_SECS, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_PRESS_RATE_PER_SECOND, DEFAULT_RATE_PER_SECOND, DEFAULT_READ_TIMEOUT_SECS, MAX_RATE_PER_SECOND,
    USER_AGENT_ENV,
};
pub use pivot::Pivot;
pub use serve::{ServeConfig, TOKEN_ENV};
pub use store::{DEFAULT_LEASE_SECS, StoreConfig, redacted};
pub use value::MAX_SECONDS;

/// The universe shipped with minewatch.
pub const DEFAULT_CONFIG: &str = include_str!("../../companies.toml");
/// How the embedded default names itself in errors.
const EMBEDDED_ORIGIN: &str = "companies.toml (embedded)";

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

/// The whole validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the config came from (a path, or the embedded default), for error messages.
    pub origin: String,
    /// `[crawl]`: the polite HTTP client and the EDGAR source.
    pub crawl: CrawlConfig,
    /// The universe: as read, the `[[company]]` seed (with each company's label overrides and
    /// press sources); [`Config::with_universe`] makes it the universe the store follows.
    pub companies: Vec<Company>,
    /// `[serve]`: the HTTP server.
    pub serve: ServeConfig,
    /// `[detect]`: what counts as a crossover.
    pub detect: DetectSettings,
    /// `[[pivot]]`, and the rules `follow --pivot` stored once [`Config::with_pivots`] adds them.
    pub pivots: Vec<Pivot>,
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

        Ok(Config {
            origin: origin.to_string(),
            companies: company::validate(raw.company, &at)?,
            crawl: crawl::validate(raw.crawl, user_agent_override, &at)?,
            detect: detect::validate(raw.detect, &at)?,
            pivots: pivot::validate(raw.pivot, &at)?,
            alert: alert::validate(raw.alert, &at)?,
            serve: serve::validate(raw.serve, &at)?,
            store: store::validate(raw.store, &at)?,
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

    /// This config over the universe the store follows: `followed` (by ticker), each company with
    /// the label overrides and press sources its `[[company]]` entry gives (a followed company the
    /// config does not name has none).
    pub fn with_universe(&self, followed: impl IntoIterator<Item = Company>) -> Config {
        let companies = followed
            .into_iter()
            .map(|company| match self.company(&company.ticker) {
                Some(seed) => Company { overrides: seed.overrides.clone(), press: seed.press.clone(), ..company },
                None => company,
            })
            .collect();
        Config { companies, ..self.clone() }
    }

    /// This config with `stored` pivot rules (those `follow --pivot` kept) beside its own.
    pub fn with_pivots(mut self, stored: impl IntoIterator<Item = Pivot>) -> Config {
        for pivot in stored {
            if !self.pivots.contains(&pivot) {
                self.pivots.push(pivot);
            }
        }
        self
    }

    /// The pivot rules `ticker` is watched under: its own, then those for every company; none
    /// means the miners' rule.
    pub fn pivot_rules(&self, ticker: &str) -> Vec<PivotRule> {
        pivot::rules_for(&self.pivots, ticker)
    }

    /// The company with this ticker (case-insensitive).
    pub fn company(&self, ticker: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.ticker.eq_ignore_ascii_case(ticker))
    }
}

fn env_user_agent() -> Option<String> {
    std::env::var(USER_AGENT_ENV).ok().filter(|s| !s.trim().is_empty())
}

/// A `[crawl]` table with a User-Agent, for the tables' unit tests to write after.
#[cfg(test)]
const UA: &str = "[crawl]\nuser_agent = \"minewatch ops@example.com\"\n";

/// A `[[company]]` entry with every required key (for unit tests).
#[cfg(test)]
fn company_entry(ticker: &str, cik: &str) -> String {
    format!(
        "[[company]]\nticker = \"{ticker}\"\nname = \"N\"\ncik = {cik}\n\
         fiscal_year_end = \"12-31\"\nfiler = \"domestic\"\n"
    )
}

/// Why config text is refused (for unit tests; a config that is accepted fails the test).
#[cfg(test)]
fn refused(text: &str) -> String {
    match Config::parse(text, "test.toml", None) {
        Ok(_) => panic!("accepted a bad config:\n{text}"),
        Err(e) => e.to_string(),
    }
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
    crawl: crawl::RawCrawl,
    #[serde(default)]
    company: Vec<company::RawCompany>,
    #[serde(default)]
    serve: serve::RawServe,
    #[serde(default)]
    detect: detect::RawDetect,
    #[serde(default)]
    pivot: Vec<pivot::RawPivot>,
    #[serde(default)]
    alert: alert::RawAlert,
    #[serde(default)]
    store: store::RawStore,
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn embedded_universe_is_valid_with_a_user_agent() {
        let config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("mw a@b.co")).unwrap();
        assert_eq!(config.companies.len(), 16);
        let iren = config.company("iren").unwrap();
        assert_eq!((iren.cik, iren.fiscal_year_end.month, iren.fiscal_year_end.day), (1878848, 6, 30));
        assert_eq!(config.crawl.rate_per_second, DEFAULT_RATE_PER_SECOND);
        assert_eq!(config.crawl.since, NaiveDate::from_ymd_opt(2020, 1, 1));
        let nvidia = PivotRule::parse("Data Center > Gaming").unwrap();
        assert_eq!((config.pivot_rules("NVDA"), config.pivot_rules("WULF")), (vec![nvidia], vec![]));
        assert_eq!(config.crawl.give_up_after_runs, DEFAULT_GIVE_UP_AFTER_RUNS);
        let patient = DEFAULT_CONFIG.replace("[crawl]\n", "[crawl]\ngive_up_after_runs = 7\n");
        assert_eq!(Config::parse(&patient, "c.toml", Some("mw a@b.co")).unwrap().crawl.give_up_after_runs, 7);
    }
}
