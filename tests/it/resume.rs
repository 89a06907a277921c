//! Issue 13.8: a run that stops after any stage (killed between two commits) is finished by the
//! next run, which then ends identical to a clean one: facts, resolved series, search index,
//! signals and delivered alerts. Each case runs the real stages up to its stop, then `ingest`.

use minewatch::config::{Config, JsonlTarget};
use minewatch::crawl::{self, http::HttpClient};
use minewatch::pipeline;
use minewatch::store::Store;
use minewatch::{alert, extract};

use crate::support::{edgar_fixtures, replay, store, store_state as state};
use minewatch::replay::ReplayOptions;

/// The last stage a killed run finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stop {
    Crawl,
    /// Facts stored (companies marked dirty), killed before resolving them.
    Extract,
    Resolve,
    Index,
    /// Signals and their pending alerts recorded, killed before delivery.
    Detect,
}

fn config(base: &str) -> Config {
    let mut config = crate::support::config(base);
    config.alert.jsonl = Some(JsonlTarget::File("alerts.jsonl".into()));
    config
}

/// Runs the stages of one ingest up to and including `stop`, as a run killed right after it.
async fn run_until(config: &Config, store: &Store, stop: Stop) {
    let http = HttpClient::new(&config.crawl).unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let crawled = crawl::crawl_edgar(&http, store, &config.crawl, &config.companies, |_| {}).await.unwrap();
    assert!(crawled.failures.is_empty(), "{:?}", crawled.failures);
    if stop == Stop::Crawl {
        return;
    }
    if stop == Stop::Extract {
        for claim in store.claim_extraction(&crate::support::lease(), i64::MAX).await.unwrap() {
            let doc = store.document(claim.work).await.unwrap().unwrap();
            let bytes = store.blobs().get(&doc.sha256).unwrap();
            let read = extract::extract(&bytes, Some(&doc.url), config.company(&doc.ticker), doc.filed).unwrap();
            assert!(store.replace_facts(&claim, &doc.ticker, &read.facts).await.unwrap());
        }
        assert!(!store.dirty_companies().await.unwrap().is_empty());
        return;
    }
    let pending = store.documents_pending_extraction().await.unwrap();
    pipeline::extract::extract_documents(config, store, &pending).await.unwrap();
    if stop == Stop::Resolve {
        return;
    }
    pipeline::index::index_run(store, &crawled.new_documents).await;
    if stop == Stop::Index {
        return;
    }
    for company in &config.companies {
        let series = store.resolved_series(company).await.unwrap();
        let raised = store.raised_signals(&company.ticker).await.unwrap();
        let found = minewatch::detect::detect(company, &series, &raised, &config.detect);
        alert::record(store, &found.signals, &config.alert).await.unwrap();
    }
}

#[tokio::test]
async fn a_run_stopped_after_any_stage_is_finished_by_the_next_identical_to_a_clean_run() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let config = config(&server.base_url());
    let work = tempfile::tempdir().unwrap();

    let clean = store(&work.path().join("clean")).await;
    let summary = pipeline::ingest(&config, &clean, "test").await.unwrap();
    assert!(summary.failures.is_empty(), "{:?}", summary.failures);
    assert!(summary.signals.new > 0 && summary.signals.delivery.delivered > 0, "the world raises and delivers");
    let want = state(&clean).await;

    for stop in [Stop::Crawl, Stop::Extract, Stop::Resolve, Stop::Index, Stop::Detect] {
        let store = store(&work.path().join(format!("{stop:?}"))).await;
        run_until(&config, &store, stop).await;
        let resumed = pipeline::ingest(&config, &store, "test").await.unwrap();
        assert!(resumed.failures.is_empty(), "{stop:?}: {:?}", resumed.failures);
        let got = state(&store).await;
        let diff: Vec<_> = want.iter().zip(&got).filter(|(w, g)| w != g).take(3).collect();
        assert!(
            got == want,
            "stopped after {stop:?}: {} vs {} lines; first differences {diff:#?}",
            got.len(),
            want.len()
        );
    }
}
