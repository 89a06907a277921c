//! The CSV exports over HTTP: `GET /api/series.csv[?ticker=…]` and `GET /api/signals.csv`, written
//! by `crate::export` as `facts --csv` and `signals --csv` write them, and served as downloads.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::IntoResponse;

use super::{AppError, AppState};
use crate::export;
use crate::model::Company;

/// `GET /api/series.csv?ticker=`: every company's series, or those of the tickers named.
pub(super) async fn series(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, AppError> {
    let companies = chosen(&state, raw.as_deref())?;
    Ok(download("series.csv", export::series(&state.store, &companies).await?))
}

/// `GET /api/signals.csv`
pub(super) async fn signals(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    Ok(download("signals.csv", export::signals(&state.store, &state.companies).await?))
}

/// The companies `ticker=` names (repeatable), else the whole universe; an unknown one is a 404.
fn chosen(state: &AppState, raw: Option<&str>) -> Result<Vec<Company>, AppError> {
    let mut companies = Vec::new();
    for (key, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "ticker" if value.trim().is_empty() => {}
            "ticker" => companies.push(state.company(value.trim())?.clone()),
            other => return Err(AppError::bad_request(format!("unknown parameter {other:?} (known: ticker)"))),
        }
    }
    Ok(if companies.is_empty() { state.companies.to_vec() } else { companies })
}

fn download(name: &str, body: String) -> impl IntoResponse {
    let disposition = format!("attachment; filename=\"minewatch-{name}\"");
    ([(header::CONTENT_TYPE, export::CONTENT_TYPE.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
}
