//! The HTML pages: search (`/search`) and a company (`/companies/{ticker}`). Every value that came from
//! a filing or from the request goes through [`Esc`]; a failure is shown as a page with its status.

use std::fmt::Write;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};

use super::api::{path_value, run_search};
use super::html::{Esc, Page, millions, snippet};
use super::{AppError, AppState, chart, evidence, params, signals};
use crate::index::{FacetCount, Query, Results};
use crate::model::Segment;
use crate::store::NamedQuarter;

/// A failure shown as a page: the status and the public message.
impl From<AppError> for Page {
    fn from(e: AppError) -> Page {
        Page {
            status: e.status(),
            title: "Error".to_string(),
            body: format!("<p class=\"error\">{}</p>", Esc(&e.public_message())),
        }
    }
}

/// `GET /search`: the search form, and the results when a search was asked for.
pub(super) async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let query = match params::search_query(raw.as_deref()) {
        Ok(query) => query,
        Err(e) => return Page::from(e).into_response(),
    };
    let mut body = form(&state, &query);
    let asked = raw.as_deref().is_some_and(|r| !r.is_empty());
    let mut status = axum::http::StatusCode::OK;
    if asked {
        match run_search(&state, query.clone()).await {
            Ok(results) => results_html(&mut body, &query, &results),
            Err(e) => {
                status = e.status();
                let _ = write!(body, "<p class=\"error\">{}</p>", Esc(&e.public_message()));
            }
        }
    }
    Page { status, title: "Search filings".to_string(), body }.into_response()
}

fn form(state: &AppState, query: &Query) -> String {
    let mut out = String::from("<form class=\"search\" method=\"get\" action=\"/search\">");
    let _ = write!(
        out,
        "<label>Query<input name=\"q\" type=\"search\" value=\"{}\" placeholder=\"&quot;HPC lease revenue&quot;\"></label>\
         <label>Company<select name=\"ticker\"><option value=\"\">any</option>",
        Esc(&query.text)
    );
    for c in state.companies.iter() {
        let selected = if query.tickers.iter().any(|t| t.eq_ignore_ascii_case(&c.ticker)) { " selected" } else { "" };
        let _ = write!(
            out,
            "<option value=\"{}\"{selected}>{} — {}</option>",
            Esc(&c.ticker),
            Esc(&c.ticker),
            Esc(&c.name)
        );
    }
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let _ = write!(
        out,
        "</select></label><label>Form<input name=\"form\" value=\"{}\" size=\"7\" placeholder=\"10-Q\"></label>\
         <label>Filed from<input name=\"from\" type=\"date\" value=\"{}\"></label>\
         <label>to<input name=\"to\" type=\"date\" value=\"{}\"></label><button type=\"submit\">Search</button></form>",
        Esc(query.forms.first().map_or("", String::as_str)),
        date(query.from),
        date(query.to)
    );
    out
}

fn results_html(out: &mut String, query: &Query, results: &Results) {
    let first = query.offset + 1;
    let last = query.offset + results.hits.len();
    let _ = write!(out, "<p id=\"summary\">{} documents", results.total);
    if !results.hits.is_empty() {
        let _ = write!(out, "; showing {first}–{last}");
    }
    out.push_str("</p>");
    facets(out, query, "ticker", &results.tickers);
    facets(out, query, "form", &results.forms);
    out.push_str("<ol class=\"hits\">");
    for (rank, hit) in (first..).zip(&results.hits) {
        let d = &hit.document;
        let _ = write!(
            out,
            "<li class=\"hit\" value=\"{}\"><a class=\"title\" href=\"/documents/{}/original\">{}</a>\
             <div class=\"meta\"><a href=\"/companies/{}\">{}</a> {} · {} · filed {} · <a href=\"/api/documents/{}\">metadata</a></div>\
             <div class=\"snippet\">{}</div></li>",
            rank,
            d.id,
            Esc(&hit.heading),
            Esc(&d.ticker),
            Esc(&d.ticker),
            Esc(&d.company),
            Esc(d.form.as_deref().unwrap_or("—")),
            d.filed.map(|f| f.to_string()).unwrap_or_default(),
            d.id,
            snippet(&hit.snippet)
        );
    }
    out.push_str("</ol><p class=\"paging\">");
    if query.offset > 0 {
        let back = query.offset.saturating_sub(query.limit);
        let _ =
            write!(out, "<a rel=\"prev\" href=\"/search?{}\">← previous</a> ", Esc(&params::query_string(query, back)));
    }
    let next = query.offset + query.limit;
    if next < results.total && next <= params::MAX_OFFSET {
        let _ = write!(out, "<a rel=\"next\" href=\"/search?{}\">next →</a>", Esc(&params::query_string(query, next)));
    }
    out.push_str("</p>");
}

