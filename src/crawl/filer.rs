//! A filer as EDGAR describes it, for `follow`: `company_tickers.json` turns a ticker into a CIK
//! (or a CIK into its ticker), and the submissions JSON gives the name, the fiscal-year end and
//! the forms filed, which say whether the company reports on 10-Q/10-K or on 6-K/20-F/40-F.
//!
//! Two requests through the shared client, so they count against the one EDGAR rate limit. What
//! EDGAR answers is checked here and refused with the URL and what is wrong, so a company is
//! never followed with a guessed fiscal year or filer kind.

use std::collections::HashMap;

use serde::Deserialize;

use super::http::{HttpClient, HttpError};
use crate::config::DEFAULT_DATA_BASE;
use crate::model::{Company, FilerKind, FiscalYearEnd};

/// EDGAR's list of every ticker with its CIK and title.
pub const TICKERS_URL: &str = "https://www.sec.gov/files/company_tickers.json";

/// Why a filer could not be read from EDGAR.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FilerError {
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("{url}: malformed response: {message}")]
    Malformed { url: String, message: String },
    #[error("no ticker {ticker} in EDGAR's company list ({TICKERS_URL})")]
    UnknownTicker { ticker: String },
    #[error("{url}: CIK {cik} has no ticker in EDGAR's company list or its submissions")]
    NoTicker { url: String, cik: u64 },
    #[error("{url}: no fiscal-year end (fiscalYearEnd {value:?}); a quarter cannot be dated without it")]
    NoFiscalYearEnd { url: String, value: String },
    #[error("{url}: {name} files no 10-Q, 10-K, 20-F, 40-F or 6-K among its recent filings: no results to read")]
    NoResultsForms { url: String, name: String },
}

/// What `follow` was given: a ticker, or a CIK (digits only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilerId {
    Ticker(String),
    Cik(u64),
}

impl FilerId {
    /// Digits are a CIK (EDGAR's leading zeros allowed); anything else a ticker, upper-cased.
    pub fn parse(text: &str) -> Option<FilerId> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return text.parse().ok().filter(|&cik| cik > 0).map(FilerId::Cik);
        }
        text.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            .then(|| FilerId::Ticker(text.to_ascii_uppercase()))
    }
}

impl std::fmt::Display for FilerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilerId::Ticker(ticker) => write!(f, "ticker {ticker}"),
            FilerId::Cik(cik) => write!(f, "CIK {cik}"),
        }
    }
}

/// One entry of `company_tickers.json` (`{"0": {"cik_str": 789019, "ticker": "MSFT", …}, …}`).
#[derive(Debug, Deserialize)]
struct TickerEntry {
    cik_str: u64,
    ticker: String,
}

/// The parts of the submissions JSON that describe the filer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Submissions {
    name: String,
    #[serde(default)]
    tickers: Vec<String>,
    #[serde(default)]
    fiscal_year_end: Option<String>,
    filings: Filings,
}

#[derive(Debug, Deserialize)]
struct Filings {
    recent: Recent,
}

#[derive(Debug, Deserialize)]
struct Recent {
    form: Vec<String>,
}

/// The company `id` names, read from EDGAR (no label overrides or press sources: those are the
/// config's).
pub async fn lookup(http: &HttpClient, id: &FilerId) -> Result<Company, FilerError> {
    let tickers: HashMap<String, TickerEntry> = parse(TICKERS_URL, &http.fetch(TICKERS_URL, None).await?.bytes)?;
    let mut entries: Vec<(usize, TickerEntry)> =
        tickers.into_iter().filter_map(|(rank, e)| Some((rank.parse().ok()?, e))).collect();
    // EDGAR numbers the entries; a CIK's first entry is its main listing.
    entries.sort_by_key(|(rank, _)| *rank);
    let (cik, listed) = match id {
        FilerId::Cik(cik) => (*cik, entries.into_iter().find(|(_, e)| e.cik_str == *cik).map(|(_, e)| e.ticker)),
        FilerId::Ticker(ticker) => {
            let (_, entry) = entries
                .into_iter()
                .find(|(_, e)| e.ticker.eq_ignore_ascii_case(ticker))
                .ok_or_else(|| FilerError::UnknownTicker { ticker: ticker.clone() })?;
            (entry.cik_str, Some(entry.ticker))
        }
    };
    let url = submissions_url(cik);
    let submissions: Submissions = parse(&url, &http.fetch(&url, None).await?.bytes)?;
    describe(&url, cik, listed, submissions)
}

