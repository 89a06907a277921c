//! The JSON API: search, companies, a company's resolved series, document metadata, health.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use serde::Serialize;

use super::{AppError, AppState, params, signals};
use crate::index::{Query, Results};
use crate::model::FiscalQuarter;
use crate::pipeline;
use crate::store::{DocumentRecord, LatestQuarter, NamedQuarter};

pub(super) async fn healthz(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "indexed_documents": state.index.num_docs() }))
}

/// `GET /api/search?q=&ticker=&form=&from=&to=&limit=&offset=`
pub(super) async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<Results>, AppError> {
    let query = params::search_query(raw.as_deref())?;
    Ok(Json(run_search(&state, query).await?))
}

/// Runs a search off the async threads (ranking and snippets are CPU work).
pub(super) async fn run_search(state: &AppState, query: Query) -> Result<Results, AppError> {
    let index = state.index.clone();
    let results = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))??;
    Ok(results)
}

/// A company of the universe with its latest resolved quarter, if any.
#[derive(Debug, Serialize)]
struct CompanyView<'a> {
    ticker: &'a str,
    name: &'a str,
    cik: u64,
    fiscal_year_end: String,
    latest: Option<LatestQuarter>,
    series: String,
    page: String,
}

/// `GET /api/companies`
pub(super) async fn companies(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let mut latest = state.store.latest_quarters().await?;
    let views: Vec<CompanyView<'_>> = state
        .companies
        .iter()
        .map(|c| CompanyView {
            ticker: &c.ticker,
            name: &c.name,
            cik: c.cik,
            fiscal_year_end: format!("{:02}-{:02}", c.fiscal_year_end.month, c.fiscal_year_end.day),
            latest: latest.iter().position(|l| l.ticker == c.ticker).map(|i| latest.swap_remove(i)),
            series: format!("/api/companies/{}/series", c.ticker),
            page: format!("/companies/{}", c.ticker),
        })
        .collect();
    Ok(Json(serde_json::json!({ "companies": views })))
}

/// A company's resolved quarters and the crossover quarter the detector raised.
#[derive(Debug, Serialize)]
struct SeriesView<'a> {
    ticker: &'a str,
    name: &'a str,
    crossover: Option<FiscalQuarter>,
    quarters: Vec<NamedQuarter>,
}

/// `GET /api/companies/{ticker}/series`
pub(super) async fn series(
    State(state): State<AppState>,
    ticker: Result<Path<String>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let ticker = path_value(ticker)?;
    let company = state.company(&ticker)?;
    let quarters = state.store.named_series(company).await?;
    let raised = signals::crossover(&state, &company.ticker).await?;
    let crossover =
        quarters.iter().find(|q| Some((q.values.fiscal_year, q.values.fiscal_quarter)) == raised).map(|q| q.quarter);
    let view = SeriesView { ticker: &company.ticker, name: &company.name, crossover, quarters };
    serde_json::to_value(&view).map(Json).map_err(|e| AppError::Internal(Box::new(e)))
}

/// `GET /api/companies/{ticker}/lines`: every revenue line as the company reports it, each its
/// own quarterly series with its class and sources.
pub(super) async fn lines(
    State(state): State<AppState>,
    ticker: Result<Path<String>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let ticker = path_value(ticker)?;
    let company = state.company(&ticker)?;
    let lines = pipeline::resolve::lines_of(&state.store, company).await?;
    let view = serde_json::json!({ "ticker": company.ticker, "name": company.name, "lines": lines });
    Ok(Json(view))
}

/// A stored document's metadata and where to fetch its bytes.
#[derive(Debug, Serialize)]
struct DocumentView {
    #[serde(flatten)]
    record: DocumentRecord,
    original: String,
}

/// `GET /api/documents/{id}`
pub(super) async fn document(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<serde_json::Value>, AppError> {
    let record = stored_document(&state, id).await?;
    let view = DocumentView { original: format!("/documents/{}/original", record.id), record };
    serde_json::to_value(&view).map(Json).map_err(|e| AppError::Internal(Box::new(e)))
}

/// The stored document a `{id}` path segment names: 400 unless a number, 404 unless stored.
pub(super) async fn stored_document(
    state: &AppState,
    id: Result<Path<String>, PathRejection>,
) -> Result<DocumentRecord, AppError> {
    let id = path_value(id)?;
    let number: i64 =
        id.parse().map_err(|_| AppError::bad_request(format!("document id must be a number, not {id:?}")))?;
    state.store.document(number).await?.ok_or_else(|| AppError::NotFound(format!("no document {number}")))
}

/// A path parameter, or a 400 saying why it could not be read.
pub(super) fn path_value(value: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    value.map(|Path(v)| v).map_err(|e| AppError::bad_request(e.body_text()))
}

/// Any other path.
pub(super) async fn not_found() -> AppError {
    AppError::NotFound("no such page or endpoint".to_string())
}
