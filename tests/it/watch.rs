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
    let before = wulf_before(world);
    let timeline = format!(
        "[[event]]\nat_secs = 0.5\nfiling = {{ form = \"8-K\", cik = 2063236, company = \"OUTSIDE CO\", accession = \"0002063236-26-000004\" }}\n\n\
         {}",
        wulf_filings(1.0, &before)
    );
    timeline_of(world, &timeline)
}

/// The fixture world copied to `world`, with TeraWulf's listing as it was before 2026-05-08; the
/// timeline line that shows it until then.
fn wulf_before(world: &std::path::Path) -> String {
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
    format!("before = {{ \"{WULF_SUBMISSIONS}\" = \"timeline/wulf-before.json\" }}")
}

/// Timeline events: TeraWulf's 8-K and 10-Q of 2026-05-08 appear at `at_secs`.
fn wulf_filings(at_secs: f64, before: &str) -> String {
    format!(
        "[[event]]\nat_secs = {at_secs}\nfiling = {{ form = \"8-K\", cik = 1083301, company = \"TERAWULF INC.\", accession = \"0001083301-26-000012\" }}\n{before}\n\n\
         [[event]]\nat_secs = {at_secs}\nfiling = {{ form = \"10-Q\", cik = 1083301, company = \"TERAWULF INC.\", accession = \"0001083301-26-000014\" }}\n{before}\n"
    )
}

fn timeline_of(world: &std::path::Path, events: &str) -> Timeline {
    let path = world.join("timeline.toml");
    std::fs::write(&path, events).unwrap();
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

/// The fixture world served with requests for `path_suffix` failing (HTTP 500) `times` times, a
/// fresh store, and a config that tries each request once.
async fn failing_world(path_suffix: &str, times: u32) -> (ReplayServer, tempfile::TempDir, Store, Config) {
    use minewatch::replay::{Fault, FaultRule};
    let rule = FaultRule { path_suffix: path_suffix.into(), fault: Fault::ServerError, times };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&server);
    config.crawl.max_attempts = 1;
    (server, dir, store, config)
}

/// A latest-filings feed that fails is reported and backs off; the poll goes on without it.
#[tokio::test]
async fn a_failing_feed_is_reported_and_backs_off_while_the_poll_goes_on() {
    let (server, _dir, store, config) = failing_world("/cgi-bin/browse-edgar", 100).await;
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

async fn has_wulf_crossover(store: &Store) -> bool {
    store.signals().await.unwrap().iter().any(|s| s.signal.key() == "WULF/crossover/2026Q1")
}

/// A company whose catch-up failed is crawled again at the next poll, though no feed announces it.
#[tokio::test]
async fn a_catch_up_that_failed_is_crawled_again_at_the_next_poll() {
    let (_server, _dir, store, config) = failing_world(WULF_SUBMISSIONS, 1).await;
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();

    let first = watch.poll().await.unwrap().run.expect("the catch-up runs");
    assert!(first.failures.iter().any(|f| f.url.contains("WULF") && f.message.contains("500")), "{:?}", first.failures);
    assert!(!has_wulf_crossover(&store).await);

    let second = watch.poll().await.unwrap();
    assert_eq!(second.companies, ["WULF"], "only the company that failed is crawled again");
    let run = second.run.expect("its filings are stored and read");
    assert!(run.failures.is_empty(), "{:?}", run.failures);
    assert!(has_wulf_crossover(&store).await);

    let third = watch.poll().await.unwrap();
    assert!(third.companies.is_empty() && third.run.is_none(), "{third:?}");
}

/// While the feed backs off, 150 filings of an outside filer arrive after TeraWulf's 8-K, which
/// scrolls to the feed's second page; the poll after the backoff reads back to where the feed was
/// seen (it was empty) and crawls TeraWulf. After a second backoff, over 120 more filings, the
/// feed is read back to the newest entry of the last read (on page two) and no further.
#[tokio::test]
async fn a_feed_read_after_its_backoff_is_paged_back_to_the_last_entry_seen() {
    use minewatch::replay::{Fault, FaultRule};
    let world = tempfile::tempdir().unwrap();
    let before = wulf_before(world.path());
    let outside = |at_secs: f64, numbers: std::ops::Range<u32>| -> String {
        numbers
            .map(|n| {
                format!(
                    "[[event]]\nat_secs = {at_secs}\nfiling = {{ form = \"8-K\", cik = 2063236, company = \"OUTSIDE CO\", accession = \"0002063236-26-{n:06}\" }}\n\n"
                )
            })
            .collect()
    };
    let events = format!("{}\n{}{}", wulf_filings(0.1, &before), outside(0.2, 100..250), outside(3.0, 300..420));
    let timeline = timeline_of(world.path(), &events);
    let feed = "/cgi-bin/browse-edgar";
    // The feed's requests in turn: answered (after no pause), failed, two answered, failed; then
    // every one answered.
    let rule = |fault, times| FaultRule { path_suffix: feed.into(), fault, times };
    let answered = Fault::Slow { millis: 0 };
    let faults = vec![rule(answered, 1), rule(Fault::ServerError, 1), rule(answered, 2), rule(Fault::ServerError, 1)];
    let server = replay(world.path(), ReplayOptions { timeline: Some(timeline), faults, ..Default::default() }).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&server);
    config.crawl.max_attempts = 1;
    let every = Duration::from_millis(100);
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], every).unwrap();
    let feed_requests = |from: usize| server.requests()[from..].iter().filter(|r| r.path == feed).count();

    let caught_up = watch.poll().await.unwrap();
    assert!(caught_up.failed_feeds.is_empty() && caught_up.run.is_some(), "{caught_up:?}");
    assert!(!has_wulf_crossover(&store).await, "TeraWulf's Q1 filings are not out yet");

    let started = server.start_clock();
    tokio::time::sleep_until((started + Duration::from_millis(300)).into()).await;
    let failed = watch.poll().await.unwrap();
    assert_eq!(failed.failed_feeds.len(), 1, "{failed:?}");
    assert!(failed.companies.is_empty() && failed.run.is_none(), "{failed:?}");

    tokio::time::sleep(3 * every).await;
    let served = server.requests().len();
    let resumed = watch.poll().await.unwrap();
    assert_eq!(feed_requests(served), 2, "151 entries are two pages of 100");
    assert_eq!(resumed.companies, ["WULF"]);
    assert!(resumed.run.is_some_and(|r| r.failures.is_empty()));
    assert!(has_wulf_crossover(&store).await, "the filing that scrolled to page two is not missed");

    tokio::time::sleep_until((started + Duration::from_millis(3100)).into()).await;
    let failed = watch.poll().await.unwrap();
    assert_eq!(failed.failed_feeds.len(), 1, "{failed:?}");
    tokio::time::sleep(3 * every).await;
    let served = server.requests().len();
    let resumed = watch.poll().await.unwrap();
    assert_eq!(feed_requests(served), 2, "the newest entry seen before is on page two; page three is not read");
    assert!(resumed.failed_feeds.is_empty() && resumed.companies.is_empty(), "nothing to crawl: {resumed:?}");

    let served = server.requests().len();
    let quiet = watch.poll().await.unwrap();
    assert!(quiet.companies.is_empty() && quiet.run.is_none(), "{quiet:?}");
    assert!(server.requests()[served..].iter().all(|r| r.status == 304), "a quiet feed is one 304, not paged");
}

