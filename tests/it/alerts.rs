//! The alert outbox against real receivers on 127.0.0.1: at-least-once webhooks with valid
//! signatures, dead letters that block no one, JSON lines, and an Atom feed a real parser reads.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, KeyInit, Mac};
use minewatch::alert;
use minewatch::config::{AlertConfig, JsonlTarget, WebhookConfig};
use minewatch::store::{AlertFilter, AlertStatus, Store};
use sha2::Sha256;

use crate::series::two_crossovers;
use crate::support::store;

const SECRET: &str = "hook-secret";

/// One request a receiver got.
#[derive(Debug, Clone)]
struct Received {
    at: Instant,
    key: String,
    signature_ok: bool,
    body: serde_json::Value,
}

/// A receiver's behaviour: answer `fail_first` requests with 500 (then 200), or never answer.
#[derive(Clone)]
struct Receiver {
    fail_first: usize,
    never_answer: bool,
    got: Arc<Mutex<Vec<Received>>>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    // The receiver's check (README): recompute the HMAC of "<t>.<body>", and refuse a stale t.
    let signature = header("x-minewatch-signature");
    let (t, v1) = signature.split_once(',').unwrap_or_default();
    let t = t.strip_prefix("t=").and_then(|t| t.parse::<i64>().ok()).unwrap_or_default();
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.").as_bytes());
    mac.update(&body);
    let fresh = (chrono::Utc::now().timestamp() - t).abs() <= 300;
    let signed = v1.strip_prefix("v1=") == Some(hex::encode(mac.finalize().into_bytes()).as_str());
    let seen = {
        let mut got = r.got.lock().unwrap();
        got.push(Received {
            at: Instant::now(),
            key: header("idempotency-key"),
            signature_ok: signed && fresh,
            body: serde_json::from_slice(&body).unwrap_or_default(),
        });
        got.len()
    };
    if r.never_answer {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    if seen <= r.fail_first { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::OK }
}

/// Starts a receiver on 127.0.0.1; returns its URL and what it got.
async fn receiver(fail_first: usize, never_answer: bool) -> (String, Arc<Mutex<Vec<Received>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let state = Receiver { fail_first, never_answer, got: got.clone() };
    let app = axum::Router::new().route("/hook", axum::routing::post(receive)).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

fn hook(url: &str, max_attempts: u32, timeout: Duration) -> WebhookConfig {
    WebhookConfig { url: url.into(), secret: SECRET.into(), max_attempts, timeout }
}

fn config(webhooks: Vec<WebhookConfig>, jsonl: Option<JsonlTarget>) -> AlertConfig {
    AlertConfig { webhooks, jsonl, retry_base: Duration::from_millis(50), ..AlertConfig::default() }
}

async fn statuses(store: &Store) -> Vec<(String, AlertStatus, u32)> {
    let alerts = store.alerts(AlertFilter::All).await.unwrap();
    alerts.into_iter().map(|a| (a.signal.key(), a.status, a.attempts)).collect()
}

#[tokio::test]
async fn recording_again_raises_nothing_new_and_delivers_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(Vec::new(), Some(JsonlTarget::File("alerts.jsonl".into())));
    let signals = two_crossovers();

    assert_eq!(alert::record(&store, &signals, &config).await.unwrap(), 2);
    let first = alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();
    assert_eq!((first.delivered, first.dead, first.pending, first.attempts), (2, 0, 0, 2));
    assert_eq!(alert::record(&store, &signals, &config).await.unwrap(), 0);
    let second = alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();
    assert_eq!(second, alert::DeliveryReport::default());

    let text = std::fs::read_to_string(dir.path().join("alerts.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    // Deliveries run concurrently, so the lines come in either order.
    let wulf = lines.iter().find(|l| l["id"] == "tag:minewatch,2026:signal/WULF/crossover/2026Q1").unwrap();
    assert_eq!(wulf["signal"]["evidence"]["current"]["hpc_usd"], 21_000_000);
    assert_eq!(wulf["signal"]["evidence"]["previous"]["quarter"], "Q4 2025");
    let headline = wulf["text"].as_str().unwrap();
    assert!(
        headline.starts_with("TeraWulf Inc. (WULF): HPC revenue overtook bitcoin revenue in Q1 2026"),
        "{headline}"
    );
    assert!(headline.contains("$21.0M") && headline.contains("$13.0M"), "{headline}");
    assert!(lines.iter().any(|l| l["signal"]["ticker"] == "CORZ"), "{text}");
}

#[tokio::test]
async fn a_receiver_failing_twice_acknowledges_the_alert_once_with_valid_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let (url, got) = receiver(2, false).await;
    let config = config(vec![hook(&url, 5, Duration::from_secs(5))], None);
    let wulf = &two_crossovers()[..1];

    alert::record(&store, wulf, &config).await.unwrap();
    let report = alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();
    assert_eq!((report.delivered, report.attempts), (1, 3));
    alert::record(&store, wulf, &config).await.unwrap();
    assert_eq!(alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap().attempts, 0);

    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 3, "two failures, one acknowledgement, nothing after");
    assert!(got.iter().all(|r| r.signature_ok), "every attempt is signed over its exact body");
    assert!(got.iter().all(|r| r.key == "tag:minewatch,2026:signal/WULF/crossover/2026Q1"), "one idempotency key");
    assert_eq!(got[2].body["text"], got[0].body["text"]);
    assert!(got[2].at - got[1].at >= Duration::from_millis(100), "the second retry waits twice the base");
    assert_eq!(statuses(&store).await, [("WULF/crossover/2026Q1".to_string(), AlertStatus::Delivered, 3)]);
}

#[tokio::test]
async fn a_receiver_that_never_answers_is_dead_lettered_and_blocks_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let (silent, _) = receiver(0, true).await;
    let (prompt, got) = receiver(0, false).await;
    let timeout = Duration::from_millis(300);
    let config = config(vec![hook(&silent, 3, timeout), hook(&prompt, 3, timeout)], None);

