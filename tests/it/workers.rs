//! Issue 14: PostgreSQL as the shared store. The demo world ingested into PostgreSQL ends as it
//! does in SQLite; two and four `minewatch worker` processes sharing one PostgreSQL database end as
//! one does, with no request made twice, the replay server never above the limit in any second,
//! and each alert delivered once; a worker killed with SIGKILL mid-run is finished by another.

use std::path::{Path, PathBuf};
use std::time::Duration;

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::{AlertFilter, AlertStatus, Store, StoreLocation};

use crate::support::{edgar_fixtures, fresh_postgres_database, manifest_dir, replay, store_state};

/// How long the workers' claims last: short, so that a lease outlived by a `Retry-After`, a slow
/// answer or a killed holder expires within the test, and renewal is what keeps a live claim.
pub(crate) const LEASE_SECS: u32 = 2;

/// The bundled EDGAR and press worlds on loopback, a folder for the processes' data dirs and
/// the blobs they share, and a config aimed at it all.
pub(crate) struct Setup {
    pub(crate) edgar: ReplayServer,
    pub(crate) press: ReplayServer,
    root: tempfile::TempDir,
    pub(crate) blobs: PathBuf,
    /// The embedded universe at 10 requests/s, the `[alert]` table given, claims lasting the
    /// lease given.
    toml: String,
}

impl Setup {
    /// Alerts as JSON lines in each data dir, the EDGAR world served as it is.
    async fn new(lease_secs: u32) -> Setup {
        Setup::with(lease_secs, ReplayOptions::default(), "jsonl = \"alerts.jsonl\"\n").await
    }

    /// The EDGAR world served with `edgar` options (faults), alerts by the `[alert]` table's body.
    pub(crate) async fn with(lease_secs: u32, edgar: ReplayOptions, alert: &str) -> Setup {
        let edgar = replay(&edgar_fixtures(), edgar).await;
        let press = replay(&manifest_dir().join("fixtures/press"), ReplayOptions::default()).await;
        let root = tempfile::tempdir().unwrap();
        let blobs = root.path().join("blobs");
        let crawl = format!(
            "[crawl]\nuser_agent = \"minewatch-tests tests@minewatch.invalid\"\nrate_per_second = 10.0\n\
             data_base = \"{e}\"\narchives_base = \"{e}\"\npress_base = \"{p}\"\nmax_backoff_secs = 2.0\n",
            e = edgar.base_url(),
            p = press.base_url()
        );
        let toml = format!(
            "{}\n[alert]\n{alert}\n[store]\nblobs = \"{}\"\nlease_secs = {lease_secs}\n",
            DEFAULT_CONFIG.replace("[crawl]\n", &crawl),
            blobs.display()
        );
        Setup { edgar, press, root, blobs, toml }
    }

    fn config(&self) -> Config {
        Config::parse(&self.toml, "test", None).unwrap()
    }

    /// The config written to a file, for `minewatch --config`.
    fn config_file(&self) -> PathBuf {
        let file = self.root.path().join("minewatch.toml");
        std::fs::write(&file, &self.toml).unwrap();
        file
    }

    /// The config written to a file for one process, its User-Agent naming it (`name`), so the
    /// replay servers' logs tell the processes apart.
    pub(crate) fn config_file_for(&self, name: &str) -> (PathBuf, String) {
        let user_agent = format!("minewatch-{name} tests@minewatch.invalid");
        let file = self.root.path().join(format!("{name}.toml"));
        std::fs::write(&file, self.toml.replace("minewatch-tests tests@minewatch.invalid", &user_agent)).unwrap();
        (file, user_agent)
    }

    pub(crate) fn dir(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }
}

pub(crate) async fn open(url: &str, data_dir: &Path, blobs: &Path) -> Store {
    let location = StoreLocation {
        data_dir: data_dir.to_path_buf(),
        url: Some(url.to_string()),
        blobs: Some(blobs.to_path_buf()),
    };
    Store::open_at(&location).await.unwrap()
}

/// The signal id of every alert line the workers' data dirs received, sorted.
fn alert_lines(dirs: &[PathBuf]) -> Vec<String> {
    let mut lines: Vec<String> = dirs
        .iter()
        .filter_map(|d| std::fs::read_to_string(d.join("alerts.jsonl")).ok())
        .flat_map(|text| text.lines().map(str::to_string).collect::<Vec<_>>())
        .map(|line| serde_json::from_str::<serde_json::Value>(&line).unwrap()["id"].to_string())
        .collect();
    lines.sort();
    lines
}

