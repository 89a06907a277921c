//! Delivery of due alerts: each alert retried with exponential backoff until acknowledged or
//! dead, every attempt written to the store as it ends. Deliveries run concurrently, each
//! request with its own timeout, so one receiver that never answers delays no other.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use serde::Serialize;

use super::message::{Message, signal_id};
use super::{AlertError, Sink, atom, feed_path, jsonl, sinks, webhook};
use crate::config::{AlertConfig, JsonlTarget};
use crate::store::{AlertRecord, AlertStatus, Lease, Store, StoreError, StoredSignal};

/// Longest wait between two attempts.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(300);

/// What one delivery pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryReport {
    pub delivered: usize,
    /// Alerts whose attempts ran out in this pass.
    pub dead: usize,
    /// Alerts still pending (their sink is gone from the config, or the pass was cut short).
    pub pending: usize,
    pub attempts: u32,
}

/// Alerts claimed at once: every one due, in practice.
const CLAIM_LIMIT: i64 = 10_000;

/// Delivers every due pending alert, claimed under `lease` so that each is sent by one process
/// of those sharing the store, then rewrites the feed file.
pub async fn deliver_pending(store: &Store, config: &AlertConfig, lease: &Lease) -> Result<DeliveryReport, AlertError> {
    let due = store.claim_alerts(lease, CLAIM_LIMIT).await?;
    let stored = store.signals().await?;
    let signals: HashMap<i64, &StoredSignal> = stored.iter().map(|s| (s.id, s)).collect();
    let client = reqwest::Client::builder().user_agent(concat!("minewatch/", env!("CARGO_PKG_VERSION"))).build()?;
    let known = sinks(config);
    let data_dir = store.data_dir().to_path_buf();

    let outcomes: Vec<Result<(AlertStatus, u32), AlertError>> = futures_util::stream::iter(due)
        .map(|alert| {
            let sink = known.iter().copied().find(|s| s.name() == alert.sink);
            let signal = signals.get(&alert.signal_id).copied();
            let (client, data_dir) = (&client, &data_dir);
            async move {
                let (Some(sink), Some(signal)) = (sink, signal) else {
                    tracing::warn!(
                        sink = super::redact_sink(&alert.sink),
                        "alert {} left pending: its sink is not configured",
                        alert.id
                    );
                    return Ok((AlertStatus::Pending, 0));
                };
                let body = serde_json::to_string(&Message::of(signal))
                    .map_err(|source| AlertError::Encode { key: signal.signal.key(), source })?;
                let send = || send(client, sink, data_dir, signal, &body);
                Ok(retry(store, config.retry_base, &alert, sink.max_attempts(), send).await?)
            }
        })
        .buffer_unordered(config.concurrency.max(1))
        .collect()
        .await;

    let mut report = DeliveryReport::default();
    for outcome in outcomes {
        let (status, attempts) = outcome?;
        report.attempts += attempts;
        match status {
            AlertStatus::Delivered => report.delivered += 1,
            AlertStatus::Dead => report.dead += 1,
            AlertStatus::Pending => report.pending += 1,
        }
    }
    atom::write(&feed_path(store, config), &stored)?;
    Ok(report)
}

/// One attempt at one sink.
async fn send(
    client: &reqwest::Client,
    sink: Sink<'_>,
    data_dir: &std::path::Path,
    signal: &StoredSignal,
    body: &str,
) -> Result<(), String> {
    match sink {
        Sink::Webhook(hook) => webhook::post(client, hook, &signal_id(signal), body).await,
        Sink::Jsonl(JsonlTarget::File(path)) => jsonl::append(&JsonlTarget::File(data_dir.join(path)), body),
        Sink::Jsonl(target) => jsonl::append(target, body),
    }
}

/// Attempts until delivered or `max_attempts` (counting earlier runs' attempts) are spent.
async fn retry<F, Fut>(
    store: &Store,
    base: Duration,
    alert: &AlertRecord,
    max_attempts: u32,
    mut attempt: F,
) -> Result<(AlertStatus, u32), StoreError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let mut made = 0;
    loop {
        let number = alert.attempts + made + 1;
        let result = attempt().await;
        made += 1;
        let wait = backoff(base, number);
        let retry_at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
        let (status, error) = match result {
            Ok(()) => (AlertStatus::Delivered, None),
            Err(e) if number >= max_attempts => (AlertStatus::Dead, Some(e)),
            Err(e) => (AlertStatus::Pending, Some(e)),
        };
        if let Some(e) = &error {
            tracing::warn!(
                sink = super::redact_sink(&alert.sink),
                attempt = number,
                "alert {} not delivered: {e}",
                alert.id
            );
        }
        store.record_attempt(alert.id, status, retry_at, error.as_deref()).await?;
        if status != AlertStatus::Pending {
            return Ok((status, made));
        }
        tokio::time::sleep(wait).await;
    }
}

/// `base` × 2^(attempt − 1), at most [`MAX_RETRY_WAIT`].
fn backoff(base: Duration, attempt: u32) -> Duration {
    base.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1))).min(MAX_RETRY_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let base = Duration::from_secs(2);
        let waits: Vec<u64> = (1..=5).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32]);
        assert_eq!(backoff(base, 40), MAX_RETRY_WAIT);
    }
}
