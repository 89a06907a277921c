//! Every statement in `queries/` is used, and runs against a real store.

use std::time::Duration;

use chrono::NaiveDate;
use minewatch::config::Config;
use minewatch::model::Failure;
use minewatch::store::{Lease, NewDocument, RunCounts, Validators};

use crate::support::{files_under, manifest_dir, store};

#[test]
fn every_query_file_is_used_by_the_code() {
    let sources: String = files_under(&manifest_dir().join("src"))
        .iter()
        .filter_map(|p| std::fs::read_to_string(manifest_dir().join("src").join(p)).ok())
        .collect();
    for query in files_under(&manifest_dir().join("queries")) {
        let name = query.display().to_string();
        // A per-backend statement may be picked by `dialect!(backend, "file")`.
        let dialect = ["sqlite/", "postgres/"].iter().find_map(|b| name.strip_prefix(b));
        let used = sources.contains(&format!("queries/{name}\""))
            || dialect.is_some_and(|file| sources.contains(&format!("dialect!(self.backend, \"{file}\")")));
        assert!(used, "queries/{name} is not used");
    }
}

/// A TeraWulf press release at `url`, undated.
fn wulf_release(url: &str) -> NewDocument<'_> {
    NewDocument {
        ticker: "WULF",
        source: "press",
        url,
        accession: None,
        form: None,
        role: "release",
        filed: None,
        report_period: None,
        title: None,
        content_type: Some("text/html"),
        validators: Validators::default(),
    }
}

#[tokio::test]
async fn documents_filings_state_and_runs_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    store.upsert_companies(&config.companies).await.unwrap();

    let filed = NaiveDate::from_ymd_opt(2026, 5, 8).unwrap();
    let doc = NewDocument {
        ticker: "WULF",
        source: "edgar",
        url: "http://127.0.0.1/a/ex99-1.htm",
        accession: Some("0001083301-26-000012"),
        form: Some("8-K"),
        role: "exhibit",
        filed: Some(filed),
        report_period: NaiveDate::from_ymd_opt(2026, 3, 31),
        title: None,
        content_type: Some("text/html"),
        validators: Validators { etag: Some("\"e1\"".into()), last_modified: None },
    };
    let id = store.put_document(&doc, b"<p>HPC lease revenue</p>").await.unwrap();
    assert_eq!(store.put_document(&doc, b"<p>HPC lease revenue</p>").await.unwrap(), id, "one row per URL");
    let got = store.document(id).await.unwrap().unwrap();
    assert_eq!((got.ticker.as_str(), got.form.as_deref(), got.size, got.filed), ("WULF", Some("8-K"), 24, Some(filed)));
    assert_eq!(store.document_by_url(doc.url).await.unwrap(), Some(got.clone()));
    assert_eq!(store.documents().await.unwrap(), vec![got]);
    assert_eq!(store.document(id + 1).await.unwrap(), None);

    assert!(!store.filing_is_complete("0001083301-26-000012").await.unwrap());
    store.complete_filing("0001083301-26-000012", "WULF", "8-K", filed, None, "2.02,9.01").await.unwrap();
    store.complete_filing("0001083301-26-000012", "WULF", "8-K", filed, None, "2.02,9.01").await.unwrap();
    assert!(store.filing_is_complete("0001083301-26-000012").await.unwrap());

    let url = "http://127.0.0.1/submissions/CIK0001083301.json";
    assert_eq!(store.validators(url, None).await.unwrap(), Validators::default());
    let v = Validators { etag: Some("\"abc\"".into()), last_modified: Some("Fri, 08 May 2026 16:05:12 GMT".into()) };
    let since = NaiveDate::from_ymd_opt(2025, 1, 1);
    store.put_validators(url, &v, since).await.unwrap();
    assert_eq!(store.validators(url, since).await.unwrap(), v);
    assert_eq!(store.validators(url, NaiveDate::from_ymd_opt(2025, 6, 1)).await.unwrap(), v, "a narrower window");
    let wider = [NaiveDate::from_ymd_opt(2024, 1, 1), None];
    for since in wider {
        assert_eq!(store.validators(url, since).await.unwrap(), Validators::default(), "a wider window: {since:?}");
    }

    let run = store.start_run("test", &crate::support::lease()).await.unwrap();
    store.add_run_error(run, "http://x/y", "HTTP 500").await.unwrap();
    let counts = RunCounts {
        requests: 3,
        not_modified: 1,
        documents_new: 1,
        documents_unchanged: 0,
        documents_failed: 1,
        bytes: 24,
        facts: 7,
        signals_new: 1,
        alerts_delivered: 2,
    };
    store.finish_run(run, "partial", &counts).await.unwrap();
    let runs = store.recent_runs(5).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].status.as_str(), runs[0].counts, runs[0].errors), ("partial", counts, 1));
    assert_eq!(store.run_errors(run).await.unwrap(), vec![Failure::new("http://x/y", "HTTP 500")]);

    let totals = store.counts().await.unwrap();
    assert_eq!((totals.companies, totals.filings, totals.documents, totals.bytes), (16, 1, 1, 24));
}