/// A `minewatch worker` process on the store at `url`, with its own data dir (and search index).
pub(crate) fn spawn_worker(config: &Path, url: &str, data_dir: &Path, until_idle: bool) -> tokio::process::Child {
    let worker: &[&str] = &["worker", "--idle", "200ms", "--json"];
    let until_idle: &[&str] = if until_idle { &["--until-idle"] } else { &[] };
    spawn_minewatch(config, url, data_dir, &[worker, until_idle].concat())
}

/// `minewatch <args>` on the store at `url`, with its own data dir; its stdout kept.
pub(crate) fn spawn_minewatch(config: &Path, url: &str, data_dir: &Path, args: &[&str]) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .args(["--config", &config.display().to_string(), "--data-dir", &data_dir.display().to_string()])
        .args(["--database-url", url])
        .args(args)
        .env("RUST_LOG", "minewatch=warn")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// What `n` workers leave: the store's state (read through the first worker's data dir, whose
/// index must hold every document), the alert lines of all, and every request path the replay
/// servers saw but robots.txt (each process reads a press host's robots.txt once for itself).
pub(crate) struct Outcome {
    pub(crate) state: Vec<String>,
    pub(crate) alerts: Vec<String>,
    paths: Vec<String>,
    peak_per_second: usize,
    /// Documents stored, and the new documents the workers' run records count.
    documents: u64,
    documents_in_runs: u64,
}

pub(crate) async fn run_workers(n: usize) -> Outcome {
    let setup = Setup::new(LEASE_SECS).await;
    let config = setup.config_file();
    let url = fresh_postgres_database();
    let dirs: Vec<PathBuf> = (0..n).map(|i| setup.dir(&format!("worker-{i}"))).collect();
    let workers: Vec<_> = dirs.iter().map(|dir| spawn_worker(&config, &url, dir, true)).collect();
    for worker in workers {
        let output = worker.wait_with_output().await.unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    }
    finish(&setup, &url, &dirs).await
}

async fn finish(setup: &Setup, url: &str, dirs: &[PathBuf]) -> Outcome {
    let store = open(url, &dirs[0], &setup.blobs).await;
    let state = store_state(&store).await.into_iter().filter(|line| !line.starts_with("alert lines")).collect();
    let mut paths: Vec<String> = setup
        .edgar
        .requests()
        .into_iter()
        .chain(setup.press.requests())
        .map(|r| r.path)
        .filter(|path| !path.ends_with("/robots.txt"))
        .collect();
    paths.sort();
    let runs = store.recent_runs(1000).await.unwrap();
    let documents_in_runs = runs.iter().filter(|r| r.command == "worker").map(|r| r.counts.documents_new).sum();
    let documents = store.documents().await.unwrap().len() as u64;
    Outcome {
        state,
        alerts: alert_lines(dirs),
        paths,
        peak_per_second: setup.edgar.peak_per_second(),
        documents,
        documents_in_runs,
    }
}

#[tokio::test]
async fn the_demo_world_ingested_into_postgres_ends_as_in_sqlite() {
    let setup = Setup::new(LEASE_SECS).await;
    let config = setup.config();
    let sqlite_dir = setup.dir("sqlite");
    let sqlite = StoreLocation { blobs: Some(setup.blobs.clone()), ..StoreLocation::in_data_dir(&sqlite_dir) };
    let sqlite = Store::open_at(&sqlite).await.unwrap();
    let postgres = open(&fresh_postgres_database(), &setup.dir("postgres"), &setup.blobs).await;
    assert_eq!(postgres.backend(), minewatch::store::Backend::Postgres);

    let on_sqlite = minewatch::pipeline::ingest(&config, &sqlite, "test").await.unwrap();
    let on_postgres = minewatch::pipeline::ingest(&config, &postgres, "test").await.unwrap();
    assert!(on_postgres.failures.is_empty(), "{:?}", on_postgres.failures);
    assert_eq!(on_postgres.counts, on_sqlite.counts);
    assert!(on_postgres.signals.new > 0);
    assert_eq!(on_postgres.signals.new, on_sqlite.signals.new);
    assert_eq!(store_state(&postgres).await, store_state(&sqlite).await);
    assert_eq!(postgres.latest_quarters().await.unwrap(), sqlite.latest_quarters().await.unwrap());
    // Row ids follow the order the concurrent crawl stored documents in.
    let ids = regex::Regex::new(r"document_id: \d+").unwrap();
    let disagreements = |store: Vec<_>| ids.replace_all(&format!("{store:?}"), "document_id: _").into_owned();
    assert_eq!(
        disagreements(postgres.disagreements().await.unwrap()),
        disagreements(sqlite.disagreements().await.unwrap())
    );
    assert_eq!(postgres.counts().await.unwrap(), sqlite.counts().await.unwrap());
}

