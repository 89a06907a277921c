//! Detection and recording together, as the pipeline runs them: idempotent across runs, and an
//! amendment that lowers HPC below mining retracts a stored crossover.

use minewatch::alert;
use minewatch::config::{AlertConfig, JsonlTarget};
use minewatch::detect::{self, DetectSettings};
use minewatch::model::{ResolvedQuarter, SignalKind};
use minewatch::store::Store;

use crate::series::{company, terawulf};
use crate::support::store;

/// One nightly detection of TeraWulf's series, recorded; returns how many signals were new.
async fn run(store: &Store, series: Vec<ResolvedQuarter>) -> usize {
    let raised = store.raised_signals("WULF").await.unwrap();
    let found = detect::detect(&company("WULF", "TeraWulf Inc."), &series, &raised, &DetectSettings::default());
    alert::record(store, &found.signals, &AlertConfig::default()).await.unwrap()
}

#[tokio::test]
async fn rerunning_detection_raises_once_and_an_amendment_retracts() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let run = |series| run(&store, series);

    assert_eq!(run(terawulf(21.0)).await, 1);
    assert_eq!(run(terawulf(21.0)).await, 0, "the same series raises nothing new");
    assert_eq!(run(terawulf(21.5)).await, 0, "a changed figure is not a new signal");
    let stored = store.signals().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].signal.evidence.current.hpc_usd, 21_500_000, "its evidence is updated");

    assert_eq!(run(terawulf(12.0)).await, 2, "the amendment: a retraction, and 12 of 25 is approaching");
    let kinds: Vec<(SignalKind, String)> =
        store.signals().await.unwrap().into_iter().map(|s| (s.signal.kind, s.signal.quarter)).collect();
    let q1 = "Q1 2026".to_string();
    assert_eq!(
        kinds,
        [(SignalKind::Crossover, q1.clone()), (SignalKind::Retraction, q1.clone()), (SignalKind::Approaching, q1)]
    );
    assert_eq!(run(terawulf(12.0)).await, 0, "retracted once");
}

/// Issue 13.16: a signal could be stored and alerted with no source facts behind it.
#[tokio::test]
async fn a_signal_without_evidence_is_refused_and_alerts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut signal = crate::series::two_crossovers().remove(0);
    signal.evidence.sources.clear();
    let e = alert::record(&store, &[signal], &AlertConfig::default()).await.unwrap_err();
    assert!(e.to_string().contains("WULF/crossover/2026Q1 has no source facts"), "{e}");
    assert!(store.signals().await.unwrap().is_empty());
}

/// Issue 13.14: a crossover that held again after its retraction was never raised again.
#[tokio::test]
async fn a_crossover_that_returns_after_its_retraction_is_raised_again_as_a_new_occurrence() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let jsonl = dir.path().join("alerts.jsonl");
    let config = AlertConfig { jsonl: Some(JsonlTarget::File(jsonl.clone())), ..AlertConfig::default() };
    let run = |hpc: f64| {
        let (store, config) = (&store, &config);
        async move {
            let raised = store.raised_signals("WULF").await.unwrap();
            let company = company("WULF", "TeraWulf Inc.");
            let found = detect::detect(&company, &terawulf(hpc), &raised, &DetectSettings::default());
            let kinds: Vec<_> = found.signals.iter().map(|s| s.kind).collect();
            let new = alert::record(store, &found.signals, config).await.unwrap();
            alert::deliver_pending(store, config, &crate::support::lease()).await.unwrap();
            (kinds, new)
        }
    };
    use SignalKind::{Approaching, Crossover, Retraction};
    assert_eq!(run(21.0).await, (vec![Crossover], 1));
    assert_eq!(run(12.0).await, (vec![Retraction, Approaching], 2));
    assert_eq!(run(21.0).await, (vec![Crossover], 1), "the crossover holds again: raised again");
    assert_eq!(run(21.0).await, (vec![Crossover], 0), "once");
    assert_eq!(run(12.0).await, (vec![Retraction, Approaching], 1), "retracted again; still approaching");

    let stored: Vec<(SignalKind, u32)> =
        store.signals().await.unwrap().into_iter().map(|s| (s.signal.kind, s.occurrence)).collect();
    assert_eq!(stored, [(Crossover, 1), (Retraction, 1), (Approaching, 1), (Crossover, 2), (Retraction, 2)]);
    let text = std::fs::read_to_string(&jsonl).unwrap();
    // Signals raised in one pass are delivered concurrently, so their lines come in either order.
    let mut ids: Vec<String> =
        text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string()).collect();
    ids.sort();
    let tag = "tag:minewatch,2026:signal/WULF";
    let mut expected = [
        format!("\"{tag}/crossover/2026Q1\""),
        format!("\"{tag}/retraction/2026Q1\""),
        format!("\"{tag}/approaching/2026Q1\""),
        format!("\"{tag}/crossover/2026Q1/2\""),
        format!("\"{tag}/retraction/2026Q1/2\""),
    ];
    expected.sort();
    assert_eq!(ids, expected, "one delivery per occurrence, each with its own idempotency key");
}
