//! Press releases against the newswire world of `fixtures/press/` on a replay server: feeds and
//! an IR page crawled, releases stored once, quiet re-runs, broken feeds, robots.txt, per-host rate.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::crawl::http::HttpClient;
use minewatch::crawl::{self, CrawlReport};
use minewatch::model::{Failure, PressSource};
use minewatch::pipeline;
use minewatch::replay::{Fault, FaultRule, LoggedRequest, ReplayOptions, ReplayServer, peak_in_window};
use minewatch::store::{Store, sha256_hex};

use crate::support::{edgar_fixtures, manifest_dir, replay, store};

const WULF_FEED: &str = "https://www.globenewswire.com/RssFeed/organization/bJ3dnZc0bXiMVXTqlSfRvQ==";
const MALFORMED_FEED: &str = "https://investors.corescientific.com/rss/news-releases.xml";
const EMPTY_FEED: &str = "https://www.globenewswire.com/RssFeed/organization/wq9Z3mD1uXbN0aQe5T7yLg==";
const GNW: &str = "https://www.globenewswire.com/news-release";
const BW: &str = "https://www.businesswire.com/news/home";

/// Every release the world's sources lead to: (ticker, URL, title, publish date).
fn expected_releases() -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        (
            "APLD",
            format!(
                "{GNW}/2026/02/11/3024551/0/en/Applied-Digital-Closes-2-35-Billion-Senior-Secured-Notes-Financing-for-Polaris-Forge-1.html"
            ),
            "Applied Digital Closes $2.35 Billion Senior Secured Notes Financing for Polaris Forge 1",
            "2026-02-11",
        ),
        (
            "APLD",
            format!(
                "{GNW}/2026/03/18/3041907/0/en/Applied-Digital-Signs-15-Year-Lease-with-Investment-Grade-Hyperscaler-at-Polaris-Forge-2.html"
            ),
            "Applied Digital Signs 15-Year Lease with Investment-Grade Hyperscaler at Polaris Forge 2",
            "2026-03-18",
        ),
        (
            "APLD",
            format!("{GNW}/2026/04/09/3058122/0/en/Applied-Digital-Reports-Fiscal-Third-Quarter-2026-Results.html"),
            "Applied Digital Reports Fiscal Third Quarter 2026 Results",
            "2026-04-09",
        ),
        (
            "CORZ",
            format!(
                "{BW}/20260310774512/en/Core-Scientific-Announces-Pricing-of-1.0-Billion-Convertible-Senior-Notes-Offering"
            ),
            "Core Scientific Announces Pricing of $1.0 Billion Convertible Senior Notes Offering",
            "2026-03-10",
        ),
        (
            "CORZ",
            format!(
                "{BW}/20260421318877/en/Core-Scientific-Signs-200-MW-Colocation-Agreement-for-Its-Denton-Texas-Campus"
            ),
            "Core Scientific Signs 200 MW Colocation Agreement for Its Denton, Texas Campus",
            "2026-04-21",
        ),
        (
            "CORZ",
            format!("{BW}/20260506493021/en/Core-Scientific-Announces-First-Quarter-2026-Results"),
            "Core Scientific Announces First Quarter 2026 Results",
            "2026-05-06",
        ),
        (
            "IREN",
            "https://iren.com/files/IREN-Q3-FY26-Investor-Presentation.pdf".into(),
            "Q3 FY26 Investor Presentation",
            "2026-05-14",
        ),
        (
            "IREN",
            "https://iren.com/news/iren-closes-us1-0-billion-convertible-notes-offering".into(),
            "IREN Closes US$1.0 Billion Convertible Notes Offering",
            "2026-03-02",
        ),
        (
            "IREN",
            "https://iren.com/news/iren-reports-q3-fy26-results".into(),
            "IREN Reports Q3 FY26 Results",
            "2026-05-14",
        ),
        (
            "IREN",
            "https://iren.com/news/monthly-investor-update-march-2026".into(),
            "IREN Monthly Investor Update \u{2013} March 2026",
            "2026-04-08",
        ),
        (
            "WULF",
            format!(
                "{GNW}/2026/05/08/3078813/0/en/TeraWulf-Reports-First-Quarter-2026-Results-HPC-Lease-Revenue-Surpasses-Bitcoin-Mining.html"
            ),
            "TeraWulf Reports First Quarter 2026 Results; HPC Lease Revenue Surpasses Bitcoin Mining",
            "2026-05-08",
        ),
        (
            "WULF",
            format!("{GNW}/2026/07/14/3114502/0/en/TeraWulf-and-Fluidstack-Expand-HPC-Lease-at-Lake-Mariner.html"),
            "TeraWulf and Fluidstack Expand HPC Lease at Lake Mariner",
            "2026-07-14",
        ),
        (
            "WULF",
            format!("{GNW}/2026/08/06/3129876/0/en/TeraWulf-Reports-Second-Quarter-2026-Results.html"),
            "TeraWulf Reports Second Quarter 2026 Results",
            "2026-08-06",
        ),
    ]
}

