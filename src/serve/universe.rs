//! The universe page (`/`, the home page): every company at a glance — who is pivoting, how
//! fast, who is next — so that the first question the product answers is answered on arrival.
//!
//! One row per company: a small chart of HPC's share per quarter with the crossover marked
//! (`spark`), the latest quarter's lines and total, the change in share since the quarter before,
//! and the company's signals flagged (approaching; new, when a signal speaks of its latest
//! quarter). Sortable by share, by change and by latest report (`?sort=`). Below, apart, the
//! candidates discovery raised outside the universe (`candidates`). Rendering is a pure
//! function of the rows ([`render`]), benched for 500 companies × 16 quarters (`benches/universe.rs`).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::html::{Esc, Page, millions};
use super::{AppError, AppState, candidates, signals, spark};
use crate::model::{FiscalQuarter, RaisedSignal, SignalKind};
use crate::store::SeriesRow;

/// How the rows are ordered: each puts the most pivoted first, companies without figures last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// HPC's share of the latest quarter, highest first.
    #[default]
    Share,
    /// The change in share since the quarter before, largest rise first.
    Change,
    /// The latest quarter reported, most recent first.
    Latest,
}

impl Sort {
    const ALL: [Sort; 3] = [Sort::Share, Sort::Change, Sort::Latest];

    fn as_str(self) -> &'static str {
        match self {
            Sort::Share => "share",
            Sort::Change => "change",
            Sort::Latest => "latest",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Sort::Share => "HPC share",
            Sort::Change => "Change",
            Sort::Latest => "Latest report",
        }
    }
}

/// One company of the universe with its resolved quarters, oldest first.
#[derive(Debug, Clone)]
pub struct CompanyRow {
    pub ticker: String,
    pub name: String,
    pub quarters: Vec<(FiscalQuarter, SeriesRow)>,
    /// The crossover the detector raised and no retraction took back.
    pub crossover: Option<(i32, u8)>,
    /// An approaching signal stands for the company.
    pub approaching: bool,
    /// Some signal speaks of the company's latest quarter.
    pub new_signal: bool,
}

impl CompanyRow {
    fn latest(&self) -> Option<&(FiscalQuarter, SeriesRow)> {
        self.quarters.last()
    }

    /// HPC's share of the latest quarter.
    fn share(&self) -> Option<f64> {
        self.latest().and_then(|(_, row)| share(row))
    }

    /// The change in share since the quarter before, when both are known.
    fn change(&self) -> Option<f64> {
        let [.., (_, before), (_, latest)] = self.quarters.as_slice() else { return None };
        Some(share(latest)? - share(before)?)
    }
}

/// HPC ÷ (HPC + mining + hosting) of one quarter, as `facts` and the detector's default rule read it.
pub(super) fn share(row: &SeriesRow) -> Option<f64> {
    let hpc = row.hpc.unwrap_or(0) as f64;
    let whole = hpc + row.mining.unwrap_or(0) as f64 + row.hosting.unwrap_or(0) as f64;
    (whole > 0.0).then(|| hpc / whole)
}

/// `GET /?sort=share|change|latest`; an old search link (`/?q=…`) is sent on to `/search`.
pub(super) async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = raw.unwrap_or_default();
    let mut sort = Sort::default();
    for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
        match (key.as_ref(), Sort::ALL.into_iter().find(|s| s.as_str() == value)) {
            ("sort", Some(chosen)) => sort = chosen,
            ("sort", None) => {
                let e = AppError::bad_request(format!("sort must be share, change or latest, not {value:?}"));
                return Page::from(e).into_response();
            }
            _ => return Redirect::permanent(&format!("/search?{raw}")).into_response(),
        }
    }
    let raised = state.store.candidates().await.map_err(AppError::from);
    match (rows(&state).await, raised) {
        (Ok(mut rows), Ok(raised)) => {
            let body = render(&mut rows, sort) + &candidates::section(&raised);
            Page::ok("The universe", body).into_response()
        }
        (Err(e), _) | (_, Err(e)) => Page::from(e).into_response(),
    }
}