/// The submissions JSON of a CIK, at EDGAR's own address.
pub fn submissions_url(cik: u64) -> String {
    format!("{DEFAULT_DATA_BASE}/submissions/CIK{cik:010}.json")
}

/// The company a submissions JSON describes; `listed` is its ticker in EDGAR's company list.
fn describe(url: &str, cik: u64, listed: Option<String>, s: Submissions) -> Result<Company, FilerError> {
    let ticker = listed
        .or_else(|| s.tickers.first().cloned())
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| FilerError::NoTicker { url: url.to_string(), cik })?;
    let fye_text = s.fiscal_year_end.unwrap_or_default();
    let fiscal_year_end = month_day(&fye_text)
        .ok_or_else(|| FilerError::NoFiscalYearEnd { url: url.to_string(), value: fye_text.clone() })?;
    let filer_kind = filer_kind(&s.filings.recent.form)
        .ok_or_else(|| FilerError::NoResultsForms { url: url.to_string(), name: s.name.clone() })?;
    Ok(Company {
        ticker,
        name: s.name.trim().to_string(),
        cik,
        fiscal_year_end,
        filer_kind,
        overrides: Vec::new(),
        press: Vec::new(),
    })
}

/// EDGAR's `fiscalYearEnd` "MMDD" (e.g. "0630"); a real calendar day (02-29 allowed).
fn month_day(text: &str) -> Option<FiscalYearEnd> {
    let text = text.trim();
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (month, day) = (text[..2].parse().ok()?, text[2..].parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(2024, month, day)?;
    Some(FiscalYearEnd { month, day })
}

/// The kind of the most recent periodic report among `forms` (newest first, as EDGAR lists
/// them): a company that moved from 20-F to 10-Q (as some miners did) is domestic now.
fn filer_kind(forms: &[String]) -> Option<FilerKind> {
    forms.iter().find_map(|form| match form.strip_suffix("/A").unwrap_or(form) {
        "10-Q" | "10-K" => Some(FilerKind::Domestic),
        "20-F" | "40-F" | "6-K" => Some(FilerKind::Foreign),
        _ => None,
    })
}

fn parse<T: serde::de::DeserializeOwned>(url: &str, bytes: &[u8]) -> Result<T, FilerError> {
    serde_json::from_slice(bytes).map_err(|e| FilerError::Malformed { url: url.to_string(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/edgar-json").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn ids_are_ciks_or_tickers() {
        assert_eq!(FilerId::parse("0001318605"), Some(FilerId::Cik(1318605)));
        assert_eq!(FilerId::parse(" nvda "), Some(FilerId::Ticker("NVDA".into())));
        assert_eq!(FilerId::parse("BRK-B"), Some(FilerId::Ticker("BRK-B".into())));
        assert_eq!(FilerId::parse("0"), None);
        assert_eq!(FilerId::parse("A B"), None);
        assert_eq!(FilerId::parse(""), None);
    }

    #[test]
    fn the_real_tesla_submissions_describe_a_domestic_december_filer() {
        let s: Submissions = parse("tsla", &real("company_submission.json")).unwrap();
        let company = describe("tsla", 1318605, None, s).unwrap();
        assert_eq!(company.ticker, "TSLA");
        assert_eq!(company.name, "Tesla, Inc.");
        assert_eq!(company.fiscal_year_end, FiscalYearEnd { month: 12, day: 31 });
        assert_eq!(company.filer_kind, FilerKind::Domestic);
    }

    #[test]
    fn the_real_company_list_parses() {
        let list: HashMap<String, TickerEntry> = parse("list", &real("company_tickers.json")).unwrap();
        assert!(list.values().any(|e| e.ticker == "TSLA" && e.cik_str == 1318605));
    }

    #[test]
    fn the_latest_periodic_form_decides_the_kind() {
        let forms = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(filer_kind(&forms(&["8-K", "10-Q", "20-F"])), Some(FilerKind::Domestic));
        assert_eq!(filer_kind(&forms(&["6-K", "10-K"])), Some(FilerKind::Foreign));
        assert_eq!(filer_kind(&forms(&["40-F/A"])), Some(FilerKind::Foreign));
        assert_eq!(filer_kind(&forms(&["4", "S-1"])), None);
    }

    #[test]
    fn fiscal_year_ends_are_real_days() {
        assert_eq!(month_day("0630"), Some(FiscalYearEnd { month: 6, day: 30 }));
        assert_eq!(month_day("0229"), Some(FiscalYearEnd { month: 2, day: 29 }));
        assert_eq!(month_day("1332"), None);
        assert_eq!(month_day(""), None);
    }
}
