//! Which database holds the rows, chosen by URL: SQLite in the data dir unless a `postgres://`
//! URL is given, each with its own migrations and the statements where the dialects differ.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AnyPool, ConnectOptions, Executor};

use super::{DATABASE_FILE, StoreError};

/// The database engine behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// One file in the data dir: one machine, the embedded default.
    Sqlite,
    /// A server that processes on many machines share.
    Postgres,
}

/// Where a store lives: its data dir (search index, locks, alert files, and by default the SQLite
/// file and the blobs), an optional database URL, and an optional shared blob folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreLocation {
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; `None` is the data dir's SQLite file.
    pub url: Option<String>,
    /// The content-addressed blob folder; `None` is `<data_dir>/blobs`. Workers on several
    /// machines point this at one shared folder.
    pub blobs: Option<PathBuf>,
}

impl StoreLocation {
    /// The embedded default: everything in `data_dir`.
    pub fn in_data_dir(data_dir: &Path) -> StoreLocation {
        StoreLocation { data_dir: data_dir.to_path_buf(), url: None, blobs: None }
    }

    pub fn blobs_dir(&self) -> PathBuf {
        self.blobs.clone().unwrap_or_else(|| self.data_dir.join("blobs"))
    }
}

impl Backend {
    /// The backend a database URL names; the error shows the scheme only (URLs carry passwords).
    pub fn of_url(url: &str) -> Result<Backend, StoreError> {
        let scheme = url.split_once(':').map_or(url, |(scheme, _)| scheme);
        match scheme {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StoreError::Url(format!(
                "unknown database scheme {scheme:?}: use sqlite://PATH or postgres://USER@HOST/DB"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    fn migrator(self) -> &'static Migrator {
        static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
        static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
        match self {
            Backend::Sqlite => &SQLITE,
            Backend::Postgres => &POSTGRES,
        }
    }
}

/// The statement `queries/<backend>/<name>` for this store's backend, for the few whose
/// dialects differ.
macro_rules! dialect {
    ($backend:expr, $name:literal) => {
        match $backend {
            $crate::store::Backend::Sqlite => include_str!(concat!("../../queries/sqlite/", $name)),
            $crate::store::Backend::Postgres => include_str!(concat!("../../queries/postgres/", $name)),
        }
    };
}
pub(super) use dialect;

/// Connects and migrates: a SQLite file is created in WAL mode; a PostgreSQL database must
/// exist (`createdb`), and its tables are created on first use.
pub(super) async fn connect(location: &StoreLocation) -> Result<(AnyPool, Backend), StoreError> {
    sqlx::any::install_default_drivers();
    let url = match &location.url {
        Some(url) => url.clone(),
        None => SqliteConnectOptions::new()
            .filename(location.data_dir.join(DATABASE_FILE))
            .create_if_missing(true)
            .to_url_lossy()
            .to_string(),
    };
    let backend = Backend::of_url(&url)?;
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(60));
    let pool = match backend {
        Backend::Sqlite => {
            options
                .max_connections(4)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        conn.execute(include_str!("../../queries/sqlite/session.sql")).await?;
                        Ok(())
                    })
                })
                .connect(&url)
                .await?
        }
        Backend::Postgres => options.max_connections(8).connect(&url).await?,
    };
    backend.migrator().run(&pool).await?;
    Ok((pool, backend))
}
