//! `[store]`: where the rows and blobs live when not in the data dir, and how long a worker's
//! claim on a piece of work lasts before another process may take it over.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use super::ConfigError;
use super::value::At;

/// How long a claim lasts unless `store.lease_secs` says otherwise: longer than any one
/// document's extraction or webhook delivery, short enough that a dead worker's work is soon redone.
pub const DEFAULT_LEASE_SECS: f64 = 300.0;

/// Validated `[store]` settings.
#[derive(Clone, PartialEq)]
pub struct StoreConfig {
    /// `sqlite://…` or `postgres://…`; `None` is the data dir's SQLite file.
    pub url: Option<String>,
    /// A blob folder every worker sees; `None` is `<data_dir>/blobs`.
    pub blobs: Option<PathBuf>,
    pub lease: Duration,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig { url: None, blobs: None, lease: Duration::from_secs_f64(DEFAULT_LEASE_SECS) }
    }
}

impl std::fmt::Debug for StoreConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreConfig")
            .field("url", &self.url.as_deref().map(redacted))
            .field("blobs", &self.blobs)
            .field("lease", &self.lease)
            .finish()
    }
}

/// A database URL with its password, if any, replaced by `***`.
pub fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((user, host)) => match user.split_once(':') {
                Some((name, _)) => format!("{scheme}://{name}:***@{host}"),
                None => url.to_string(),
            },
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStore {
    url: Option<toml::Spanned<String>>,
    blobs: Option<PathBuf>,
    lease_secs: Option<toml::Spanned<f64>>,
}

/// Checks `[store]`.
pub(super) fn validate(raw: RawStore, at: At) -> Result<StoreConfig, ConfigError> {
    let url = match raw.url {
        Some(url) if crate::store::Backend::of_url(url.get_ref()).is_err() => {
            return Err(at(
                url.span(),
                format!("store.url {}: use sqlite://PATH or postgres://…", redacted(url.get_ref())),
            ));
        }
        url => url.map(toml::Spanned::into_inner),
    };
    let lease = match raw.lease_secs {
        Some(secs) if !(*secs.get_ref() >= 1.0 && *secs.get_ref() <= 86_400.0) => {
            return Err(at(secs.span(), format!("store.lease_secs must be in [1, 86400], got {}", secs.get_ref())));
        }
        Some(secs) => Duration::from_secs_f64(*secs.get_ref()),
        None => Duration::from_secs_f64(DEFAULT_LEASE_SECS),
    };
    Ok(StoreConfig { url, blobs: raw.blobs, lease })
}

#[cfg(test)]
mod tests {
    use super::super::parse_tables;
    use super::*;

    fn parse(table: &str) -> Result<StoreConfig, String> {
        parse_tables(&format!("[store]\n{table}")).map(|config| config.store)
    }

    #[test]
    fn the_store_table_reads_a_url_a_blob_folder_and_a_lease() {
        let config = parse("url = \"postgres://mw@db/mw\"\nblobs = \"/shared/blobs\"\nlease_secs = 30\n").unwrap();
        assert_eq!(config.url.as_deref(), Some("postgres://mw@db/mw"));
        assert_eq!(config.blobs, Some(PathBuf::from("/shared/blobs")));
        assert_eq!(config.lease, Duration::from_secs(30));
        assert_eq!(parse("").unwrap(), StoreConfig::default());
    }

    #[test]
    fn a_wrong_store_table_is_refused_without_showing_the_password() {
        let error = parse("url = \"mysql://mw:hunter2@db/mw\"").unwrap_err();
        assert!(error.contains("mysql://mw:***@db/mw") && !error.contains("hunter2"), "{error}");
        assert!(parse("lease_secs = 0.5").unwrap_err().contains("lease_secs"));
        assert!(parse("lease = 30").is_err(), "unknown keys are refused");
    }

    #[test]
    fn urls_are_shown_without_their_password() {
        assert_eq!(redacted("postgres://mw:hunter2@db:5432/mw"), "postgres://mw:***@db:5432/mw");
        assert_eq!(redacted("postgres://mw@db/mw"), "postgres://mw@db/mw");
        assert_eq!(redacted("sqlite:///data/minewatch.db"), "sqlite:///data/minewatch.db");
        assert!(
            !format!("{:?}", StoreConfig { url: Some("postgres://a:b@c/d".into()), ..StoreConfig::default() })
                .contains(":b@")
        );
    }
}