/// Issue 23.1: `company_crawled.sql` released whichever claim the company had, so a worker whose
/// lease lapsed released (and recorded) the crawl of the worker that took it over.
#[tokio::test]
async fn a_lapsed_claim_can_neither_finish_nor_release_its_successors() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let lapsing = Lease::for_this_process(Duration::from_millis(1));
    let (successor, third) = (crate::support::lease(), crate::support::lease());

    let old = store.claim_crawl_of(&lapsing, "WULF").await.unwrap().unwrap();
    let new = loop {
        if let Some(claim) = store.claim_crawl_of(&successor, "WULF").await.unwrap() {
            break claim;
        }
        tokio::time::sleep(Duration::from_millis(2)).await; // until the 1 ms claim lapses
    };
    assert!(new.token > old.token, "each claim of the work takes a greater token");
    assert!(!store.crawled(&old, Duration::from_secs(3600)).await.unwrap(), "the lapsed holder finishes nothing");
    assert_eq!(store.claim_crawl_of(&third, "WULF").await.unwrap(), None, "nor releases the successor's claim");
    assert!(store.crawled(&new, Duration::ZERO).await.unwrap());
    assert!(store.claim_crawl_of(&third, "WULF").await.unwrap().is_some(), "released by its holder");

    let old = store.claim_dirty_company(&lapsing).await.unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await; // the 1 ms claim lapses
    let new = store.claim_dirty_company(&successor).await.unwrap().unwrap();
    assert_eq!((new.work.ticker.as_str(), new.token > old.token), (old.work.ticker.as_str(), true));
    store.finish_resolve(&old).await.unwrap();
    assert!(store.dirty_companies().await.unwrap().contains(&old.work.ticker), "the lapsed holder clears nothing");
    store.finish_resolve(&new).await.unwrap();
    assert!(!store.dirty_companies().await.unwrap().contains(&new.work.ticker));
}

