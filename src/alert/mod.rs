//! Alerts: an outbox of signals to deliver, and the sinks that deliver them.
//!
//! [`record`] writes each new signal together with one pending alert per configured sink in a
//! single transaction; [`deliver_pending`] then sends what is due — webhooks (signed, retried
//! with backoff, dead-lettered after N attempts) and JSON lines — and rewrites the Atom feed.
//! Splitting the two means a crash between detection and delivery loses nothing, and a second
//! run re-sends nothing that was acknowledged.

mod atom;
mod deliver;
mod jsonl;
mod message;
pub mod webhook;

use std::path::PathBuf;

pub use deliver::{DeliveryReport, deliver_pending};
pub use message::{Message, TAG_PREFIX, signal_id, text, title};

use crate::config::{AlertConfig, JsonlTarget, WebhookConfig};
use crate::model::Signal;
use crate::store::{Recorded, Store, StoreError};

/// An alerting failure that stops the stage (a failed delivery is recorded on its alert instead).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AlertError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot build the webhook HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    #[error("writing the feed {path}: {source}")]
    Feed { path: PathBuf, source: std::io::Error },
    #[error("encoding signal {key}: {source}")]
    Encode { key: String, source: serde_json::Error },
}

/// One configured destination of alerts.
#[derive(Debug, Clone, Copy)]
enum Sink<'a> {
    Webhook(&'a WebhookConfig),
    Jsonl(&'a JsonlTarget),
}

/// Attempts at a JSON-lines write (a local file or stdout) before its alert is dead.
const JSONL_MAX_ATTEMPTS: u32 = 3;

impl Sink<'_> {
    /// The name stored on the alert row: `webhook:<url>`, `jsonl:<path>` or `jsonl:-`.
    fn name(self) -> String {
        match self {
            Sink::Webhook(hook) => format!("webhook:{}", hook.url),
            Sink::Jsonl(JsonlTarget::Stdout) => "jsonl:-".to_string(),
            Sink::Jsonl(JsonlTarget::File(path)) => format!("jsonl:{}", path.display()),
        }
    }

    fn max_attempts(self) -> u32 {
        match self {
            Sink::Webhook(hook) => hook.max_attempts,
            Sink::Jsonl(_) => JSONL_MAX_ATTEMPTS,
        }
    }
}

/// A stored sink name fit to show: a webhook's URL often carries its secret in the path or query
/// (Slack's `/services/T…/B…/…`), so only its scheme, host and port are shown.
pub fn redact_sink(name: &str) -> String {
    let Some(url) = name.strip_prefix("webhook:") else { return name.to_string() };
    match reqwest::Url::parse(url) {
        Ok(parsed) if parsed.path() == "/" && parsed.query().is_none() => {
            format!("webhook:{}", parsed.origin().ascii_serialization())
        }
        Ok(parsed) => format!("webhook:{}/…", parsed.origin().ascii_serialization()),
        Err(_) => "webhook:…".to_string(),
    }
}

fn sinks(config: &AlertConfig) -> Vec<Sink<'_>> {
    config.webhooks.iter().map(Sink::Webhook).chain(config.jsonl.iter().map(Sink::Jsonl)).collect()
}

/// Stores detected signals; returns how many were new. A new signal gets one pending alert per
/// configured sink in the same transaction; a known one only has its evidence refreshed.
pub async fn record(store: &Store, signals: &[Signal], config: &AlertConfig) -> Result<usize, AlertError> {
    let names: Vec<String> = sinks(config).into_iter().map(Sink::name).collect();
    let mut new = 0;
    for signal in signals {
        if let Recorded::New(_) = store.record_signal(signal, &names).await? {
            new += 1;
        }
    }
    Ok(new)
}

/// The Atom feed of every stored signal (`minewatch feed`).
pub async fn feed(store: &Store) -> Result<String, AlertError> {
    Ok(atom::feed(&store.signals().await?))
}

/// Where the feed file of `config` lives: relative paths are under the data dir.
pub fn feed_path(store: &Store, config: &AlertConfig) -> PathBuf {
    store.data_dir().join(&config.feed_file)
}

#[cfg(test)]
mod tests {
    use super::redact_sink;

    /// Issue 13.18: webhook URLs (and the secrets in their paths) were shown in `alerts` and logs.
    #[test]
    fn webhook_urls_are_shown_without_their_path_or_query() {
        let slack = "webhook:https://hooks.slack.com/services/T000/B000/XXXXsecret";
        assert_eq!(redact_sink(slack), "webhook:https://hooks.slack.com/…");
        assert_eq!(redact_sink("webhook:http://127.0.0.1:9/hook?token=abc"), "webhook:http://127.0.0.1:9/…");
        assert_eq!(redact_sink("webhook:https://example.com/"), "webhook:https://example.com");
        assert_eq!(redact_sink("jsonl:alerts.jsonl"), "jsonl:alerts.jsonl");
        assert_eq!(redact_sink("webhook:not a url"), "webhook:…");
    }
}
