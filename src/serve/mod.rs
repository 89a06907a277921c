//! `minewatch serve`: the JSON API, the Atom feed and server-rendered HTML pages over the store
//! and the search index.
//!
//! Analysts who do not live in a terminal need to see the pivot: a search box over every filing,
//! a page per company charting mining against HPC revenue, and the signals. The server only reads:
//! a nightly `minewatch ingest` in another process writes the same data dir meanwhile (SQLite in
//! WAL mode lets readers and the writer pass each other; the index reader follows the writer's
//! commits). Only this module talks axum.
//!
//! The company chart marks the crossover the detector raised (and no retraction took back), so the
//! page and the alerts never disagree about it.
//!
//! - `api`: the JSON endpoints; `params`: query strings → validated search queries.
//! - `universe`: the home page, every company at a glance; `spark`: its small share chart;
//!   `candidates`: the filers discovery raised, listed apart (and as JSON).
//! - `pages`: search and company pages; `html`: escaping and the page frame; `chart`: the company SVG.
//! - `signals`: the signals as JSON, as a page and as an Atom feed; `csv`: the CSV exports.
//! - `evidence`: one quarter's figures with every source and the passage each was read from.
//! - `original`: a stored document's bytes, served so that the browser never runs them.
//! - `auth`: the optional bearer token; `error`: what a failure tells the client.

mod api;
mod auth;
mod candidates;
mod chart;
mod csv;
mod error;
mod evidence;
mod html;
mod original;
mod pages;
mod params;
mod signals;
mod spark;
pub mod universe;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;

pub use error::AppError;

use crate::config::Config;
use crate::index::{self, IndexError, SearchIndex};
use crate::model::Company;
use crate::pipeline;
use crate::store::{Store, StoreError};

/// Where `minewatch serve` listens unless told otherwise: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("listening on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// What every handler reads: the store, the index, the universe and the token.
#[derive(Debug, Clone)]
pub struct AppState {
    store: Store,
    index: SearchIndex,
    companies: Arc<[Company]>,
    token: Option<Arc<str>>,
}

impl AppState {
    /// The state over an open store and the universe it follows (the config's companies seeded
    /// into it, then read once: a company followed later is served after a restart): repairs the index (unless an ingest is writing it) and
    /// opens a reader that follows later commits. `token` is `Config::serve.token()`, or `None`.
    pub async fn open(store: Store, config: &Config, token: Option<String>) -> Result<AppState, ServeError> {
        let (index, report) = index::open_repaired(&store).await?;
        if report.counts.indexed > 0 {
            tracing::info!(indexed = report.counts.indexed, "indexed stored documents before serving");
        }
        // Seeded as a run seeds it, so a server started before the first ingest knows the config's companies.
        let companies = pipeline::universe::adopt(config, &store).await?.companies;
        Ok(AppState {
            store,
            index: index.following_commits()?,
            companies: companies.into(),
            token: token.map(Into::into),
        })
    }

    /// The company of the universe with this ticker (case-insensitive).
    fn company(&self, ticker: &str) -> Result<&Company, AppError> {
        self.companies
            .iter()
            .find(|c| c.ticker.eq_ignore_ascii_case(ticker))
            .ok_or_else(|| AppError::NotFound(format!("no company with ticker {ticker:?}")))
    }
}

/// Every route, behind the token check when a token is set.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/api/search", get(api::search))
        .route("/api/companies", get(api::companies))
        .route("/api/companies/{ticker}/series", get(api::series))
        .route("/api/companies/{ticker}/lines", get(api::lines))
        .route("/api/signals", get(signals::list))
        .route("/api/candidates", get(candidates::list))
        .route("/api/series.csv", get(csv::series))
        .route("/api/signals.csv", get(csv::signals))
        .route("/api/documents/{id}", get(api::document))
        .route("/alerts.atom", get(signals::feed))
        .route("/documents/{id}/original", get(original::original))
        .route("/", get(universe::page))
        .route("/search", get(pages::search))
        .route("/companies/{ticker}", get(pages::company))
        .route("/companies/{ticker}/quarters/{quarter}", get(evidence::page))
        .route("/signals", get(signals::page))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_token))
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `stop` resolves, then lets the requests under way
/// finish. The caller owns the signal (`minewatch serve` stops on Ctrl-C), so tests and benches
/// serve until they drop the runtime.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    Ok(axum::serve(listener, app(state)).with_graceful_shutdown(stop).await?)
}

/// Binds `addr` (loopback unless told otherwise).
pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })
}
