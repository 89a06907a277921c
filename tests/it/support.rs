//! Shared test setup: the fixture world on a replay server, a config aimed at it, a store.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use minewatch::config::Config;
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::Store;

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
    let edgar_only: String =
        minewatch::config::DEFAULT_CONFIG.lines().filter(|l| !l.starts_with("press = ")).map(|l| format!("{l}\n")).collect();
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

pub async fn store(dir: &Path) -> Store {
    Store::open(dir).await.unwrap()
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