fn press_fixtures() -> PathBuf {
    manifest_dir().join("fixtures/press")
}

/// The embedded universe with its press sources routed through `press`, at `rate` per host.
fn config(press: &ReplayServer, rate: f64) -> Config {
    let mut config =
        Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-tests tests@minewatch.invalid")).unwrap();
    config.aim_press_at(&press.base_url());
    config.crawl.press_rate_per_second = rate;
    config.crawl.max_backoff = Duration::from_secs(1);
    config
}

/// Adds the world's two broken sources: Core Scientific's IR feed (cut off) and Bit Digital's (empty).
fn with_broken_feeds(mut config: Config) -> Config {
    for (ticker, url) in [("CORZ", MALFORMED_FEED), ("BTBT", EMPTY_FEED)] {
        let company = config.companies.iter_mut().find(|c| c.ticker == ticker).unwrap();
        company.press.push(PressSource::Feed { url: url.into() });
    }
    config
}

async fn crawl_press(config: &Config, store: &Store) -> CrawlReport {
    store.upsert_companies(&config.companies).await.unwrap();
    let http = HttpClient::new(&config.crawl).unwrap();
    crawl::crawl_press(&http, store, &config.crawl, &config.companies).await.unwrap()
}

/// The stored releases as (ticker, URL, title, publish date), sorted.
async fn stored_releases(store: &Store) -> Vec<(String, String, String, String)> {
    let mut got: Vec<_> = store
        .documents()
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.source == "press")
        .map(|d| {
            assert_eq!(d.role, "release", "{}", d.url);
            (d.ticker, d.url, d.title.unwrap_or_default(), d.filed.map(|f| f.to_string()).unwrap_or_default())
        })
        .collect();
    got.sort();
    got
}

fn expected_rows() -> Vec<(String, String, String, String)> {
    expected_releases().into_iter().map(|(t, u, title, day)| (t.into(), u, title.into(), day.into())).collect()
}

/// Requests whose path starts with `/<host>/`.
fn hits<'a>(log: &'a [LoggedRequest], prefix: &str) -> Vec<&'a LoggedRequest> {
    log.iter().filter(|r| r.path.starts_with(prefix)).collect()
}

fn has(list: &[(String, String)], url: &str, needle: &str) -> bool {
    list.iter().any(|(u, m)| u == url && m.contains(needle))
}

fn failed(list: &[Failure], url: &str, needle: &str) -> bool {
    list.iter().any(|f| f.url == url && f.message.contains(needle))
}

