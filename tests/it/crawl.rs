//! The EDGAR crawler against the replay server: full ingest, quiet nights, faults, rate, kills.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::Duration;

use minewatch::model::Failure;
use minewatch::pipeline;
use minewatch::replay::{Fault, FaultRule, ReplayOptions};
use minewatch::store::{DocumentRecord, Store, sha256_hex};

use crate::support::{config, edgar_fixtures, files_under, replay, store};

/// Fixture documents that carry figures (they have an expected-facts file beside them).
fn documents_with_figures() -> Vec<PathBuf> {
    files_under(&edgar_fixtures())
        .into_iter()
        .filter_map(|p| p.to_str().and_then(|s| s.strip_suffix(".expected.json")).map(PathBuf::from))
        .collect()
}

fn url_path(doc: &DocumentRecord) -> &str {
    let after_scheme = doc.url.split_once("://").map_or(doc.url.as_str(), |(_, rest)| rest);
    after_scheme.find('/').map_or("", |i| &after_scheme[i..])
}

/// What must be identical between two stores that crawled the same world.
async fn fingerprint(store: &Store) -> Vec<(String, String, Option<String>, Option<String>, String, i64)> {
    let mut docs: Vec<_> = store
        .documents()
        .await
        .unwrap()
        .iter()
        .map(|d| {
            (url_path(d).to_string(), d.ticker.clone(), d.accession.clone(), d.form.clone(), d.sha256.clone(), d.size)
        })
        .collect();
    docs.sort();
    docs
}

#[tokio::test]
async fn full_ingest_stores_every_results_document_once_and_a_quiet_night_costs_one_304_per_company() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server.base_url());

    let first = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(first.failures.is_empty(), "{:?}", first.failures);

    let docs = store.documents().await.unwrap();
    for path in documents_with_figures() {
        let url_path = format!("/{}", path.display());
        let doc =
            docs.iter().find(|d| self::url_path(d) == url_path).unwrap_or_else(|| panic!("{url_path} was not stored"));
        let bytes = std::fs::read(edgar_fixtures().join(&path)).unwrap();
        assert_eq!(doc.sha256, sha256_hex(&bytes), "{url_path}");
        assert_eq!(store.blobs().get(&doc.sha256).unwrap(), bytes);
    }
    assert_eq!(first.counts.documents_new as usize, docs.len());
    assert!(docs.iter().all(|d| !d.url.contains("ex31") && !d.url.contains("FilingSummary")), "only results documents");
    assert!(docs.iter().any(|d| d.form.as_deref() == Some("10-Q/A")), "the amendment is stored as such");
    assert!(
        docs.iter().any(|d| d.ticker == "BTBT" && d.filed.is_some_and(|f| f.to_string().starts_with("2024"))),
        "filings from the paginated history page are crawled"
    );
    let requests = server.requests();
    assert!(requests.iter().all(|r| r.user_agent.as_deref().is_some_and(|ua| ua.contains('@'))));

    let before = fingerprint(&store).await;
    let counts_before = store.counts().await.unwrap();
    let served_before = requests.len();
    let second = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(second.failures.is_empty(), "{:?}", second.failures);
    let companies = config.companies.len() as u64;
    assert_eq!((second.counts.requests, second.counts.not_modified), (companies, companies));
    assert_eq!(second.counts.documents_new, 0);
    assert_eq!(fingerprint(&store).await, before);
    assert_eq!(store.counts().await.unwrap(), counts_before);
    let quiet: Vec<_> =
        server.requests()[served_before..].iter().map(|r| (r.path.starts_with("/submissions/"), r.status)).collect();
    assert!(quiet.iter().all(|&(listing, status)| listing && status == 304), "{quiet:?}");
}