/// Hit counts per value, each a link narrowing the search to it.
fn facets(out: &mut String, query: &Query, key: &str, counts: &[FacetCount]) {
    if counts.is_empty() {
        return;
    }
    let _ = write!(out, "<p class=\"facets\">{key}: ");
    for f in counts {
        let mut narrowed = query.clone();
        match key {
            "ticker" => narrowed.tickers = vec![f.value.clone()],
            _ => narrowed.forms = vec![f.value.clone()],
        }
        let _ = write!(
            out,
            "<a href=\"/search?{}\">{}</a> {} · ",
            Esc(&params::query_string(&narrowed, 0)),
            Esc(&f.value),
            f.count
        );
    }
    out.push_str("</p>");
}

/// `GET /companies/{ticker}`: the chart and the facts table with links to every source.
pub(super) async fn company(State(state): State<AppState>, ticker: Result<Path<String>, PathRejection>) -> Page {
    match company_page(&state, ticker).await {
        Ok(page) => page,
        Err(e) => e.into(),
    }
}

async fn company_page(state: &AppState, ticker: Result<Path<String>, PathRejection>) -> Result<Page, AppError> {
    let ticker = path_value(ticker)?;
    let company = state.company(&ticker)?;
    let quarters = state.store.named_series(company).await?;
    let mut body = format!(
        "<p>CIK {} · <a href=\"/search?{}\">search its filings</a> · <a href=\"/api/companies/{}/series\">JSON</a></p>",
        company.cik,
        Esc(&params::query_string(&Query { tickers: vec![company.ticker.clone()], ..Query::new("") }, 0)),
        Esc(&company.ticker)
    );
    body.push_str(&chart::svg(&quarters, signals::crossover(state, &company.ticker).await?));
    facts_table(&mut body, &company.ticker, &quarters);
    Ok(Page::ok(format!("{} ({})", company.name, company.ticker), body))
}

/// The quarters newest first; each figure links to where it was read (`evidence`).
fn facts_table(out: &mut String, ticker: &str, quarters: &[NamedQuarter]) {
    let ticker = Esc(ticker);
    if quarters.is_empty() {
        return;
    }
    out.push_str(
        "<h2>Resolved revenue by quarter</h2><div class=\"wide\"><table id=\"facts\"><thead><tr><th>Quarter</th><th>Period</th><th>Mining</th>\
         <th>HPC</th><th>Hosting</th><th>Other</th><th>Total</th><th>Sources</th></tr></thead><tbody>",
    );
    for q in quarters.iter().rev() {
        let marks = match (q.values.derived, q.values.disagreement) {
            (true, true) => " (derived; sources disagree)",
            (true, false) => " (derived)",
            (false, true) => " (sources disagree)",
            (false, false) => "",
        };
        let at = evidence::quarter_segment(q);
        let _ = write!(
            out,
            "<tr><td><a href=\"/companies/{ticker}/quarters/{at}\">{}</a>{marks}</td><td>{} – {}</td>",
            Esc(&q.quarter.to_string()),
            q.values.period.start,
            q.values.period.end,
        );
        for segment in Segment::ALL {
            match q.values.value(segment) {
                Some(_) => {
                    let _ = write!(
                        out,
                        "<td><a class=\"figure\" href=\"/companies/{ticker}/quarters/{at}#{segment}\" title=\"where it was read\">{}</a></td>",
                        millions(q.values.value(segment))
                    );
                }
                None => out.push_str("<td>—</td>"),
            }
        }
        out.push_str("<td>");
        sources(out, q);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
}

/// One link per document a chosen value came from, titled with what it said.
fn sources(out: &mut String, q: &NamedQuarter) {
    let mut documents: Vec<(i64, String, Vec<String>)> = Vec::new();
    for segment in Segment::ALL {
        for s in q.sources.get(&segment).into_iter().flatten().filter(|s| s.chosen) {
            let said = format!("{segment}: {} {}", s.labels.join(" + "), millions(Some(s.value_usd)));
            match documents.iter_mut().find(|(id, ..)| *id == s.document_id) {
                Some((.., lines)) => lines.push(said),
                None => documents.push((s.document_id, s.form.clone(), vec![said])),
            }
        }
    }
    for (id, form, lines) in documents {
        let _ = write!(
            out,
            "<a class=\"source\" href=\"/documents/{id}/original\" title=\"{}\">{}</a> ",
            Esc(&lines.join("; ")),
            Esc(&form)
        );
    }
}
