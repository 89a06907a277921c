//! Candidates: filers outside the universe that `watch --discover` raised, as JSON
//! (`/api/candidates`) and as a section of the universe page, listed apart from the companies
//! followed — each with the line that made it one, why, its figures and the filing.

use std::fmt::Write;

use axum::Json;
use axum::extract::State;

use super::html::{Esc, millions};
use super::{AppError, AppState};
use crate::model::Candidate;

/// `GET /api/candidates`: every candidate, in the order raised.
pub(super) async fn list(State(state): State<AppState>) -> Result<Json<Vec<Candidate>>, AppError> {
    Ok(Json(state.store.candidates().await?))
}

/// The universe page's candidates section (none: a line saying how to find them).
pub fn section(candidates: &[Candidate]) -> String {
    let mut out = String::from("<h2 id=\"candidates\">Candidates outside the universe</h2>");
    if candidates.is_empty() {
        out.push_str(
            "<p>No candidates yet: <code>minewatch watch --discover</code> reads other filers' periodic filings.</p>",
        );
        return out;
    }
    out.push_str(
        "<p>Filers whose revenue lines speak of AI, HPC or data centers; <code>minewatch follow CIK</code> adds one. \
         <a href=\"/api/candidates\">JSON</a></p><div class=\"wide\"><table id=\"candidates-table\"><thead><tr>\
         <th>Filer</th><th>Line</th><th>Why</th><th>Figures</th><th>Filing</th></tr></thead><tbody>",
    );
    for c in candidates {
        let f = &c.filing;
        let followed = c.followed.as_deref().map_or(String::new(), |t| {
            format!(" <span class=\"flag followed\">followed as <a href=\"/companies/{0}\">{0}</a></span>", Esc(t))
        });
        let figures: Vec<String> = c
            .figures
            .iter()
            .map(|x| format!("{} <small>to {}</small>", millions(Some(x.value_usd)), x.period.end))
            .collect();
        let _ = write!(
            out,
            "<tr data-cik=\"{}\"><td><b>{}</b> <small>CIK {}</small>{followed}</td><td>{}</td><td>{} <small>({})</small></td>\
             <td>{}</td><td><a href=\"{}\">{} {}</a></td></tr>",
            f.cik,
            Esc(&f.company),
            f.cik,
            Esc(&c.line),
            Esc(&c.reason.describe()),
            Esc(&c.term),
            figures.join("<br>"),
            Esc(&f.document_url),
            Esc(&f.form),
            Esc(&f.accession),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{CandidateReason, DiscoveredFiling, LineFigure, Period};

    #[test]
    fn a_candidate_shows_its_line_why_figures_and_filing_escaped() {
        let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap_or_default();
        let candidate = Candidate {
            filing: DiscoveredFiling {
                cik: 9000001,
                company: "Hollow <Hash> Corp".into(),
                form: "10-Q".into(),
                accession: "0009000001-26-000003".into(),
                index_url: "https://www.sec.gov/i".into(),
                document_url: "https://www.sec.gov/d.htm".into(),
            },
            line: "hx:DataCenterLeasingMember".into(),
            term: "data center".into(),
            term_reason: "data centers".into(),
            reason: CandidateReason::BesideMining { bitcoin_line: "hx:BitcoinMiningMember".into() },
            figures: vec![LineFigure {
                line: "hx:DataCenterLeasingMember".into(),
                period: Period { start: day(1), end: day(3) },
                value_usd: 12_500_000,
            }],
            followed: Some("HLLW".into()),
        };
        let html = section(&[candidate]);
        for part in [
            "Hollow &lt;Hash&gt; Corp",
            "hx:DataCenterLeasingMember",
            "reported beside hx:BitcoinMiningMember",
            "$12.5M <small>to 2026-03-01</small>",
            "10-Q 0009000001-26-000003",
            "followed as <a href=\"/companies/HLLW\">HLLW</a>",
        ] {
            assert!(html.contains(part), "{part}: {html}");
        }
        assert!(section(&[]).contains("No candidates yet"));
    }
}