/// Issue 23.1: an extraction claim carried no fencing token, so a process that hung past its
/// lease while extracting a document wrote that document's facts (and released its claim) after
/// the process that took the document over.
#[tokio::test]
async fn a_lapsed_extraction_claim_writes_no_facts_and_its_successors_stand() {
    use minewatch::model::{Extractor, Fact, Period, Segment};
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let doc = wulf_release("http://127.0.0.1/wulf/q1-2026.htm");
    let id = store.put_document(&doc, b"<p>HPC lease revenue</p>").await.unwrap();
    let hpc = |extractor, value_usd| Fact {
        segment: Segment::Hpc,
        period: Period {
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        },
        value_usd,
        label: "HPC lease revenue".into(),
        concept: None,
        extractor,
        confidence: 0.9,
        raw_text: String::new(),
    };
    let (late, successors) = ([hpc(Extractor::Prose, 21_000_000)], [hpc(Extractor::HtmlTable, 21_047_000)]);
    let lapsing = Lease::for_this_process(Duration::from_millis(1));
    let (successor, third) = (crate::support::lease(), crate::support::lease());
    let written =
        || async { store.facts_of_company("WULF").await.unwrap().into_iter().map(|f| f.fact).collect::<Vec<_>>() };
    let status = || async { store.document(id).await.unwrap().unwrap().status };

    let old = store.claim_extraction(&lapsing, 8).await.unwrap();
    let new = loop {
        let claims = store.claim_extraction(&successor, 8).await.unwrap();
        if !claims.is_empty() {
            break claims;
        }
        tokio::time::sleep(Duration::from_millis(2)).await; // until the 1 ms claim lapses
    };
    let (old, new) = (&old[0], &new[0]);
    assert_eq!((old.work, new.work), (id, id));
    assert!(new.token > old.token, "each claim of the document takes a greater token");
    assert!(!store.replace_facts(old, "WULF", &late).await.unwrap(), "the lapsed holder writes no facts");
    assert!(!store.mark_extract_failed(old, "timed out").await.unwrap(), "nor a failure");
    assert!(!store.mark_claimed_blob_lost(old, "gone").await.unwrap(), "nor a lost blob");
    assert_eq!((written().await, status().await), (vec![], "stored".to_string()));
    assert!(store.claim_extraction(&third, 8).await.unwrap().is_empty(), "nor releases the successor's claim");
    assert_eq!(store.claim_document(&third, id).await.unwrap(), None);
    let left = minewatch::pipeline::extract::extract_documents(&config, &store, &[id]).await.unwrap();
    assert_eq!((left.documents, status().await), (0, "stored".to_string()), "`extract --all` leaves it too");

    assert!(store.replace_facts(new, "WULF", &successors).await.unwrap());
    assert!(!store.replace_facts(old, "WULF", &late).await.unwrap(), "nor writes once the successor finished");
    assert!(!store.mark_extract_failed(old, "timed out").await.unwrap());
    assert_eq!(
        (written().await, status().await),
        (successors.to_vec(), "extracted".to_string()),
        "the successor's stand"
    );
    let again = store.claim_document(&third, id).await.unwrap().expect("released by its holder");
    assert!(again.token > new.token);
}

/// Issue 23.1: a claim was never renewed, so work that outlasted the lease (a slow host, a
/// `Retry-After` wait) was taken over while its holder still did it.
#[tokio::test]
async fn a_held_claim_outlives_its_lease_and_lapses_once_its_holder_stops_renewing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let holder = Lease::for_this_process(Duration::from_millis(900));
    let other = crate::support::lease();

    let heartbeat = store.hold(&holder);
    let claim = store.claim_crawl_of(&holder, "WULF").await.unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(2700)).await; // three leases
    assert_eq!(store.claim_crawl_of(&other, "WULF").await.unwrap(), None, "renewed while held");
    drop(heartbeat);
    let taken = loop {
        if let Some(taken) = store.claim_crawl_of(&other, "WULF").await.unwrap() {
            break taken;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(taken.token > claim.token);
    assert!(!store.crawled(&claim, Duration::ZERO).await.unwrap());
    store.give_back(&other.holder).await.unwrap();
    assert!(store.claim_crawl_of(&holder, "WULF").await.unwrap().is_some(), "given back");
}

/// Issue 23.6: `put_document` checked the hash outside its transaction, so identical bytes stored
/// by two processes at once could become two versions. A unique index makes them one.
#[tokio::test]
async fn the_same_bytes_stored_at_once_at_one_address_are_one_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let doc = wulf_release("http://127.0.0.1/wulf/q1.htm");
    let puts = (0..8).map(|_| store.put_document(&doc, b"<p>HPC lease revenue</p>"));
    let ids = futures_util::future::join_all(puts).await;
    let ids: Vec<i64> = ids.into_iter().map(Result::unwrap).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    let stored: Vec<_> = store.documents().await.unwrap().into_iter().filter(|d| d.url == doc.url).collect();
    assert_eq!(stored.len(), 1, "one version");
    let newer = store.put_document(&doc, b"<p>HPC lease revenue, corrected</p>").await.unwrap();
    assert_ne!(newer, ids[0], "new bytes are a new version");
}

