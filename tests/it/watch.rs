//! `watch` on a replayed earnings morning: TeraWulf's 8-K and 10-Q for Q1 2026 (its crossover)
//! appear on the replay server's timeline; the watch alerts within the poll that sees them,
//! exactly once, with the nightly run's evidence. Another filer's entry costs nothing, a quiet
//! poll is one 304 per feed, and a restart misses nothing and repeats nothing.

use std::time::Duration;

use minewatch::config::{Config, JsonlTarget};
use minewatch::pipeline::{self, watch::Watch};
use minewatch::replay::{ReplayOptions, ReplayServer, Timeline};
use minewatch::store::Store;

use crate::support::{copy, edgar_fixtures, replay, store};

const WULF_SUBMISSIONS: &str = "submissions/CIK0001083301.json";

/// The fixture world with a timeline: TeraWulf's filings of 2026-05-08 on appear at 1 s, and an
/// outside filer's 8-K at 0.5 s.
fn morning(world: &std::path::Path) -> Timeline {
    copy(&edgar_fixtures(), world);
    let mut submissions: serde_json::Value =
        serde_json::from_slice(&std::fs::read(world.join(WULF_SUBMISSIONS)).unwrap()).unwrap();
    let recent = submissions["filings"]["recent"].as_object_mut().unwrap();
    let dates: Vec<String> =
        recent["filingDate"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    for column in recent.values_mut() {
        let kept: Vec<serde_json::Value> = column
            .as_array()
            .unwrap()
            .iter()
            .zip(&dates)
            .filter(|(_, date)| date.as_str() < "2026-05-08")
            .map(|(v, _)| v.clone())
            .collect();
        *column = kept.into();
    }
    std::fs::create_dir_all(world.join("timeline")).unwrap();
    std::fs::write(world.join("timeline/wulf-before.json"), submissions.to_string()).unwrap();
    let before = format!("before = {{ \"{WULF_SUBMISSIONS}\" = \"timeline/wulf-before.json\" }}");
    let timeline = format!(
        "[[event]]\nat_secs = 0.5\nfiling = {{ form = \"8-K\", cik = 2063236, company = \"OUTSIDE CO\", accession = \"0002063236-26-000004\" }}\n\n\
         [[event]]\nat_secs = 1.0\nfiling = {{ form = \"8-K\", cik = 1083301, company = \"TERAWULF INC.\", accession = \"0001083301-26-000012\" }}\n{before}\n\n\
         [[event]]\nat_secs = 1.0\nfiling = {{ form = \"10-Q\", cik = 1083301, company = \"TERAWULF INC.\", accession = \"0001083301-26-000014\" }}\n{before}\n"
    );
    let path = world.join("timeline.toml");
    std::fs::write(&path, timeline).unwrap();
    Timeline::load(&path).unwrap()
}

fn config(server: &ReplayServer) -> Config {
    let mut config = crate::support::config(&server.base_url());
    config.alert.jsonl = Some(JsonlTarget::File("alerts.jsonl".into()));
    config
}

fn alert_ids(store: &Store) -> Vec<String> {
    let text = std::fs::read_to_string(store.data_dir().join("alerts.jsonl")).unwrap_or_default();
    text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect()
}

fn wulf_crossover(ids: &[String]) -> usize {
    ids.iter().filter(|id| id.contains("signal/WULF/crossover/2026Q1")).count()
}

#[tokio::test]
async fn a_crossover_filing_revealed_live_is_alerted_in_the_poll_that_sees_it_exactly_once() {
    let world = tempfile::tempdir().unwrap();
    let timeline = morning(world.path());
    let server = replay(world.path(), ReplayOptions { timeline: Some(timeline), ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server);
    let forms = ["8-K".to_string(), "10-Q".to_string()];
    let every = Duration::from_secs(1);

    let mut first = Watch::new(&config, &store, &forms, every).unwrap();
    let caught_up = first.poll().await.unwrap();
    assert_eq!(caught_up.companies.len(), config.companies.len(), "the first poll catches every company up");
    assert!(caught_up.run.is_some_and(|r| r.failures.is_empty()));
    assert_eq!(wulf_crossover(&alert_ids(&store)), 0, "TeraWulf's Q1 filings are not out yet");

    let served = server.requests().len();
    let quiet = first.poll().await.unwrap();
    assert!(quiet.run.is_none() && quiet.companies.is_empty(), "{quiet:?}");
    let asked = &server.requests()[served..];
    assert_eq!(asked.len(), forms.len(), "a quiet poll is one request per feed: {asked:?}");
    assert!(asked.iter().all(|r| r.status == 304 && r.path == "/cgi-bin/browse-edgar"), "{asked:?}");
    drop(first);

    let mut restarted = Watch::new(&config, &store, &forms, every).unwrap();
    let served = server.requests().len();
    let resumed = restarted.poll().await.unwrap();
    assert!(resumed.run.is_none(), "a restart repeats nothing: {:?}", resumed.run);
    assert!(server.requests()[served..].iter().all(|r| r.status == 304));

    let started = server.start_clock();
    tokio::time::sleep_until((started + Duration::from_millis(1100)).into()).await;
    let served = server.requests().len();
    let live = restarted.poll().await.unwrap();
    assert_eq!(live.companies, ["WULF"]);
    let run = live.run.expect("the poll that sees the filings runs the pipeline");
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    assert_eq!(run.signals.new, 1, "{:?}", run.signals.current);
    assert_eq!(wulf_crossover(&alert_ids(&store)), 1);
    let asked = &server.requests()[served..];
    assert!(asked.iter().all(|r| !r.path.contains("2063236")), "the outside filer is never fetched: {asked:?}");
    let other_listings: Vec<_> =
        asked.iter().filter(|r| r.path.starts_with("/submissions/") && !r.path.ends_with(WULF_SUBMISSIONS)).collect();
    assert!(other_listings.is_empty(), "only TeraWulf's listing is read: {other_listings:?}");

    let after = restarted.poll().await.unwrap();
    assert!(after.run.is_none(), "{:?}", after.run);
    assert_eq!(wulf_crossover(&alert_ids(&store)), 1, "exactly once");

    let nightly_dir = tempfile::tempdir().unwrap();
    let nightly = crate::support::store(nightly_dir.path()).await;
    let fixtures = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    pipeline::ingest(&crate::support::config(&fixtures.base_url()), &nightly, "test").await.unwrap();
    let evidence = |signals: Vec<minewatch::store::StoredSignal>| {
        let crossover = signals.into_iter().find(|s| s.signal.key() == "WULF/crossover/2026Q1").unwrap();
        let mut evidence = serde_json::to_value(crossover.signal.evidence).unwrap();
        for source in evidence["sources"].as_array_mut().unwrap() {
            source.as_object_mut().unwrap().remove("document_id");
        }
        evidence
    };
    assert_eq!(
        evidence(store.signals().await.unwrap()),
        evidence(nightly.signals().await.unwrap()),
        "the nightly run's evidence (row ids aside)"
    );
}

/// A latest-filings feed that fails is reported and backs off; the poll goes on without it.
#[tokio::test]
async fn a_failing_feed_is_reported_and_backs_off_while_the_poll_goes_on() {
    use minewatch::replay::{Fault, FaultRule};
    let rule = FaultRule { path_suffix: "/cgi-bin/browse-edgar".into(), fault: Fault::ServerError, times: 100 };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&server);
    config.crawl.max_attempts = 1;
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();

    let first = watch.poll().await.unwrap();
    let [(url, message)] = &first.failed_feeds[..] else { panic!("{:?}", first.failed_feeds) };
    assert!(url.contains("type=8-K") && message.contains("HTTP 500"), "{url}: {message}");
    let run = first.run.expect("the catch-up goes on without the feed");
    assert!(run.signals.new > 0, "the companies were crawled and read");

    let served = server.requests().len();
    let second = watch.poll().await.unwrap();
    assert!(second.failed_feeds.is_empty() && second.run.is_none(), "{second:?}");
    let feed_requests = server.requests()[served..].iter().filter(|r| r.path == "/cgi-bin/browse-edgar").count();
    assert_eq!(feed_requests, 0, "the failing feed waits out its backoff");
}

/// A quiet poll costs one conditional request per feed and press source, and nothing else: each
/// press host's robots.txt is read once for the watch, not once per poll.
#[tokio::test]
async fn a_quiet_poll_is_one_304_per_feed_and_press_source_and_robots_txt_is_not_read_again() {
    use minewatch::demo::{DemoWorld, EDGAR_FIXTURES, PRESS_FIXTURES};
    let world =
        DemoWorld::start(std::path::Path::new(EDGAR_FIXTURES), std::path::Path::new(PRESS_FIXTURES)).await.unwrap();
    let mut config = Config::load_or_embedded(None, Some("minewatch-tests tests@minewatch.invalid")).unwrap();
    world.aim(&mut config);
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();
    let first = watch.poll().await.unwrap();
    assert!(first.run.is_some_and(|r| r.counts.documents_new > 0));

    let (edgar_before, press_before) = (world.edgar.requests().len(), world.press.requests().len());
    let quiet = watch.poll().await.unwrap();
    assert!(quiet.run.is_none(), "{:?}", quiet.run);
    let edgar = &world.edgar.requests()[edgar_before..];
    let press = &world.press.requests()[press_before..];
    let sources: usize = config.companies.iter().map(|c| c.press.len()).sum();
    assert_eq!((edgar.len(), press.len()), (1, sources), "{edgar:?} {press:?}");
    assert!(edgar.iter().chain(press).all(|r| r.status == 304), "{edgar:?} {press:?}");
}

/// The watch and the nightly run side by side: while the run holds the run lock, a poll sends
/// nothing and says so, then the next one goes on.
#[tokio::test]
async fn a_poll_while_another_run_holds_the_lock_is_skipped_and_sends_nothing() {
    use minewatch::lock::{Lock, RUN_LOCK_FILE};
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server);
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();
    let nightly = Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap();
    let busy = watch.poll().await.unwrap();
    assert!(busy.skipped_busy && busy.run.is_none());
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    drop(nightly);
    let next = watch.poll().await.unwrap();
    assert!(!next.skipped_busy && next.run.is_some());
}