#[tokio::test]
async fn feeds_and_an_ir_page_are_crawled_and_every_release_is_stored_once() {
    let server = replay(&press_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let report = crawl_press(&config(&server, 10.0), &store).await;
    assert!(report.failures.is_empty(), "{:?}", report.failures);

    assert_eq!(stored_releases(&store).await, expected_rows());
    assert_eq!(report.new_documents.len(), expected_releases().len());
    for doc in store.documents().await.unwrap() {
        let file = press_fixtures().join(doc.url.split_once("://").unwrap().1.split('?').next().unwrap());
        assert_eq!(doc.sha256, sha256_hex(&std::fs::read(&file).unwrap()), "{}", doc.url);
        let html =
            doc.url.ends_with(".pdf") != doc.content_type.as_deref().unwrap_or_default().starts_with("text/html");
        assert!(html, "{}: {:?}", doc.url, doc.content_type);
    }

    let log = server.requests();
    let q2 =
        "/www.globenewswire.com/news-release/2026/08/06/3129876/0/en/TeraWulf-Reports-Second-Quarter-2026-Results.html";
    assert_eq!(hits(&log, q2).len(), 1, "the release listed twice is fetched once");
    assert!(has(&report.warnings, WULF_FEED, "more than once"), "{:?}", report.warnings);
    let tracking = format!(
        "{BW}/20260506493021/en/Core-Scientific-Announces-First-Quarter-2026-Results?utm_source=atom&utm_medium=feed"
    );
    assert!(
        has(&report.warnings, &tracking, "same bytes"),
        "a tracking-URL copy is not stored again: {:?}",
        report.warnings
    );
    for host in ["www.globenewswire.com", "iren.com", "feed.businesswire.com", "www.businesswire.com"] {
        assert_eq!(hits(&log, &format!("/{host}/robots.txt")).len(), 1, "robots.txt of {host} read once");
    }
}

#[tokio::test]
async fn a_second_run_sends_only_conditional_requests_and_stores_nothing() {
    let server = replay(&press_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server, 10.0);
    crawl_press(&config, &store).await;
    let before = store.counts().await.unwrap();
    let served = server.requests().len();

    let again = crawl_press(&config, &store).await;
    assert!(again.failures.is_empty() && again.new_documents.is_empty(), "{again:?}");
    assert_eq!(store.counts().await.unwrap(), before);
    let log = server.requests();
    let (robots, rest): (Vec<_>, Vec<_>) = log[served..].iter().partition(|r| r.path.ends_with("/robots.txt"));
    let sources = config.companies.iter().map(|c| c.press.len()).sum::<usize>();
    assert_eq!(rest.len(), sources, "one request per source: {rest:?}");
    assert!(rest.iter().all(|r| r.status == 304), "{rest:?}");
    assert_eq!(robots.len(), 3, "robots.txt once per host of a source: {robots:?}");
}

#[tokio::test]
async fn malformed_and_empty_feeds_are_reported_by_name_and_the_run_goes_on() {
    let edgar = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let press = replay(&press_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = with_broken_feeds(config(&press, 10.0));
    config.aim_at(&edgar.base_url());

    let summary = pipeline::ingest(&config, &store, "test").await.unwrap();
    assert_eq!(summary.status, "partial");
    assert_eq!(summary.counts.documents_failed, 1, "{:?}", summary.failures);
    let Failure { url, message } = &summary.failures[0];
    assert_eq!(url, MALFORMED_FEED);
    assert!(message.starts_with(&format!("{MALFORMED_FEED}: malformed feed: ")), "{message}");
    assert_eq!(store.run_errors(summary.run_id).await.unwrap(), summary.failures);
    assert_eq!(stored_releases(&store).await, expected_rows(), "every other source was crawled");
    assert!(store.documents().await.unwrap().iter().any(|d| d.source == "edgar"), "EDGAR ran first");

    let report = crawl_press(&config, &store).await;
    assert!(
        failed(&report.failures, MALFORMED_FEED, "malformed feed"),
        "still failing, still named: {:?}",
        report.failures
    );
    let empty = crawl_press(&config, &crate::support::store(&dir.path().join("fresh")).await).await;
    assert!(has(&empty.warnings, EMPTY_FEED, "lists no releases"), "{:?}", empty.warnings);
}

#[tokio::test]
async fn robots_txt_disallow_is_honoured_and_no_host_sees_more_than_its_rate() {
    let server = replay(&press_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let rate = 2.0;
    let report = crawl_press(&with_broken_feeds(config(&server, rate)), &store(dir.path()).await).await;

    let log = server.requests();
    assert!(hits(&log, "/www.globenewswire.com/Tracker").is_empty(), "the disallowed link was requested");
    assert!(
        report
            .warnings
            .iter()
            .any(|(u, m)| u.starts_with("https://www.globenewswire.com/Tracker?") && m.contains("robots.txt")),
        "{:?}",
        report.warnings
    );
    let mut by_host: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for r in &log {
        by_host.entry(r.path.split('/').nth(1).unwrap_or_default()).or_default().push(r.at);
    }
    assert!(by_host["www.globenewswire.com"].len() >= 8, "{by_host:?}");
    for (host, times) in &by_host {
        let peak = peak_in_window(times, Duration::from_secs(1));
        assert!(peak as f64 <= rate, "{host}: {peak} requests in one second");
    }
}

#[tokio::test]
async fn a_release_that_fails_is_fetched_again_next_run_because_its_feed_is_not_marked_seen() {
    let q2 =
        "/www.globenewswire.com/news-release/2026/08/06/3129876/0/en/TeraWulf-Reports-Second-Quarter-2026-Results.html";
    let rule = FaultRule { path_suffix: q2.into(), fault: Fault::ServerError, times: 100 };
    let broken = replay(&press_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut failing = config(&broken, 10.0);
    failing.crawl.max_attempts = 1;
    let report = crawl_press(&failing, &store).await;
    let url = format!("https://www.globenewswire.com{}", q2.trim_start_matches("/www.globenewswire.com"));
    assert!(failed(&report.failures, &url, "500"), "{:?}", report.failures);
    assert!(store.document_by_url(&url).await.unwrap().is_none());

    let healthy = replay(&press_fixtures(), ReplayOptions::default()).await;
    let again = crawl_press(&config(&healthy, 10.0), &store).await;
    assert!(again.failures.is_empty(), "{:?}", again.failures);
    let doc = store.document_by_url(&url).await.unwrap().expect("stored on the next run");
    assert_eq!(doc.filed, NaiveDate::from_ymd_opt(2026, 8, 6));
    assert_eq!(stored_releases(&store).await, expected_rows());
}

/// Issue 13.9: a release corrected at its own address was never stored, extracted or indexed.
#[tokio::test]
async fn a_release_corrected_at_its_address_is_stored_as_a_new_version_that_supersedes_the_old() {
    let world = tempfile::tempdir().unwrap();
    crate::support::copy(&press_fixtures(), world.path());
    let server = replay(world.path(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server, 10.0);
    crawl_press(&config, &store).await;
    let url = format!("{GNW}/2026/08/06/3129876/0/en/TeraWulf-Reports-Second-Quarter-2026-Results.html");
    let first = store.document_by_url(&url).await.unwrap().unwrap();
    pipeline::extract::extract_documents(&config, &store, &[first.id]).await.unwrap();
    minewatch::index::update(&store, &[]).await.unwrap();
    let hpc_q2 = |facts: &[minewatch::store::StoredFact]| -> Vec<i64> {
        let q2 = (NaiveDate::from_ymd_opt(2026, 4, 1), NaiveDate::from_ymd_opt(2026, 6, 30));
        let hpc = facts.iter().filter(|f| f.fact.segment == minewatch::model::Segment::Hpc);
        let in_q2 = hpc.filter(|f| (Some(f.fact.period.start), Some(f.fact.period.end)) == q2);
        let mut values: Vec<i64> = in_q2.map(|f| f.fact.value_usd).collect();
        values.sort();
        values.dedup();
        values
    };
    assert_eq!(hpc_q2(&store.facts_of_company("WULF").await.unwrap()), [38_406_000]);

    let release = world.path().join(url.split_once("://").unwrap().1);
    let corrected = std::fs::read_to_string(&release).unwrap().replace("$38.4 million", "$38.9 million");
    std::fs::write(&release, corrected.replace(">38,406<", ">38,906<")).unwrap();
    let feed = world.path().join(WULF_FEED.split_once("://").unwrap().1);
    let mut listing = std::fs::read(&feed).unwrap();
    listing.extend_from_slice(b"\n<!-- corrected -->\n");
    std::fs::write(&feed, listing).unwrap();
    let served = server.requests().len();

    let again = crawl_press(&config, &store).await;
    assert!(again.failures.is_empty(), "{:?}", again.failures);
    let current = store.document_by_url(&url).await.unwrap().unwrap();
    assert_eq!((current.version, current.superseded_by), (2, None));
    assert_eq!(again.new_documents, [current.id], "only the corrected release is new");
    let old = store.document(first.id).await.unwrap().unwrap();
    assert_eq!((old.version, old.superseded_by), (1, Some(current.id)));
    let log = server.requests();
    let refetched: Vec<_> =
        log[served..].iter().filter(|r| r.path.contains("/news-release/") && r.status == 200).collect();
    assert_eq!(refetched.len(), 1, "the other listed releases answer 304: {refetched:?}");

    pipeline::extract::extract_documents(&config, &store, &again.new_documents).await.unwrap();
    assert_eq!(hpc_q2(&store.facts_of_company("WULF").await.unwrap()), [38_906_000], "the newest wins");
    let series = store.resolved_series(config.company("WULF").unwrap()).await.unwrap();
    let q2 = series.iter().find(|q| q.period.end == NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()).unwrap();
    assert_eq!(q2.value(minewatch::model::Segment::Hpc), Some(38_906_000));
    let indexed = minewatch::index::update(&store, &again.new_documents).await.unwrap();
    assert_eq!(indexed.counts.indexed, 1, "the new version is indexed beside the old");
}
