//! The `[alert]` table: where signals are delivered. Webhook secrets named by `secret_env` are
//! read here, so a missing variable is refused at start rather than at the first delivery.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::value::{At, seconds_or};

/// The Atom feed file, relative to the data dir unless absolute.
pub const DEFAULT_FEED_FILE: &str = "alerts.atom";
/// Attempts per webhook delivery, the first included, before the alert is dead.
pub const DEFAULT_WEBHOOK_ATTEMPTS: u32 = 5;
/// Per-request timeout of a webhook POST.
pub const DEFAULT_WEBHOOK_TIMEOUT_SECS: f64 = 10.0;
/// Wait before the first retry; doubled for each further one.
pub const DEFAULT_RETRY_BASE_SECS: f64 = 2.0;
/// Deliveries in flight at once.
pub const DEFAULT_DELIVERY_CONCURRENCY: usize = 8;

/// Where signals are delivered besides the Atom feed.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertConfig {
    /// The Atom feed kept current after each run (relative paths are under the data dir).
    pub feed_file: PathBuf,
    pub jsonl: Option<JsonlTarget>,
    pub webhooks: Vec<WebhookConfig>,
    /// Wait before the first retry of a failed delivery; doubled for each further one.
    pub retry_base: Duration,
    /// Deliveries in flight at once.
    pub concurrency: usize,
}

impl Default for AlertConfig {
    fn default() -> Self {
        AlertConfig {
            feed_file: PathBuf::from(DEFAULT_FEED_FILE),
            jsonl: None,
            webhooks: Vec::new(),
            retry_base: Duration::from_secs_f64(DEFAULT_RETRY_BASE_SECS),
            concurrency: DEFAULT_DELIVERY_CONCURRENCY,
        }
    }
}

/// A JSON-lines sink: one line per signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonlTarget {
    Stdout,
    File(PathBuf),
}