    alert::record(&store, &two_crossovers(), &config).await.unwrap();
    let started = Instant::now();
    let report = alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();
    assert!(started.elapsed() >= 3 * timeout, "the silent receiver was tried three times");
    assert_eq!((report.delivered, report.dead), (2, 2));

    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.at - started < timeout), "the prompt receiver did not wait for the silent one");
    let alerts = store.alerts(AlertFilter::All).await.unwrap();
    let dead: Vec<_> = alerts.iter().filter(|a| a.status == AlertStatus::Dead).collect();
    assert_eq!(dead.len(), 2);
    assert!(dead.iter().all(|a| a.sink == format!("webhook:{silent}") && a.attempts == 3));
    assert!(dead.iter().all(|a| a.last_error.as_deref().is_some_and(|e| e.contains("no answer"))), "{dead:?}");
    assert!(store.alerts(AlertFilter::Pending).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_atom_feed_parses_with_stable_ids_and_links_to_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(Vec::new(), None);
    alert::record(&store, &two_crossovers(), &config).await.unwrap();
    alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();

    let file = std::fs::read_to_string(dir.path().join("alerts.atom")).unwrap();
    assert_eq!(file, alert::feed(&store).await.unwrap(), "the file is the feed `minewatch feed` prints");
    let feed = feed_rs::parser::parse(file.as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    let mut ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        ["tag:minewatch,2026:signal/CORZ/crossover/2026Q1", "tag:minewatch,2026:signal/WULF/crossover/2026Q1"]
    );
    for entry in &feed.entries {
        assert!(entry.updated.is_some() && entry.published.is_some());
        let links: Vec<&str> = entry.links.iter().map(|l| l.href.as_str()).collect();
        assert!(
            links.iter().any(|l| l.ends_with("2026q1/ex99-1.htm"))
                && links.iter().any(|l| l.ends_with("2025q4/ex99-1.htm")),
            "{links:?}"
        );
        assert_eq!(entry.links[0].rel.as_deref(), Some("alternate"));
        assert!(entry.summary.as_ref().is_some_and(|s| s.content.contains("HPC")));
    }

    alert::record(&store, &two_crossovers(), &config).await.unwrap();
    alert::deliver_pending(&store, &config, &crate::support::lease()).await.unwrap();
    let again = std::fs::read_to_string(dir.path().join("alerts.atom")).unwrap();
    assert_eq!(again, file, "a second run changes nothing in the feed");
}

