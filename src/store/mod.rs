//! The store: SQLite (sqlx, WAL, embedded migrations) for rows, a blob folder for raw bytes.
//!
//! Only this module talks SQL; every statement is a file in `queries/`.

mod alerts;
mod blobs;
mod companies;
mod documents;
mod facts;
mod failures;
mod resolved;
mod runs;
mod signals;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use alerts::{AlertFilter, AlertRecord, AlertStatus};
pub use blobs::{BlobStore, sha256_hex};
pub use companies::CompanyRecord;
pub use documents::{DocumentRecord, NewDocument, Validators};
pub use facts::StoredFact;
pub use failures::FetchFailure;
pub use resolved::{LatestQuarter, NamedQuarter, ResolvedRecord, SeriesRow};
pub use runs::{RunCounts, RunRecord, StoreCounts};
pub use signals::{Recorded, StoredSignal};

use crate::model::Company;

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
    #[error("no minewatch store in {0}: pass --data-dir (or set MINEWATCH_DATA_DIR) to the one `ingest` wrote")]
    NoStore(PathBuf),
}

/// The database file inside a data dir.
pub const DATABASE_FILE: &str = "minewatch.db";

/// An open store: a connection pool and the blob folder.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    blobs: BlobStore,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating and migrating as needed) the store in `data_dir`.
    pub async fn open(data_dir: &Path) -> Result<Store, StoreError> {
        Store::connect(data_dir).await
    }

    /// Opens the store a run wrote in `data_dir`, for a command that only reads it: a folder
    /// without one is a mistake ([`StoreError::NoStore`]), not a place to start an empty store.
    pub async fn open_existing(data_dir: &Path) -> Result<Store, StoreError> {
        if !data_dir.join(DATABASE_FILE).is_file() {
            return Err(StoreError::NoStore(data_dir.to_path_buf()));
        }
        Store::connect(data_dir).await
    }

    async fn connect(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Io { path: data_dir.to_path_buf(), source })?;
        let db = data_dir.join(DATABASE_FILE);
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&db)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store { pool, blobs: BlobStore::new(data_dir.join("blobs")), data_dir: data_dir.to_path_buf() })
    }

    pub fn blobs(&self) -> &BlobStore {
        &self.blobs
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Inserts or refreshes the universe's companies.
    pub async fn upsert_companies(&self, companies: &[Company]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for c in companies {
            sqlx::query(include_str!("../../queries/company_upsert.sql"))
                .bind(&c.ticker)
                .bind(&c.name)
                .bind(c.cik as i64)
                .bind(format!("{:02}-{:02}", c.fiscal_year_end.month, c.fiscal_year_end.day))
                .bind(match c.filer_kind {
                    crate::model::FilerKind::Domestic => "domestic",
                    crate::model::FilerKind::Foreign => "foreign",
                })
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Current time as stored: RFC 3339 UTC, whole seconds.
pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
