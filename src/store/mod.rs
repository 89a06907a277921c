//! The store: rows in SQLite (the embedded default, a file in the data dir) or PostgreSQL (by
//! URL, shared by many processes), through sqlx's `Any` driver; raw bytes in a content-addressed
//! blob folder.
//!
//! Only this module talks SQL; every statement is a file in `queries/`, shared by both backends
//! where their dialects agree and in `queries/sqlite/` and `queries/postgres/` where they differ.
//! Values cross the boundary as integers, floats and text only (dates ISO-8601 text, flags 0/1),
//! so one row reader serves both.

mod alerts;
mod backend;
mod blobs;
mod candidates;
mod companies;
mod company_series;
mod documents;
mod facts;
mod failures;
mod heartbeat;
mod pace;
mod resolved;
mod row;
mod runs;
mod signals;
mod work;

use std::path::{Path, PathBuf};

use sqlx::AnyPool;

pub use alerts::{AlertFilter, AlertRecord, AlertStatus};
pub use backend::{Backend, StoreLocation};
pub use blobs::{BlobStore, sha256_hex};
pub use companies::{CompanyRecord, Member, Origin};
pub use documents::{DocumentRecord, NewDocument, Validators};
pub use facts::StoredFact;
pub use failures::FetchFailure;
pub use heartbeat::Heartbeat;
pub use resolved::{LatestQuarter, NamedQuarter, ResolvedRecord, SeriesRow};
pub use runs::{RunCounts, RunRecord, StoreCounts};
pub use signals::{Recorded, StoredSignal};
pub use work::{Claimed, Dirty, Lease, Remaining};

/// A store failure, naming the file or statement involved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("stored row is inconsistent: {0}")]
    Corrupt(String),
    #[error("blob {0} is damaged: its bytes do not match its hash")]
    DamagedBlob(PathBuf),
    #[error("signal {0} has no source facts: refused, an alert must say where its figures come from")]
    NoEvidence(String),
    #[error("database URL: {0}")]
    Url(String),
    #[error("no minewatch store in {0}: pass --data-dir (or set MINEWATCH_DATA_DIR) to the one `ingest` wrote")]
    NoStore(PathBuf),
}

/// The database file inside a data dir.
pub const DATABASE_FILE: &str = "minewatch.db";

/// An open store: a connection pool, its backend and the blob folder.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    blobs: BlobStore,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating and migrating as needed) the SQLite store in `data_dir`.
    pub async fn open(data_dir: &Path) -> Result<Store, StoreError> {
        Store::open_at(&StoreLocation::in_data_dir(data_dir)).await
    }

    /// Opens (creating and migrating as needed) the store at `location`.
    pub async fn open_at(location: &StoreLocation) -> Result<Store, StoreError> {
        let data_dir = &location.data_dir;
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Io { path: data_dir.clone(), source })?;
        let (pool, backend) = backend::connect(location).await?;
        Ok(Store { pool, backend, blobs: BlobStore::new(location.blobs_dir()), data_dir: data_dir.clone() })
    }

    /// Opens the store a run wrote, for a command that only reads it: a SQLite data dir without
    /// one is a mistake ([`StoreError::NoStore`]), not a place to start an empty store.
    pub async fn open_existing(location: &StoreLocation) -> Result<Store, StoreError> {
        if location.url.is_none() && !location.data_dir.join(DATABASE_FILE).is_file() {
            return Err(StoreError::NoStore(location.data_dir.clone()));
        }
        Store::open_at(location).await
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn blobs(&self) -> &BlobStore {
        &self.blobs
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Closes the pool (on SQLite, checkpointing the WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Current time as stored: RFC 3339 UTC, whole seconds.
pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
