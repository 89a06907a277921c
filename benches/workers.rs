//! Extract + resolve throughput over a large generated store: the fixture world's documents stored
//! many times over (each copy at its own URL, all pending extraction), then extracted and
//! resolved by 1, 2 and 4 workers claiming from one PostgreSQL database, and by one process on
//! SQLite beside them. Each worker is a store connection pool with its own lease in this process
//! (the claims are the same statements separate processes run); the extractors share the
//! machine's cores. PostgreSQL: `MINEWATCH_TEST_POSTGRES` (an admin URL), else a throwaway
//! cluster started with `.ci/postgres` (Debian's `postgresql` must be installed).

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::pipeline::extract::extract_pending;
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::{Lease, Store, StoreLocation};

/// Copies of each fixture document in the generated store.
const COPIES: usize = 40;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let server = ReplayServer::start(
        &manifest.join("fixtures/edgar"),
        SocketAddr::from(([127, 0, 0, 1], 0)),
        ReplayOptions::default(),
    )
    .await?;
    let mut config = Config::parse(DEFAULT_CONFIG, "companies.toml", Some("minewatch-bench bench@minewatch.invalid"))?;
    config.aim_at(&server.base_url());
    config.companies.iter_mut().for_each(|c| c.press.clear());
    let root = tempfile::tempdir()?;
    let world = Store::open(&root.path().join("world")).await?;
    minewatch::pipeline::ingest(&config, &world, "bench").await?;
    let documents = world.documents().await?;
    let blobs = root.path().join("world/blobs");

    let cluster = root.path().join("postgres");
    let admin = match std::env::var("MINEWATCH_TEST_POSTGRES") {
        Ok(url) => url,
        Err(_) => start_cluster(manifest, &cluster),
    };
    println!(
        "extract + resolve of {} documents ({} fixture documents × {COPIES}):",
        documents.len() * COPIES,
        documents.len()
    );
    let sqlite =
        StoreLocation { blobs: Some(blobs.clone()), ..StoreLocation::in_data_dir(&root.path().join("sqlite")) };
    report("SQLite, 1 process", run(&config, &world, &sqlite, 1).await);
    for workers in [1, 2, 4] {
        let url = create_database(&admin, &format!("bench_{workers}"));
        let location = StoreLocation {
            data_dir: root.path().join(format!("pg-{workers}")),
            url: Some(url),
            blobs: Some(blobs.clone()),
        };
        report(&format!("PostgreSQL, {workers} worker(s)"), run(&config, &world, &location, workers).await);
    }
    if std::env::var("MINEWATCH_TEST_POSTGRES").is_err() {
        let _ = Command::new("bash").arg(manifest.join(".ci/postgres")).arg("stop").arg(&cluster).status();
    }
    Ok(())
}

/// Fills the store at `location` with the generated documents, then times `workers` claiming and
/// extracting them all (and resolving the companies); returns (documents, seconds).
async fn run(config: &Config, world: &Store, location: &StoreLocation, workers: usize) -> (usize, f64) {
    let store = Store::open_at(location).await.unwrap();
    store.upsert_companies(&config.companies).await.unwrap();
    let mut count = 0;
    for doc in world.documents().await.unwrap() {
        let bytes = world.blobs().get(&doc.sha256).unwrap();
        for copy in 0..COPIES {
            let url = format!("{}#copy-{copy}", doc.url);
            store.put_document(&doc.again(&url), &bytes).await.unwrap();
            count += 1;
        }
    }
    let mut pools = Vec::new();
    for _ in 0..workers {
        pools.push(Store::open_at(location).await.unwrap());
    }
    let started = Instant::now();
    let tasks: Vec<_> = pools
        .into_iter()
        .map(|store| {
            let config = config.clone();
            tokio::spawn(async move {
                let lease = Lease::for_this_process(Duration::from_secs(300));
                extract_pending(&config, &store, &lease).await.unwrap().documents
            })
        })
        .collect();
    let mut extracted = 0;
    for task in tasks {
        extracted += task.await.unwrap();
    }
    assert_eq!(extracted as usize, count, "every document extracted exactly once");
    (count, started.elapsed().as_secs_f64())
}

fn report(what: &str, (documents, seconds): (usize, f64)) {
    println!("  {what:<28} {:>7.1} documents/s ({documents} in {seconds:.2} s)", documents as f64 / seconds);
}

/// Starts a throwaway cluster in `dir` with `.ci/postgres`; returns its admin URL.
fn start_cluster(manifest: &Path, dir: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let parent = dir.parent().unwrap();
    // The cluster's owner (postgres, when run as root) must reach its folder.
    let _ = Command::new("chmod").arg("755").arg(parent).status();
    let out = Command::new("bash").arg(manifest.join(".ci/postgres")).arg("start").arg(dir).output().unwrap();
    assert!(out.status.success(), "starting PostgreSQL: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn create_database(admin: &str, name: &str) -> String {
    let name = format!("{name}_{}", std::process::id());
    let made = Command::new("createdb").arg(format!("--maintenance-db={admin}")).arg(&name).status().unwrap();
    assert!(made.success(), "createdb {name}");
    format!("{}/{name}", admin.rsplit_once('/').unwrap().0)
}
