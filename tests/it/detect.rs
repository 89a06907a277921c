//! Detection and recording together, as the pipeline runs them: idempotent across runs, and an
//! amendment that lowers HPC below mining retracts a stored crossover.

use minewatch::alert;
use minewatch::config::AlertConfig;
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