/// One webhook receiver.
#[derive(Clone, PartialEq)]
pub struct WebhookConfig {
    pub url: String,
    /// The HMAC-SHA256 key of the signature header.
    pub secret: String,
    /// Attempts, the first included, before the alert is dead.
    pub max_attempts: u32,
    pub timeout: Duration,
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("max_attempts", &self.max_attempts)
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlert {
    feed_file: Option<PathBuf>,
    jsonl: Option<Spanned<String>>,
    retry_base_secs: Option<Spanned<f64>>,
    concurrency: Option<usize>,
    #[serde(default)]
    webhook: Vec<RawWebhook>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWebhook {
    url: Spanned<String>,
    secret: Option<String>,
    secret_env: Option<Spanned<String>>,
    max_attempts: Option<Spanned<u32>>,
    timeout_secs: Option<Spanned<f64>>,
}

/// Checks `[alert]` and its webhooks, reading each webhook's `secret_env`.
pub(super) fn validate(raw: RawAlert, at: At) -> Result<AlertConfig, ConfigError> {
    let mut config = AlertConfig::default();
    if let Some(feed_file) = raw.feed_file {
        config.feed_file = feed_file;
    }
    if let Some(jsonl) = raw.jsonl {
        config.jsonl = Some(match jsonl.get_ref().as_str() {
            "" => return Err(at(jsonl.span(), "alert.jsonl must be a path or \"-\" (stdout)".into())),
            "-" => JsonlTarget::Stdout,
            path => JsonlTarget::File(PathBuf::from(path)),
        });
    }
    config.retry_base = seconds_or(raw.retry_base_secs.as_ref(), "alert.retry_base_secs", DEFAULT_RETRY_BASE_SECS, at)?;
    config.concurrency = raw.concurrency.unwrap_or(DEFAULT_DELIVERY_CONCURRENCY).max(1);
    for hook in raw.webhook {
        let span = hook.url.span();
        let webhook = webhook(hook, at)?;
        if config.webhooks.iter().any(|known| known.url == webhook.url) {
            return Err(at(span, format!("alert.webhook {} is configured twice", webhook.url)));
        }
        config.webhooks.push(webhook);
    }
    Ok(config)
}

fn webhook(raw: RawWebhook, at: At) -> Result<WebhookConfig, ConfigError> {
    let url = raw.url.get_ref().trim().to_string();
    let here = |message: String| at(raw.url.span(), message);
    match reqwest::Url::parse(&url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
        _ => return Err(here(format!("alert.webhook url {url:?} is not an http(s) URL"))),
    }
    let secret = match (raw.secret, raw.secret_env) {
        (Some(secret), None) if !secret.is_empty() => secret,
        (None, Some(name)) => std::env::var(name.get_ref()).ok().filter(|s| !s.is_empty()).ok_or_else(|| {
            at(name.span(), format!("alert.webhook secret_env {}: the variable is not set", name.get_ref()))
        })?,
        _ => return Err(here(format!("alert.webhook {url}: set exactly one of secret and secret_env"))),
    };
    let max_attempts = match raw.max_attempts {
        Some(n) if *n.get_ref() == 0 => {
            return Err(at(n.span(), "alert.webhook max_attempts must be at least 1".into()));
        }
        Some(n) => *n.get_ref(),
        None => DEFAULT_WEBHOOK_ATTEMPTS,
    };
    let timeout =
        seconds_or(raw.timeout_secs.as_ref(), "alert.webhook timeout_secs", DEFAULT_WEBHOOK_TIMEOUT_SECS, at)?;
    Ok(WebhookConfig { url, secret, max_attempts, timeout })
}

#[cfg(test)]
mod tests {
    use super::super::parse_tables as parse;
    use super::*;

    #[test]
    fn defaults_without_tables() {
        assert_eq!(parse("").unwrap().alert, AlertConfig::default());
    }

    #[test]
    fn the_table_is_read() {
        let config = parse(
            "[alert]\nfeed_file = \"/srv/feed.atom\"\njsonl = \"-\"\nretry_base_secs = 0.5\n\
             [[alert.webhook]]\nurl = \"https://hooks.example.com/a\"\nsecret = \"s3cret\"\nmax_attempts = 3\n\
             [[alert.webhook]]\nurl = \"http://127.0.0.1:9/b\"\nsecret_env = \"PATH\"\ntimeout_secs = 1.5\n",
        )
        .unwrap();
        assert_eq!(config.alert.feed_file, PathBuf::from("/srv/feed.atom"));
        assert_eq!(config.alert.jsonl, Some(JsonlTarget::Stdout));
        assert_eq!(config.alert.retry_base, Duration::from_millis(500));
        let [a, b] = &config.alert.webhooks[..] else { panic!("two webhooks") };
        assert_eq!((a.secret.as_str(), a.max_attempts), ("s3cret", 3));
        assert_eq!((b.max_attempts, b.timeout), (DEFAULT_WEBHOOK_ATTEMPTS, Duration::from_millis(1500)));
        assert!(!format!("{a:?}").contains("s3cret"), "Debug hides the secret");
    }

    #[test]
    fn mistakes_name_their_line() {
        let cases = [
            ("[alert]\njsonl = \"\"\n", "test.toml:4: alert.jsonl must be a path"),
            ("[alert]\nretry = 1\n", "test.toml:4: unknown field `retry`"),
            ("[[alert.webhook]]\nurl = \"ftp://x\"\nsecret = \"s\"\n", "test.toml:4: alert.webhook url \"ftp://x\""),
            ("[[alert.webhook]]\nurl = \"http://x\"\n", "test.toml:4: alert.webhook http://x: set exactly one"),
            (
                "[[alert.webhook]]\nurl = \"http://x\"\nsecret_env = \"MINEWATCH_NO_SUCH_VARIABLE\"\n",
                "test.toml:5: alert.webhook secret_env MINEWATCH_NO_SUCH_VARIABLE: the variable is not set",
            ),
            (
                "[[alert.webhook]]\nurl = \"http://x\"\nsecret = \"s\"\nmax_attempts = 0\n",
                "test.toml:6: alert.webhook max_attempts",
            ),
            (
                "[[alert.webhook]]\nurl = \"http://x\"\nsecret = \"s\"\n[[alert.webhook]]\nurl = \"http://x\"\nsecret = \"t\"\n",
                "test.toml:7: alert.webhook http://x is configured twice",
            ),
        ];
        for (tables, expected) in cases {
            let e = parse(tables).err().unwrap_or_default();
            assert!(e.starts_with(expected), "{tables}\n→ {e}");
        }
    }
}
