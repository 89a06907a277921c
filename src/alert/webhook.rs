//! Webhook delivery: one signed JSON POST per alert. The signature covers the send time and the
//! exact body bytes (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the scheme Stripe
//! and Slack use), so a receiver checks it with the shared secret, refuses a stale `t` (a
//! replay), and drops repeats by the `Idempotency-Key` (delivery is at least once: a lost
//! acknowledgement means a re-send).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::config::WebhookConfig;

/// Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
pub const SIGNATURE_HEADER: &str = "X-Minewatch-Signature";
/// Header carrying the signal's stable id; the same on every attempt.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// The signature header's value for `body` sent at `timestamp` (unix seconds) under `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
    let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .map(|mac| mac.chain_update(format!("{timestamp}.")).chain_update(body).finalize().into_bytes());
    match mac {
        Ok(bytes) => format!("t={timestamp},v1={}", hex::encode(bytes)),
        Err(_) => format!("t={timestamp},v1="),
    }
}

/// POSTs `body` to the hook; Ok only on a 2xx answer within the hook's timeout.
pub async fn post(client: &reqwest::Client, hook: &WebhookConfig, key: &str, body: &str) -> Result<(), String> {
    let response = client
        .post(&hook.url)
        .timeout(hook.timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(IDEMPOTENCY_HEADER, key)
        .header(SIGNATURE_HEADER, signature(&hook.secret, chrono::Utc::now().timestamp(), body.as_bytes()))
        .body(body.to_string())
        .send()
        .await
        // Without the URL: it may carry the hook's secret, and the message is stored and shown.
        .map_err(|e| {
            if e.is_timeout() { format!("no answer within {:?}", hook.timeout) } else { e.without_url().to_string() }
        })?;
    let status = response.status();
    if status.is_success() { Ok(()) } else { Err(format!("HTTP {status}")) }
}

#[cfg(test)]
mod tests {
    use super::signature;

    /// Issue 13.17: the signature covered the body only, so a captured request could be replayed.
    #[test]
    fn the_signature_covers_the_send_time_so_a_replay_can_be_refused() {
        let body = br#"{"text":"WULF crossed"}"#;
        let now = signature("s3cret", 1_780_000_000, body);
        let later = signature("s3cret", 1_780_000_060, body);
        assert!(now.starts_with("t=1780000000,v1=") && now.len() == "t=1780000000,v1=".len() + 64, "{now}");
        assert_ne!(now.split_once(",v1=").map(|p| p.1), later.split_once(",v1=").map(|p| p.1));
        assert_eq!(now, signature("s3cret", 1_780_000_000, body), "deterministic");
        assert_ne!(now, signature("other", 1_780_000_000, body));
    }
}
