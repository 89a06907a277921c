//! Delivery of due alerts: each alert retried with exponential backoff until acknowledged or
//! dead, under one claim held across the attempts (renewed through each wait), every attempt
//! counted as it begins and written as it ends. Deliveries run concurrently, each request with
//! its own timeout, so one receiver that never answers delays no other.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use serde::Serialize;

use super::message::{Message, signal_id};
use super::{AlertError, Sink, atom, feed_path, jsonl, sinks, webhook};
use crate::config::{AlertConfig, JsonlTarget};
use crate::store::{AlertRecord, AlertStatus, Claimed, Lease, Store, StoreError, StoredSignal};

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
        .map(|claim| {
            let sink = known.iter().copied().find(|s| s.name() == claim.work.sink);
            let signal = signals.get(&claim.work.signal_id).copied();
            let (client, data_dir) = (&client, &data_dir);
            async move {
                let (Some(sink), Some(signal)) = (sink, signal) else {
                    tracing::warn!(
                        sink = super::redact_sink(&claim.work.sink),
                        "alert {} left pending: its sink is not configured",
                        claim.work.id
                    );
                    store.release_alert(&claim).await?;
                    return Ok((AlertStatus::Pending, 0));
                };
                let body = serde_json::to_string(&Message::of(signal))
                    .map_err(|source| AlertError::Encode { key: signal.signal.key(), source })?;
                let send = || send(client, sink, data_dir, signal, &body);
                let holding = Holding { store, lease, base: config.retry_base, max_attempts: sink.max_attempts() };
                Ok(holding.retry(&claim, send).await?)
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

/// One alert's delivery under its claim: how long the claim lasts past each step, the backoff
/// base and the sink's attempts.
struct Holding<'a> {
    store: &'a Store,
    lease: &'a Lease,
    base: Duration,
    max_attempts: u32,
}

impl Holding<'_> {
    /// Attempts until delivered or `max_attempts` (counting earlier holders' attempts) are spent,
    /// holding the claim across the waits; returns the outcome and the POSTs this call made. An
    /// alert acknowledged meanwhile, or whose claim lapsed and went to another holder, is left to
    /// it (`Pending`): nothing more is sent from here.
    async fn retry<F, Fut>(
        &self,
        claim: &Claimed<AlertRecord>,
        mut attempt: F,
    ) -> Result<(AlertStatus, u32), StoreError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<(), String>>,
    {
        let alert = &claim.work;
        let mut made = 0;
        loop {
            let Some(number) = self.store.begin_attempt(claim, self.lease.until(Utc::now().timestamp_millis())).await?
            else {
                return Ok((AlertStatus::Pending, made));
            };
            made += 1;
            let error = match attempt().await {
                Ok(()) => {
                    self.store.acknowledged(alert.id).await?;
                    return Ok((AlertStatus::Delivered, made));
                }
                Err(error) => error,
            };
            let status = if number >= self.max_attempts { AlertStatus::Dead } else { AlertStatus::Pending };
            tracing::warn!(
                sink = super::redact_sink(&alert.sink),
                attempt = number,
                "alert {} not delivered: {error}",
                alert.id
            );
            let wait = backoff(self.base, number);
            let retry_at = Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX);
            let held_until = self.lease.until(retry_at.timestamp_millis());
            let held = self.store.attempt_failed(claim, status, retry_at, held_until, &error).await?;
            if !held || status == AlertStatus::Dead {
                return Ok((if held { status } else { AlertStatus::Pending }, made));
            }
            tokio::time::sleep(wait).await;
        }
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
