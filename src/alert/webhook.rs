//! Webhook delivery: one signed JSON POST per alert. The receiver checks the HMAC-SHA256
//! signature over the exact body bytes with the shared secret, and drops repeats by the
//! `Idempotency-Key` (delivery is at least once: a lost acknowledgement means a re-send).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::config::WebhookConfig;

/// Header carrying `sha256=<hex HMAC-SHA256 of the body>`.
pub const SIGNATURE_HEADER: &str = "X-Minewatch-Signature";
/// Header carrying the signal's stable id; the same on every attempt.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// `sha256=<hex>` of `body` under `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length: `new_from_slice` cannot fail for it.
    let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .map(|mac| mac.chain_update(body).finalize().into_bytes());
    match mac {
        Ok(bytes) => format!("sha256={}", hex::encode(bytes)),
        Err(_) => String::from("sha256="),
    }
}

/// POSTs `body` to the hook; Ok only on a 2xx answer within the hook's timeout.
pub async fn post(client: &reqwest::Client, hook: &WebhookConfig, key: &str, body: &str) -> Result<(), String> {
    let response = client
        .post(&hook.url)
        .timeout(hook.timeout)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(IDEMPOTENCY_HEADER, key)
        .header(SIGNATURE_HEADER, signature(&hook.secret, body.as_bytes()))
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| if e.is_timeout() { format!("no answer within {:?}", hook.timeout) } else { e.to_string() })?;
    let status = response.status();
    if status.is_success() { Ok(()) } else { Err(format!("HTTP {status}")) }
}