/// Every company of the universe with its series and signals, in the config's order: two
/// queries, however many companies.
pub async fn rows(state: &AppState) -> Result<Vec<CompanyRow>, AppError> {
    let mut raised: HashMap<String, Vec<RaisedSignal>> = HashMap::new();
    for signal in state.store.all_raised_signals().await? {
        raised.entry(signal.ticker.clone()).or_default().push(signal);
    }
    let mut series = state.store.all_series().await?;
    let rows = state.companies.iter().map(|company| {
        let quarters: Vec<(FiscalQuarter, SeriesRow)> = series
            .remove(&company.ticker)
            .unwrap_or_default()
            .into_iter()
            .map(|row| (FiscalQuarter::new(row.fiscal_year, row.fiscal_quarter, company.fiscal_year_end), row))
            .collect();
        let latest = quarters.last().map(|(q, _)| (q.fiscal_year, q.quarter));
        let of_company = || raised.get(&company.ticker).into_iter().flatten();
        CompanyRow {
            ticker: company.ticker.clone(),
            name: company.name.clone(),
            crossover: signals::standing_crossover(of_company().map(|s| (s.kind, s.fiscal_year, s.fiscal_quarter))),
            approaching: of_company().any(|s| s.kind == SignalKind::Approaching),
            new_signal: of_company().any(|s| Some((s.fiscal_year, s.fiscal_quarter)) == latest),
            quarters,
        }
    });
    Ok(rows.collect())
}

/// The page's body: the sort links and one table row per company, sorted by `sort`.
pub fn render(rows: &mut [CompanyRow], sort: Sort) -> String {
    rows.sort_by(|a, b| order(a, b, sort).then_with(|| a.ticker.cmp(&b.ticker)));
    let mut out = String::with_capacity(2_048 * (rows.len() + 1));
    out.push_str(
        "<p>HPC's share of revenue (HPC ÷ HPC + mining + hosting) per quarter; a red line marks a crossover. \
         <a href=\"/api/series.csv\">Download the series (CSV)</a> · <a href=\"/api/signals.csv\">signals (CSV)</a></p>\
         <div class=\"wide\"><table id=\"universe\"><thead><tr><th>Company</th><th>Share per quarter</th>",
    );
    for column in Sort::ALL {
        let current = if column == sort { " aria-sort=\"descending\"" } else { "" };
        let _ = write!(out, "<th{current}><a href=\"/?sort={}\">{}</a></th>", column.as_str(), column.heading());
    }
    out.push_str("<th>Mining</th><th>HPC</th><th>Hosting</th><th>Total</th><th>Signals</th></tr></thead><tbody>");
    for row in rows.iter() {
        company_row(&mut out, row);
    }
    out.push_str("</tbody></table></div>");
    out
}

fn order(a: &CompanyRow, b: &CompanyRow, sort: Sort) -> Ordering {
    // Highest first, the unknown last.
    let desc = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (x, y) => y.is_some().cmp(&x.is_some()),
    };
    match sort {
        Sort::Share => desc(a.share(), b.share()),
        Sort::Change => desc(a.change(), b.change()),
        Sort::Latest => {
            let end = |r: &CompanyRow| r.latest().map(|(_, row)| row.period.end);
            match (end(a), end(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (x, y) => y.is_some().cmp(&x.is_some()),
            }
        }
    }
}

