//! Signals as the detector stored them: `GET /api/signals`, the `/signals` page, the Atom feed
//! (`/alerts.atom`, rendered by `alert::feed`), and which quarter a company's chart marks.

use std::fmt::Write;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::html::{Esc, Page};
use super::{AppError, AppState};
use crate::model::SignalKind;
use crate::store::StoredSignal;

/// `GET /api/signals`: every stored signal, oldest first, with its evidence.
pub(super) async fn list(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    Ok(Json(serde_json::json!({ "signals": state.store.signals().await? })))
}

/// `GET /alerts.atom`
pub(super) async fn feed(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let atom = crate::alert::feed(&state.store).await.map_err(|e| AppError::Internal(Box::new(e)))?;
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], atom))
}

/// The quarter of a company's crossover signal that no retraction took back, if any:
/// (fiscal year, fiscal quarter).
pub(super) async fn crossover(state: &AppState, ticker: &str) -> Result<Option<(i32, u8)>, AppError> {
    let raised = state.store.raised_signals(ticker).await?;
    Ok(standing_crossover(raised.iter().map(|s| (s.kind, s.fiscal_year, s.fiscal_quarter))))
}

/// Of one company's raised signals (kind, fiscal year, fiscal quarter), the earliest crossover
/// quarter that no retraction took back.
pub(super) fn standing_crossover(raised: impl Iterator<Item = (SignalKind, i32, u8)>) -> Option<(i32, u8)> {
    let (mut crossovers, mut retracted) = (Vec::new(), Vec::new());
    for (kind, year, quarter) in raised {
        match kind {
            SignalKind::Crossover => crossovers.push((year, quarter)),
            SignalKind::Retraction => retracted.push((year, quarter)),
            SignalKind::Approaching => {}
        }
    }
    crossovers.into_iter().filter(|q| !retracted.contains(q)).min()
}

/// `GET /signals`: newest first, each with its sentence and links to its sources.
pub(super) async fn page(State(state): State<AppState>) -> Page {
    match state.store.signals().await {
        Ok(signals) => Page::ok("Signals", table(&signals)),
        Err(e) => AppError::from(e).into(),
    }
}

fn table(signals: &[StoredSignal]) -> String {
    if signals.is_empty() {
        return "<p>No signals yet.</p>".to_string();
    }
    let mut out = String::from(
        "<p><a href=\"/alerts.atom\">Atom feed</a> · <a href=\"/api/signals\">JSON</a></p><table id=\"signals\"><thead><tr>\
         <th>Raised</th><th>Company</th><th>Signal</th><th>Quarter</th><th>What the figures say</th><th>Sources</th>\
         </tr></thead><tbody>",
    );
    for stored in signals.iter().rev() {
        let s = &stored.signal;
        let _ = write!(
            out,
            "<tr class=\"{}\"><td>{}</td><td><a href=\"/companies/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>",
            Esc(s.kind.as_str()),
            Esc(&stored.raised_at),
            Esc(&s.ticker),
            Esc(&s.company),
            Esc(s.kind.as_str()),
            Esc(&s.quarter),
            Esc(&crate::alert::text(s))
        );
        let mut linked: Vec<i64> = Vec::new();
        for e in &s.evidence.sources {
            if linked.contains(&e.document_id) {
                continue;
            }
            linked.push(e.document_id);
            let _ = write!(
                out,
                "<a class=\"source\" href=\"/documents/{}/original\" title=\"{}\">{}</a> ",
                e.document_id,
                Esc(&e.label),
                Esc(e.form.as_deref().unwrap_or("document"))
            );
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}
