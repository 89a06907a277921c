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