#[tokio::test]
async fn requests_never_exceed_the_configured_rate() {
    let server = replay(&edgar_fixtures(), ReplayOptions { max_per_second: Some(10), ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let summary = pipeline::ingest(&config(&server.base_url()), &store(dir.path()).await, "test").await.unwrap();
    assert!(summary.failures.is_empty());
    assert!(server.requests().iter().all(|r| r.status != 429), "the server never had to refuse");
    assert!(server.peak_per_second() <= 10, "peak {} requests in one second", server.peak_per_second());
}

#[tokio::test]
async fn a_429_with_retry_after_is_honoured() {
    let path = "/submissions/CIK0001083301.json";
    let rule = FaultRule { path_suffix: path.into(), fault: Fault::TooManyRequests { retry_after_secs: 1 }, times: 1 };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let summary = pipeline::ingest(&config(&server.base_url()), &store(dir.path()).await, "test").await.unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    let hits: Vec<_> = server.requests().into_iter().filter(|r| r.path == path).collect();
    assert_eq!(hits.iter().map(|r| r.status).collect::<Vec<_>>(), [429, 200]);
    assert!(hits[1].at.duration_since(hits[0].at) >= Duration::from_secs(1), "waited for Retry-After");
}

/// The first EX-99 exhibit of the world, as a URL path.
fn some_exhibit() -> String {
    let path = documents_with_figures()
        .into_iter()
        .find(|p| p.to_string_lossy().to_ascii_lowercase().contains("ex99"))
        .expect("the world has EX-99 exhibits");
    format!("/{}", path.display())
}

#[tokio::test]
async fn a_truncated_body_is_retried_and_never_stored_cut_off() {
    let exhibit = some_exhibit();
    let rule = FaultRule { path_suffix: exhibit.clone(), fault: Fault::Truncate, times: 1 };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let summary = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    assert!(summary.retries >= 1);
    let doc = store.document_by_url(&format!("https://www.sec.gov{exhibit}")).await.unwrap().unwrap();
    let bytes = std::fs::read(edgar_fixtures().join(exhibit.trim_start_matches('/'))).unwrap();
    assert_eq!((doc.sha256, doc.size), (sha256_hex(&bytes), bytes.len() as i64));
}

#[tokio::test]
async fn a_document_that_keeps_failing_is_reported_and_fetched_on_the_next_run() {
    let exhibit = some_exhibit();
    let rule = FaultRule { path_suffix: exhibit.clone(), fault: Fault::Truncate, times: 100 };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&server.base_url());
    config.crawl.max_attempts = 2;
    let summary = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert_eq!(summary.status, "partial");
    assert_eq!(summary.failures.len(), 1, "{:?}", summary.failures);
    let Failure { url, message } = &summary.failures[0];
    assert!(url.ends_with(&exhibit) && message.contains("cut off"), "{url}: {message}");
    assert!(store.document_by_url(url).await.unwrap().is_none(), "nothing cut off is stored");
    assert!(summary.counts.documents_new > 10, "the rest of the run went on");
    let errors = store.run_errors(summary.run_id).await.unwrap();
    assert_eq!(errors, summary.failures);

    let healthy = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let again = pipeline::ingest(&crate::support::config(&healthy.base_url()), &store, "test").await.unwrap();
    assert!(again.failures.is_empty(), "{:?}", again.failures);
    let exhibit_doc = store.documents().await.unwrap().into_iter().find(|d| d.url.ends_with(&exhibit));
    assert!(exhibit_doc.is_some(), "the failed exhibit is fetched on the next run");
}

/// Issue 13.16: a filing whose index does not list its primary document was marked complete.
#[tokio::test]
async fn a_filing_without_its_primary_document_is_a_failure_not_complete() {
    let edgar = tempfile::tempdir().unwrap();
    crate::support::copy(&edgar_fixtures(), edgar.path());
    let folder = edgar.path().join("Archives/edgar/data/1819989/000181998925000041");
    let index: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.join("index.json")).unwrap()).unwrap();
    let mut items = index["directory"]["item"].as_array().unwrap().clone();
    items.retain(|i| !i["name"].as_str().unwrap_or_default().ends_with(".htm"));
    let emptied = serde_json::json!({ "directory": { "item": items } });
    std::fs::write(folder.join("index.json"), emptied.to_string()).unwrap();
    let server = replay(edgar.path(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let summary = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    let failure = summary.failures.iter().find(|f| f.url.ends_with("000181998925000041/index.json"));
    let message = failure.map(|f| f.message.as_str()).unwrap_or_default();
    assert!(message.contains("does not list its primary document"), "{:?}", summary.failures);
    assert!(!store.filing_is_complete("0001819989-25-000041").await.unwrap());
}

/// Issue 13.15: a `Retry-After` of an hour was cut to `max_backoff` and retried at once.
#[tokio::test]
async fn a_retry_after_past_the_ceiling_defers_the_document_to_the_next_run() {
    let exhibit = some_exhibit();
    let fault = Fault::TooManyRequests { retry_after_secs: 3600 };
    let rule = FaultRule { path_suffix: exhibit.clone(), fault, times: 1 };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let summary = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    let [Failure { url, message }] = &summary.failures[..] else { panic!("{:?}", summary.failures) };
    assert!(url.ends_with(&exhibit) && message.contains("wait 3600 s") && message.contains("next run"), "{message}");
    let asked = server.requests().iter().filter(|r| r.path.ends_with(&exhibit)).count();
    assert_eq!(asked, 1, "not retried within the run");
    let again = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    assert!(again.failures.is_empty(), "{:?}", again.failures);
    assert!(store.document_by_url(url).await.unwrap().is_some(), "fetched on the next run");
}

/// Runs the binary's `ingest`, killing it (SIGKILL) once the server has answered `after` requests.
async fn ingest_killed_after(
    data_dir: &Path,
    config_file: &Path,
    server: &minewatch::replay::ReplayServer,
    after: usize,
) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--config")
        .arg(config_file)
        .arg("ingest")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = server.requests().len();
    while server.requests().len() < start + after {
        if child.try_wait().unwrap().is_some() {
            panic!("ingest finished before {after} requests");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().await.unwrap();
}

#[tokio::test]
async fn a_run_killed_mid_way_and_rerun_ends_identical_to_an_uninterrupted_one() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let work = tempfile::tempdir().unwrap();
    let config_file = work.path().join("config.toml");
    std::fs::write(&config_file, crate::support::config_toml(&server.base_url())).unwrap();

    let killed = work.path().join("killed");
    for after in [7, 25] {
        ingest_killed_after(&killed, &config_file, &server, after).await;
    }
    let killed_store = store(&killed).await;
    let resumed = pipeline::ingest(&config(&server.base_url()), &killed_store, "test").await.unwrap();
    assert!(resumed.failures.is_empty(), "{:?}", resumed.failures);

    let clean_store = store(&work.path().join("clean")).await;
    pipeline::ingest(&config(&server.base_url()), &clean_store, "test").await.unwrap();

    assert_eq!(fingerprint(&killed_store).await, fingerprint(&clean_store).await);
    assert_eq!(
        files_under(&killed.join("blobs")),
        files_under(&work.path().join("clean/blobs")),
        "no stray temp files"
    );
    let (k, c) = (killed_store.counts().await.unwrap(), clean_store.counts().await.unwrap());
    assert_eq!((k.filings, k.documents, k.bytes), (c.filings, c.documents, c.bytes));
}

/// Issue 13.10: a document whose blob went missing or was damaged failed every run for good.
#[tokio::test]
async fn a_lost_or_damaged_blob_is_fetched_again_by_the_next_run() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server.base_url());
    pipeline::ingest(&config, &store, "test").await.unwrap();
    let docs = store.documents().await.unwrap();
    let (damaged, gone) = (&docs[0], &docs[1]);
    std::fs::write(store.blobs().path(&damaged.sha256), b"not what was fetched").unwrap();
    std::fs::remove_file(store.blobs().path(&gone.sha256)).unwrap();

    let read = pipeline::extract::extract_all(&config, &store).await.unwrap();
    let mut failed: Vec<&str> = read.failures.iter().map(|f| f.url.as_str()).collect();
    failed.sort();
    let mut want = vec![damaged.url.as_str(), gone.url.as_str()];
    want.sort();
    assert_eq!(failed, want);
    assert!(read.failures.iter().all(|f| f.message.contains("fetched again next run")), "{:?}", read.failures);

    let served = server.requests().len();
    let next = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(next.failures.is_empty(), "{:?}", next.failures);
    for doc in [damaged, gone] {
        let path = url_path(doc).to_string();
        assert_eq!(server.requests()[served..].iter().filter(|r| r.path == path).count(), 1, "{path} fetched once");
        let now = store.document(doc.id).await.unwrap().unwrap();
        assert_eq!((now.status.as_str(), now.version, &now.sha256), ("extracted", 1, &doc.sha256));
        assert!(store.blobs().get(&doc.sha256).is_ok());
    }
    let quiet = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(quiet.failures.is_empty() && quiet.counts.documents_new == 0, "{quiet:?}");
}