/// The receiver README shows: it keeps each `Idempotency-Key` once, however often it is POSTed.
fn kept_once(got: &[Received]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for request in got {
        if !kept.contains(&request.key) {
            kept.push(request.key.clone());
        }
    }
    kept
}

/// Issue 23.2: recording a failed attempt released the claim while its holder slept, so a second
/// worker claimed the alert as it fell due and both POSTed it (3 POSTs, two in flight together).
#[tokio::test]
async fn a_second_worker_never_takes_an_alert_its_holder_is_still_retrying() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let (url, got) = receiver(2, false).await;
    let config = config(vec![hook(&url, 5, Duration::from_secs(5))], None);
    alert::record(&store, &two_crossovers()[..1], &config).await.unwrap();

    let holder = crate::support::lease();
    let first = alert::deliver_pending(&store, &config, &holder);
    let second = async {
        let lease = crate::support::lease();
        let mut report = alert::DeliveryReport::default();
        // Claims again and again while the first worker waits between its attempts.
        while store.alerts(AlertFilter::Pending).await.unwrap().len() == 1 {
            let pass = alert::deliver_pending(&store, &config, &lease).await.unwrap();
            report.attempts += pass.attempts;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        report
    };
    let (first, second) = tokio::join!(first, second);
    assert_eq!((first.unwrap().attempts, second.attempts), (3, 0), "every attempt is the holder's");
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 3, "two failures and one acknowledgement, no more");
    assert_eq!(kept_once(&got), ["tag:minewatch,2026:signal/WULF/crossover/2026Q1"], "the receiver keeps it once");
    assert_eq!(statuses(&store).await, [("WULF/crossover/2026Q1".to_string(), AlertStatus::Delivered, 3)]);
}

/// Issue 23.2: a failed attempt recorded after an acknowledgement put the alert back to pending,
/// and a holder whose claim had lapsed could still send and write over its successor.
#[tokio::test]
async fn a_lapsed_holder_sends_nothing_and_a_late_failure_never_reopens_an_acknowledgement() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(Vec::new(), Some(JsonlTarget::File("alerts.jsonl".into())));
    alert::record(&store, &two_crossovers()[..1], &config).await.unwrap();
    let lapsed = minewatch::store::Lease::for_this_process(Duration::from_millis(1));
    let successor = crate::support::lease();
    let until = |lease: &minewatch::store::Lease| lease.until(chrono::Utc::now().timestamp_millis());

    let old = store.claim_alerts(&lapsed, 10).await.unwrap().remove(0);
    let new = loop {
        if let Some(claim) = store.claim_alerts(&successor, 10).await.unwrap().pop() {
            break claim;
        }
        tokio::time::sleep(Duration::from_millis(2)).await; // until the 1 ms claim lapses
    };
    assert!(new.token > old.token, "each claim takes a greater token");
    assert_eq!(store.begin_attempt(&old, until(&lapsed)).await.unwrap(), None, "the lapsed holder may not send");
    assert_eq!(store.begin_attempt(&new, until(&successor)).await.unwrap(), Some(1));
    store.release_alert(&old).await.unwrap();
    assert!(store.claim_alerts(&crate::support::lease(), 10).await.unwrap().is_empty(), "not released by another");

    store.acknowledged(new.work.id).await.unwrap();
    let delivered_at = store.alerts(AlertFilter::All).await.unwrap()[0].delivered_at.clone();
    let retry_at = chrono::Utc::now();
    for claim in [&old, &new] {
        let failed = store.attempt_failed(claim, AlertStatus::Pending, retry_at, until(&successor), "HTTP 500");
        assert!(!failed.await.unwrap(), "a failure after the acknowledgement writes nothing");
    }
    assert_eq!(store.begin_attempt(&new, until(&successor)).await.unwrap(), None, "nothing sent after it");
    store.acknowledged(new.work.id).await.unwrap();
    let after = store.alerts(AlertFilter::All).await.unwrap().remove(0);
    assert_eq!((after.status, after.attempts, after.delivered_at), (AlertStatus::Delivered, 1, delivered_at));
    assert_eq!(after.last_error, None);
}
