//! The run lock as a user meets it: while one run holds it, a second `ingest` or `schedule`
//! stops at once with exit code 1 and says why, sending no request.

use std::process::Command;

use minewatch::lock::{Lock, RUN_LOCK_FILE, SCHEDULE_LOCK_FILE};
use minewatch::replay::ReplayOptions;

use crate::support::{config_toml, edgar_fixtures, replay};

#[tokio::test]
async fn a_second_run_is_refused_while_one_holds_the_lock() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, config_toml(&server.base_url())).unwrap();
    let _running = Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap();
    let _scheduler = Lock::acquire(dir.path(), SCHEDULE_LOCK_FILE, "schedule").unwrap();

    for args in [&["ingest"][..], &["schedule", "--at", "02:30"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_minewatch"))
            .args(["--data-dir", dir.path().to_str().unwrap(), "--config", config.to_str().unwrap()])
            .args(args)
            .env_remove("MINEWATCH_USER_AGENT")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("another minewatch") && err.contains("is running"), "{args:?}: {err}");
        assert!(err.contains(&format!("by process {}", std::process::id())), "names the holder: {err}");
    }
    assert!(server.requests().is_empty(), "no request was sent");
}

/// Issue 13.13: `extract --all` and `reindex` rewrote facts and the index while an ingest ran.
#[tokio::test]
async fn extract_all_and_reindex_refuse_while_a_run_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::support::store(dir.path()).await;
    let _running = Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap();
    for args in [&["extract", "--all"][..], &["reindex"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_minewatch"))
            .args(["--data-dir", dir.path().to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("another minewatch run is running"), "{args:?}: {err}");
    }
    assert!(store.recent_runs(10).await.unwrap().is_empty());
}

/// Issue 13.12: a run killed mid-way stayed `running` for ever.
#[tokio::test]
async fn a_run_left_running_is_marked_interrupted_by_the_next() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = crate::support::store(dir.path()).await;
    // A run whose holder died: its heartbeat has lapsed by the time the next run starts.
    let lapsed = minewatch::store::Lease::for_this_process(std::time::Duration::from_millis(1));
    let killed = store.start_run("ingest", &lapsed).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let summary =
        minewatch::pipeline::ingest(&crate::support::config(&server.base_url()), &store, "test").await.unwrap();
    let runs = store.recent_runs(10).await.unwrap();
    let status = |id| runs.iter().find(|r| r.id == id).map(|r| (r.status.clone(), r.finished_at.is_some()));
    assert_eq!(status(killed), Some(("interrupted".to_string(), true)));
    assert_eq!(status(summary.run_id), Some(("ok".to_string(), true)));
}