fn company_row(out: &mut String, row: &CompanyRow) {
    let _ = write!(
        out,
        "<tr data-ticker=\"{}\"><td><a href=\"/companies/{}\"><b>{}</b></a> {}</td><td>{}</td><td class=\"share\">{}</td>\
         <td class=\"change\">{}</td>",
        Esc(&row.ticker),
        Esc(&row.ticker),
        Esc(&row.ticker),
        Esc(&row.name),
        spark::svg(&row.quarters, row.crossover),
        row.share().map_or("—".to_string(), |s| format!("{:.0}%", s * 100.0)),
        row.change().map_or("—".to_string(), |c| format!("{:+.0} pts", c * 100.0)),
    );
    match row.latest() {
        Some((quarter, r)) => {
            let _ = write!(
                out,
                "<td>{} <small>to {}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
                Esc(&quarter.to_string()),
                r.period.end,
                millions(r.mining),
                millions(r.hpc),
                millions(r.hosting),
                millions(r.total)
            );
        }
        None => out.push_str("<td colspan=\"5\">no quarterly revenue figures yet</td>"),
    }
    out.push_str("<td class=\"flags\">");
    if let Some((q, _)) = row.quarters.iter().find(|(_, r)| Some((r.fiscal_year, r.fiscal_quarter)) == row.crossover) {
        let _ = write!(out, "<span class=\"flag crossover\">crossover {}</span> ", Esc(&q.to_string()));
    }
    if row.approaching {
        out.push_str("<span class=\"flag approaching\">approaching</span> ");
    }
    if row.new_signal {
        out.push_str("<span class=\"flag new\">new</span>");
    }
    out.push_str("</td></tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn row(ticker: &str, shares: &[(i64, i64)], end_year: i32) -> CompanyRow {
        let quarters = shares
            .iter()
            .enumerate()
            .map(|(i, &(hpc, mining))| {
                let q = u8::try_from(i % 4 + 1).unwrap_or(1);
                let end = chrono::NaiveDate::from_ymd_opt(end_year, 3 * u32::from(q), 28).unwrap_or_default();
                let values = SeriesRow {
                    fiscal_year: end_year,
                    fiscal_quarter: q,
                    period: Period { start: end, end },
                    mining: Some(mining),
                    hpc: Some(hpc),
                    hosting: None,
                    other: None,
                    total: Some(hpc + mining),
                    derived: false,
                    disagreement: false,
                };
                (FiscalQuarter { fiscal_year: end_year, quarter: q, calendar: true }, values)
            })
            .collect();
        CompanyRow {
            ticker: ticker.into(),
            name: format!("{ticker} Inc."),
            quarters,
            crossover: None,
            approaching: false,
            new_signal: false,
        }
    }

    fn tickers(html: &str) -> Vec<&str> {
        html.split("<tr data-ticker=\"").skip(1).filter_map(|r| r.split('"').next()).collect()
    }

    #[test]
    fn sorts_by_share_change_and_latest_with_the_unknown_last() {
        let mut rows = vec![
            row("SLOW", &[(10, 90), (20, 80)], 2026),
            row("FAST", &[(0, 100), (60, 40)], 2025),
            row("NONE", &[], 2026),
            row("HIGH", &[(70, 30), (75, 25)], 2024),
        ];
        assert_eq!(tickers(&render(&mut rows, Sort::Share)), ["HIGH", "FAST", "SLOW", "NONE"]);
        assert_eq!(tickers(&render(&mut rows, Sort::Change)), ["FAST", "SLOW", "HIGH", "NONE"]);
        assert_eq!(tickers(&render(&mut rows, Sort::Latest)), ["SLOW", "FAST", "HIGH", "NONE"]);
        let html = render(&mut rows, Sort::Share);
        assert!(html.contains("<td class=\"change\">+60 pts</td>"), "{html}");
        assert!(html.contains("no quarterly revenue figures yet"), "{html}");
    }

    #[test]
    fn flags_the_crossover_approaching_and_new_signals() {
        let mut marked = row("WULF", &[(10, 90), (60, 40)], 2026);
        marked.crossover = Some((2026, 2));
        marked.approaching = true;
        marked.new_signal = true;
        let html = render(&mut [marked], Sort::Share);
        for flag in ["crossover Q2 2026</span>", "class=\"flag approaching\"", "class=\"flag new\""] {
            assert!(html.contains(flag), "{flag}: {html}");
        }
    }
}
