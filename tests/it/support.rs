//! Shared test setup: the fixture world on a replay server, a config aimed at it, a store, and
//! that world ingested once per test binary.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minewatch::config::Config;
use minewatch::pipeline::{self, RunSummary};
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::{Store, StoreLocation};

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled EDGAR world.
pub fn edgar_fixtures() -> PathBuf {
    manifest_dir().join("fixtures/edgar")
}

pub async fn replay(root: &Path, options: ReplayOptions) -> ReplayServer {
    ReplayServer::start(root, SocketAddr::from(([127, 0, 0, 1], 0)), options).await.unwrap()
}

/// Config text for the embedded universe's EDGAR side aimed at `base` at 10 requests/s, fast
/// retries. Press sources are left out (tests/it/press.rs crawls them against their own server).
pub fn config_toml(base: &str) -> String {
    let edgar_only: String = minewatch::config::DEFAULT_CONFIG
        .lines()
        .filter(|l| !l.starts_with("press = "))
        .map(|l| format!("{l}\n"))
        .collect();
    let universe = edgar_only.replace(
        "[crawl]\n",
        &format!(
            "[crawl]\nuser_agent = \"minewatch-tests tests@minewatch.invalid\"\nrate_per_second = 10.0\n\
             data_base = \"{base}\"\narchives_base = \"{base}\"\nmax_backoff_secs = 2.0\n"
        ),
    );
    assert!(universe.contains(base), "the embedded config has a [crawl] table");
    universe
}

pub fn config(base: &str) -> Config {
    Config::parse(&config_toml(base), "test config", None).unwrap()
}

/// A claim holder for calls that take work from the store.
pub fn lease() -> minewatch::store::Lease {
    minewatch::store::Lease::for_this_process(std::time::Duration::from_secs(60))
}

/// The store a test writes in `dir`: SQLite, or with `MINEWATCH_TEST_BACKEND=postgres` a fresh
/// database on the test run's PostgreSQL cluster (the same tests on both backends).
pub async fn store(dir: &Path) -> Store {
    let location = match std::env::var("MINEWATCH_TEST_BACKEND").as_deref() {
        Ok("postgres") => StoreLocation { url: Some(fresh_postgres_database()), ..StoreLocation::in_data_dir(dir) },
        _ => StoreLocation::in_data_dir(dir),
    };
    Store::open_at(&location).await.unwrap()
}

/// A new empty database on the cluster `.ci/run` starts (`MINEWATCH_TEST_POSTGRES`, its admin
/// URL), created with Debian's `createdb`; returns its URL.
pub fn fresh_postgres_database() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let admin = std::env::var("MINEWATCH_TEST_POSTGRES").expect(
        "MINEWATCH_TEST_POSTGRES is not set: run the tests with `bash .ci/run`, which starts a throwaway PostgreSQL",
    );
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("mw_{}_{n}_{:08x}", std::process::id(), fastrand::u32(..));
    let made = std::process::Command::new("createdb").arg(format!("--maintenance-db={admin}")).arg(&name).status();
    assert!(made.is_ok_and(|s| s.success()), "createdb {name} on {admin} failed");
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{name}")
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The ingested world: its data dir and the JSON summary of the run that built it.
pub struct World {
    pub dir: PathBuf,
    pub summary: serde_json::Value,
}

/// Ingests the fixture world once per build of this test binary, into the target's temp dir, so
/// that every test process (nextest runs one per test) shares it. Built aside and renamed into
/// place: a process that loses the race uses the winner's world.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let exe = std::fs::metadata(std::env::current_exe().unwrap()).unwrap();
        let built = exe.modified().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("search-world-{built:x}-{:x}", exe.len()));
        if !dir.join("summary.json").exists() {
            let aside = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
            let summary = std::thread::scope(|s| s.spawn(|| ingest_world(aside.path())).join().unwrap());
            std::fs::write(aside.path().join("summary.json"), serde_json::to_vec(&summary).unwrap()).unwrap();
            // Losing the race leaves `aside` in place, to be removed when it drops.
            let _ = std::fs::rename(aside.path(), &dir);
        }
        let summary = serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
        World { dir, summary }
    })
}

/// One full ingest on a runtime of its own; the store is closed before the dir is shared.
fn ingest_world(dir: &Path) -> RunSummary {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
        // Tests copy the world's data dir, so it is SQLite whatever the backend under test.
        let store = Store::open(dir).await.unwrap();
        let summary = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
        assert!(summary.failures.is_empty(), "{:?}", summary.failures);
        store.close().await;
        summary
    })
}

/// A writable copy of the world's data dir.
pub fn copy_of_world() -> tempfile::TempDir {
    let copy_dir = tempfile::tempdir().unwrap();
    copy(&world().dir, copy_dir.path());
    copy_dir
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target: PathBuf = to.join(path.file_name().unwrap());
        if path.is_dir() { copy(&path, &target) } else { std::fs::copy(&path, &target).map(|_| ()).unwrap() }
    }
}

/// Everything a run leaves that a user sees, without row ids and times, sorted (the crawl stores
/// companies concurrently, so row order differs from run to run).
pub async fn store_state(store: &Store) -> Vec<String> {
    let mut state = Vec::new();
    for doc in store.documents().await.unwrap() {
        let facts = store.facts_of_company(&doc.ticker).await.unwrap();
        let of_doc = facts.iter().filter(|f| f.url == doc.url).map(|f| format!("{:?}", f.fact));
        state.push(format!("{} {} {}: {}", doc.url, doc.status, doc.sha256, of_doc.collect::<Vec<_>>().join("; ")));
    }
    for company in store.companies().await.unwrap() {
        for r in store.resolved_of_company(&company.ticker).await.unwrap() {
            state.push(format!("{} {r:?}", company.ticker));
        }
    }
    for s in store.signals().await.unwrap() {
        state.push(format!("{} #{} {:?}", s.signal.key(), s.occurrence, s.signal.evidence));
    }
    for a in store.alerts(minewatch::store::AlertFilter::All).await.unwrap() {
        state.push(format!("{} {} {:?} {}", a.signal.key(), a.sink, a.status, a.attempts));
    }
    let index = minewatch::index::SearchIndex::open_in(store.data_dir()).unwrap();
    state.push(format!("indexed {:?}", index.indexed_ids().unwrap().len()));
    let alerts = std::fs::read_to_string(store.data_dir().join("alerts.jsonl")).unwrap_or_default();
    state.push(format!("alert lines {}", alerts.lines().count()));
    state.push(format!("dirty {:?}", store.dirty_companies().await.unwrap()));
    let ids = regex::Regex::new(r"document_id: \d+").unwrap();
    let mut state: Vec<String> =
        state.iter().map(|line| ids.replace_all(line, "document_id: _").into_owned()).collect();
    state.sort();
    state
}
