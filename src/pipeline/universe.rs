//! The universe a run follows is the store's, not the config's: `companies.toml` seeds it, and
//! [`follow`]/[`unfollow`] change it without a config edit. Every driver that runs stages over
//! the universe takes its config through here, so all of them see the same companies.

use crate::config::{Config, Pivot};
use crate::crawl::filer::{self, FilerError, FilerId};
use crate::crawl::http::{HttpClient, HttpError};
use crate::model::{Company, PivotRule};
use crate::store::{Store, StoreError};

/// Why a company could not be followed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FollowError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("following {id}: {source}")]
    Filer { id: String, source: FilerError },
}

/// Seeds the store with the config's companies, then [`read`]s the universe (for a run that
/// writes: ingest, watch).
pub async fn adopt(config: &Config, store: &Store) -> Result<Config, StoreError> {
    store.upsert_companies(&config.companies).await?;
    read(config, store).await
}

/// The config over the store's followed universe, with the config's label overrides and press
/// sources and the pivot rules `follow --pivot` added beside the config's (for commands that only
/// read the store, and for each pass of a worker).
pub async fn read(config: &Config, store: &Store) -> Result<Config, StoreError> {
    let stored = store.pivots().await?.into_iter().map(|(ticker, rule)| Pivot { company: Some(ticker), rule });
    Ok(config.with_universe(store.followed().await?.into_iter().map(|m| m.company)).with_pivots(stored))
}

/// Follows the filer `id` names: read from EDGAR (its company list and submissions JSON, two
/// requests within the shared rate limit) and stored, followed, with `pivots` added to its pivot
/// rules. A CIK the store already knows keeps its ticker there, so the config's spelling of a
/// seeded company is not doubled. A candidate discovery raised for the filer is promoted: marked
/// followed under the ticker.
pub async fn follow(
    config: &Config,
    store: &Store,
    id: &FilerId,
    pivots: &[PivotRule],
) -> Result<Company, FollowError> {
    let http = HttpClient::new(&config.crawl)?.paced_by(store.clone());
    let mut company =
        filer::lookup(&http, id).await.map_err(|source| FollowError::Filer { id: id.to_string(), source })?;
    let known = store.companies().await?.into_iter().find(|c| u64::try_from(c.cik).is_ok_and(|cik| cik == company.cik));
    if let Some(known) = known {
        company.ticker = known.ticker;
    }
    store.follow(&company).await?;
    store.candidate_followed(company.cik, &company.ticker).await?;
    for rule in pivots {
        store.add_pivot(&company.ticker, rule).await?;
    }
    Ok(company)
}

/// Stops following `ticker` (its documents and series stay); false when it was not followed.
pub async fn unfollow(store: &Store, ticker: &str) -> Result<bool, StoreError> {
    store.unfollow(&ticker.trim().to_ascii_uppercase()).await
}
