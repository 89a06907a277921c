//! The whole pipeline over the bundled world raises exactly the crossovers of
//! `../shared/facts/README.md` for the companies it models, and a second run raises and delivers
//! nothing new.

use minewatch::model::SignalKind;
use minewatch::replay::ReplayOptions;

use crate::support::{config, edgar_fixtures, manifest_dir, replay, store};

#[tokio::test]
async fn the_demo_world_raises_exactly_the_real_crossovers_once() {
    let edgar = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let press = replay(&manifest_dir().join("fixtures/press"), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&edgar.base_url());
    config.aim_press_at(&press.base_url());
    config.companies =
        minewatch::config::Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap().companies;
    config.alert.jsonl = Some(minewatch::config::JsonlTarget::File(dir.path().join("alerts.jsonl")));

    let first = minewatch::pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(first.failures.is_empty(), "{:?}", first.failures);
    let mut crossovers: Vec<(String, String)> = first
        .signals
        .current
        .iter()
        .filter(|s| s.kind == SignalKind::Crossover)
        .map(|s| (s.ticker.clone(), s.quarter.clone()))
        .collect();
    crossovers.sort();
    let expected = [("APLD", "Q2 FY2026"), ("BTBT", "Q3 2024"), ("CORZ", "Q1 2026"), ("WULF", "Q1 2026")];
    assert_eq!(crossovers, expected.map(|(t, q)| (t.to_string(), q.to_string())));
    assert!(first.signals.current.iter().all(|s| s.kind != SignalKind::Retraction));
    assert!(first.signals.unclassified.iter().any(|(ticker, _)| ticker == "HUT"), "{:?}", first.signals.unclassified);
    assert_eq!(first.signals.new, first.signals.current.len());

    let wulf = first.signals.current.iter().find(|s| s.ticker == "WULF" && s.kind == SignalKind::Crossover).unwrap();
    assert_eq!((wulf.evidence.current.hpc_usd, wulf.evidence.current.bitcoin_usd), (21_047_000, 12_965_000));
    assert!(
        wulf.evidence.sources.iter().any(|e| e.url.starts_with("https://www.sec.gov/Archives/edgar/data/1083301/"))
    );

    let lines = std::fs::read_to_string(dir.path().join("alerts.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), first.signals.new, "one JSON line per new signal");
    assert_eq!(first.signals.delivery.delivered, first.signals.new);

    let second = minewatch::pipeline::ingest(&config, &store, "test").await.unwrap();
    assert_eq!(second.signals.new, 0);
    assert_eq!(second.signals.delivery.delivered, 0);
    assert_eq!(std::fs::read_to_string(dir.path().join("alerts.jsonl")).unwrap(), lines, "nothing delivered twice");

    // `extract --all`: every stored document again, without a single HTTP request.
    let served = (edgar.requests().len(), press.requests().len());
    let all = store.document_ids().await.unwrap();
    let again = minewatch::pipeline::extract::extract_documents(&config, &store, &all).await.unwrap();
    assert_eq!((again.documents, again.facts), (first.extract.documents, first.extract.facts));
    assert_eq!((edgar.requests().len(), press.requests().len()), served);
    let series = store.series("WULF").await.unwrap();
    let q1 = series.iter().find(|r| (r.fiscal_year, r.fiscal_quarter) == (2026, 1)).unwrap();
    assert_eq!((q1.hpc, q1.mining, q1.total), (Some(21_047_000), Some(12_965_000), Some(34_012_000)));
    let q4 = series.iter().find(|r| (r.fiscal_year, r.fiscal_quarter) == (2025, 4)).unwrap();
    assert_eq!((q4.hpc, q4.mining), (Some(9_712_000), Some(26_124_000)));
}