/// One press source failing every poll neither holds back the latest-filings feed's validators
/// nor the other press sources': the next poll asks each of them with a 304.
#[tokio::test]
async fn a_failing_press_source_does_not_keep_the_other_sources_validators_from_being_saved() {
    use minewatch::demo::{EDGAR_FIXTURES, PRESS_FIXTURES};
    use minewatch::replay::{Fault, FaultRule};
    let failing = "/RssFeed/organization/bJ3dnZc0bXiMVXTqlSfRvQ==";
    let rule = FaultRule { path_suffix: failing.into(), fault: Fault::ServerError, times: 100 };
    let edgar = replay(std::path::Path::new(EDGAR_FIXTURES), ReplayOptions::default()).await;
    let press =
        replay(std::path::Path::new(PRESS_FIXTURES), ReplayOptions { faults: vec![rule], ..Default::default() }).await;
    let mut config = Config::load_or_embedded(None, Some("minewatch-tests tests@minewatch.invalid")).unwrap();
    config.aim_at(&edgar.base_url());
    config.aim_press_at(&press.base_url());
    config.crawl.max_attempts = 1;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();
    let first = watch.poll().await.unwrap().run.expect("the catch-up runs");
    assert!(first.failures.iter().any(|f| f.url.ends_with(failing.trim_start_matches('/'))), "{:?}", first.failures);

    let (edgar_before, press_before) = (edgar.requests().len(), press.requests().len());
    watch.poll().await.unwrap();
    let asked_edgar = &edgar.requests()[edgar_before..];
    assert_eq!(asked_edgar.len(), 1, "{asked_edgar:?}");
    assert_eq!(asked_edgar[0].status, 304, "the feed's validators were saved");
    let (broken, others): (Vec<_>, Vec<_>) =
        press.requests()[press_before..].iter().cloned().partition(|r| r.path.ends_with(failing));
    assert_eq!(broken.iter().map(|r| r.status).collect::<Vec<_>>(), [500]);
    assert!(!others.is_empty() && others.iter().all(|r| r.status == 304), "{others:?}");
}

/// The watch claims each crawl as a worker does: a company another process is crawling is left
/// to it (its listing is not asked for), and crawled at the next poll once that claim is done.
#[tokio::test]
async fn a_company_another_process_is_crawling_is_left_to_it_and_crawled_at_the_next_poll() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = config(&server);
    minewatch::pipeline::universe::adopt(&config, &store).await.unwrap();
    let worker = crate::support::lease();
    let held = store.claim_crawl_of(&worker, "WULF").await.unwrap().expect("WULF is free to claim");
    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], Duration::from_secs(60)).unwrap();

    let first = watch.poll().await.unwrap();
    assert!(!first.companies.contains(&"WULF".to_string()), "{:?}", first.companies);
    assert_eq!(first.companies.len(), config.companies.len() - 1);
    assert!(server.requests().iter().all(|r| !r.path.ends_with(WULF_SUBMISSIONS)), "WULF's listing was asked for");
    assert!(!has_wulf_crossover(&store).await);

    assert!(store.crawled(&held, Duration::ZERO).await.unwrap(), "the worker's claim still held");
    let second = watch.poll().await.unwrap();
    assert_eq!(second.companies, ["WULF"]);
    assert!(has_wulf_crossover(&store).await);
}