#[tokio::test]
async fn two_and_four_workers_end_as_one_with_nothing_done_twice() {
    let one = run_workers(1).await;
    assert!(one.state.iter().any(|line| line.contains("/crossover/")), "{:#?}", one.state);
    let delivered = one.state.iter().filter(|line| line.contains(" Delivered 1")).count();
    assert_eq!(one.alerts.len(), delivered);
    for n in [2, 4] {
        let many = run_workers(n).await;
        assert_eq!(many.state, one.state, "{n} workers");
        assert_eq!(many.alerts, one.alerts, "{n} workers: each alert delivered once");
        // Request for request what one worker makes: no document fetched twice between them.
        assert_eq!(many.paths, one.paths, "{n} workers: the same requests as one worker");
        assert!(many.peak_per_second <= 10, "{n} workers: {} requests in one second", many.peak_per_second);
        assert_eq!(many.documents_in_runs, many.documents, "{n} workers: each pass recorded as a worker run");
    }
}

#[tokio::test]
async fn a_worker_killed_mid_run_is_finished_by_another() {
    let reference = run_workers(1).await;

    let setup = Setup::new(LEASE_SECS).await;
    let config = setup.config_file();
    let url = fresh_postgres_database();
    let dirs = vec![setup.dir("killed"), setup.dir("second")];
    let mut killed = spawn_worker(&config, &url, &dirs[0], false);
    let store = open(&url, &dirs[0], &setup.blobs).await;
    // A worker that dies or stalls before storing 20 documents fails the test, naming why.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let stored = store.documents().await.unwrap().len();
        if stored >= 20 {
            break;
        }
        if let Some(status) = killed.try_wait().unwrap() {
            panic!("the worker exited ({status}) after storing {stored} documents, before it could be killed");
        }
        assert!(std::time::Instant::now() < deadline, "the worker stored {stored} documents in 120 s; 20 were awaited");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    killed.start_kill().unwrap(); // SIGKILL
    killed.wait().await.unwrap();
    let remaining = store.remaining().await.unwrap();
    assert!(!remaining.is_empty(), "the worker was killed with work left: {remaining:?}");

    let second = spawn_worker(&config, &url, &dirs[1], true).wait_with_output().await.unwrap();
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stdout));
    let after = finish(&setup, &url, &dirs[1..]).await;
    assert_eq!(after.state, reference.state);
    assert_eq!(alert_lines(&dirs), reference.alerts, "each alert delivered once");
    let pending = store.alerts(AlertFilter::All).await.unwrap();
    assert!(pending.iter().all(|a| a.status == AlertStatus::Delivered && a.attempts == 1));
}

#[tokio::test]
async fn a_serve_replica_indexes_what_others_store_in_postgres() {
    let setup = Setup::new(LEASE_SECS).await;
    let config = setup.config();
    let url = fresh_postgres_database();
    let replica = open(&url, &setup.dir("replica"), &setup.blobs).await;
    let state = minewatch::serve::AppState::open(replica.clone(), &config, None).await.unwrap();
    let listener = minewatch::serve::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let search = format!("http://{}/api/search?q=%22HPC+lease+revenue%22", listener.local_addr().unwrap());
    tokio::spawn(minewatch::serve::serve(listener, state, std::future::pending()));
    tokio::spawn(async move { minewatch::pipeline::index::catch_up(&replica, std::future::pending()).await });

    // Another machine's ingest: its own data dir and index, the same database and blobs.
    let writer = open(&url, &setup.dir("writer"), &setup.blobs).await;
    minewatch::pipeline::ingest(&config, &writer, "test").await.unwrap();
    let stored = writer.documents().await.unwrap();
    let through = stored.iter().map(|d| d.seq).max();
    let deadline = std::time::Instant::now() + minewatch::pipeline::index::CATCH_UP_EVERY * 3;
    let index = minewatch::index::SearchIndex::open_in(&setup.dir("replica")).unwrap();
    while index.indexed_through().unwrap() != through {
        assert!(std::time::Instant::now() < deadline, "the replica never caught up to seq {through:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let index = minewatch::index::SearchIndex::open_in(&setup.dir("replica")).unwrap();
    assert_eq!(index.num_docs(), stored.len() as u64, "every stored document, once");
    let phrase = minewatch::index::Query::new("\"HPC lease revenue\"");
    let at_writer = minewatch::index::SearchIndex::open_in(&setup.dir("writer")).unwrap().search(&phrase).unwrap();
    // The server's reader follows the index's commits with a short delay.
    loop {
        let hits = crate::serve::get(&search).await.json();
        if hits["total"] == at_writer.total {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the replica answers unlike the writer's own index: {hits}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