#[tokio::test]
async fn the_universe_read_gives_each_company_its_series_as_the_per_company_query_does() {
    use crate::series::{core_scientific, terawulf};
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let config = Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    // A quarter with a derived value and a disagreement: the flags are per quarter, as series.sql gives them.
    let mut wulf = terawulf(21.0);
    wulf[0].segments.get_mut(&minewatch::model::Segment::Hpc).unwrap().derived = true;
    wulf[1].segments.get_mut(&minewatch::model::Segment::Mining).unwrap().disagreement = true;
    store.replace_resolved("WULF", &terawulf(3.0)).await.unwrap();
    store.replace_resolved("WULF", &wulf).await.unwrap();
    store.replace_resolved("CORZ", &core_scientific()).await.unwrap();
    store.replace_resolved("IREN", &[]).await.unwrap();

    let all = store.all_series().await.unwrap();
    assert_eq!(all.keys().collect::<Vec<_>>(), ["CORZ", "WULF"], "a company with no quarter has no series");
    for (ticker, series) in &all {
        assert_eq!(series, &store.series(ticker).await.unwrap(), "{ticker}");
    }
    let q1 = &all["WULF"][1];
    assert_eq!(
        (q1.fiscal_year, q1.fiscal_quarter, q1.hpc, q1.derived, q1.disagreement),
        (2026, 1, Some(21_000_000), false, true)
    );
    assert!(all["WULF"][0].derived && !all["WULF"][0].disagreement);
}

/// Issue 23.3: a second `ingest` marked a run on another machine interrupted (the runs table is
/// shared, and "running" was judged by the local lock). A run is interrupted once its heartbeat
/// lapses: while its holder renews it, however many runs start, it stays running.
#[tokio::test]
async fn a_run_is_interrupted_when_its_heartbeat_lapses_not_when_another_starts() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let elsewhere = Lease { holder: "other-machine:4242:0000beef".into(), ttl: Duration::from_millis(900) };
    let theirs = store.start_run("ingest", &elsewhere).await.unwrap();
    let status = |id: i64| {
        let store = store.clone();
        async move { store.recent_runs(20).await.unwrap().into_iter().find(|r| r.id == id).unwrap().status }
    };
    store.start_run("ingest", &crate::support::lease()).await.unwrap();
    assert_eq!(status(theirs).await, "running", "a run starting here leaves the other machine's alone");
    // Renewed at about half its lease, twice: past its first lease, still running.
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        store.renew(&elsewhere).await.unwrap();
    }
    let ours = store.start_run("ingest", &crate::support::lease()).await.unwrap();
    assert_eq!(status(theirs).await, "running", "its heartbeat is renewed");
    // Its holder stops renewing: the next run to start finds it lapsed.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    store.start_run("ingest", &crate::support::lease()).await.unwrap();
    assert_eq!(status(theirs).await, "interrupted");
    assert_eq!(status(ours).await, "running", "a run whose lease has not lapsed");
}

/// Issue 23.3: the shared pace took each machine's own clock. Slots are now the database's: the
/// waits it gives are for consecutive slots, whatever the asking process's clock says.
#[tokio::test]
async fn the_shared_pace_gives_consecutive_slots_by_the_databases_clock() {
    use minewatch::crawl::pace::Pace;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let interval = Duration::from_secs(5);
    let waits = [
        store.next_slot("edgar", interval).await.unwrap(),
        store.next_slot("edgar", interval).await.unwrap(),
        store.next_slot("edgar", interval).await.unwrap(),
        store.next_slot("press.example", interval).await.unwrap(),
    ];
    let near = |wait: Duration, slot: Duration| wait <= slot && slot - wait < Duration::from_millis(500);
    assert!(near(waits[0], Duration::ZERO), "{waits:?}");
    assert!(near(waits[1], interval), "{waits:?}");
    assert!(near(waits[2], interval * 2), "{waits:?}");
    assert!(near(waits[3], Duration::ZERO), "another pace has its own slots: {waits:?}");
}