/// Issue 13.11: lowering `--since` after a run changed nothing (the submissions JSON answered 304).
#[tokio::test]
async fn widening_since_after_a_run_fetches_the_older_filings() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let work = tempfile::tempdir().unwrap();
    let store = store(&work.path().join("widened")).await;
    let mut config = config(&server.base_url());
    config.crawl.since = NaiveDate::from_ymd_opt(2026, 1, 1);
    let recent = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(recent.failures.is_empty(), "{:?}", recent.failures);
    let before = store.documents().await.unwrap();
    assert!(before.iter().all(|d| d.filed >= config.crawl.since), "only filings since 2026");

    config.crawl.since = None;
    let widened = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(widened.failures.is_empty() && widened.counts.documents_new > 0, "{widened:?}");
    let clean = crate::support::store(&work.path().join("clean")).await;
    pipeline::ingest(&config, &clean, "test").await.unwrap();
    assert_eq!(fingerprint(&store).await, fingerprint(&clean).await, "as if run without `since` from the start");

    let served = server.requests().len();
    let quiet = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert_eq!(quiet.counts.documents_new, 0);
    assert!(server.requests()[served..].iter().all(|r| r.status == 304), "quiet again once widened");
}

/// Issue 13.11: a document that always answers 404 kept its filing incomplete for ever, so its
/// company never had a quiet night again.
#[tokio::test]
async fn a_document_that_is_always_404_is_given_up_after_the_set_runs_and_shown_by_status() {
    let edgar = tempfile::tempdir().unwrap();
    crate::support::copy(&edgar_fixtures(), edgar.path());
    let exhibit = some_exhibit();
    std::fs::remove_file(edgar.path().join(exhibit.trim_start_matches('/'))).unwrap();
    let server = replay(edgar.path(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&server.base_url());
    config.crawl.give_up_after_runs = 2;
    let asked = |from: usize| server.requests()[from..].iter().filter(|r| r.path == exhibit).count();

    let first = pipeline::ingest(&config, &store, "test").await.unwrap();
    let [Failure { url, message }] = &first.failures[..] else { panic!("{:?}", first.failures) };
    assert!(url.ends_with(&exhibit) && message.contains("404"), "{message}");
    let [failing] = &store.fetch_failures().await.unwrap()[..] else { panic!("one failing document") };
    assert_eq!((failing.runs, failing.permanent, failing.given_up), (1, true, false));

    let served = server.requests().len();
    let second = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(second.failures.is_empty(), "given up on the second 404: {:?}", second.failures);
    assert_eq!(asked(served), 1);
    let [failing] = &store.fetch_failures().await.unwrap()[..] else { panic!("one failing document") };
    assert_eq!((failing.runs, failing.permanent, failing.given_up), (2, true, true));

    let served = server.requests().len();
    let third = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(third.failures.is_empty(), "{:?}", third.failures);
    assert_eq!(asked(served), 0, "no longer fetched");
    let quiet = &server.requests()[served..];
    assert_eq!(quiet.len(), config.companies.len(), "a quiet night again: one request per company");
    assert!(quiet.iter().all(|r| r.status == 304), "{quiet:?}");

    let status = std::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("status")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("given up: ") && l.contains(&exhibit) && l.contains("2 runs")),
        "{text}"
    );
}

/// Issue 23.1: `ingest` beside workers ignored their claims and crawled what they were crawling
/// (180 requests where one run needs 132). It claims each company's crawl like a worker now.
#[tokio::test]
async fn ingest_leaves_a_company_that_another_process_is_crawling_to_it() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server.base_url());
    store.upsert_companies(&config.companies).await.unwrap();
    let worker = crate::support::lease();
    let wulf = config.company("WULF").unwrap();
    let claim = store.claim_crawl_of(&worker, "WULF").await.unwrap().unwrap();

    let summary = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    let cik = format!("{:010}", wulf.cik);
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert!(!paths.iter().any(|p| p.contains(&cik) || p.contains(&format!("/{}/", wulf.cik))), "{paths:?}");
    assert!(paths.len() > 10, "the other companies were crawled");
    assert!(store.crawled(&claim, Duration::ZERO).await.unwrap(), "the worker's claim is still its own");
}
