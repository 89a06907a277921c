//! EDGAR: submissions JSON (with its paginated history) → filing index.json → documents.
//!
//! URLs are always EDGAR's own (they are what gets stored and shown); the HTTP client maps them
//! to the configured base URLs, so a replay server can stand in for EDGAR.
//!
//! Crash-safe ordering makes every run resumable: a document row is written after its blob,
//! a filing is marked complete after all its documents, and a submissions page's validators
//! are saved only after every filing it lists is complete. A run killed anywhere therefore
//! redoes only unfinished work and ends in the same state as an uninterrupted one.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;

use super::give_up::fetch_failed;
use super::http::{Fetched, HttpClient};
use super::{CrawlError, CrawlReport};
use crate::config::{CrawlConfig, DEFAULT_ARCHIVES_BASE, DEFAULT_DATA_BASE};
use crate::model::Company;
use crate::store::{NewDocument, Store};

/// Exhibits that carry results: EX-99.x press releases (`ex99-1.htm`, `exhibit991.htm`,
/// `wulf-ex991_20260508.htm`).
static RESULTS_EXHIBIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ex(hibit)?[-_]?99").unwrap_or_else(|e| unreachable!("exhibit regex: {e}")));

/// Forms whose documents carry results (amendments add `/A`).
const RESULT_FORMS: [&str; 6] = ["10-Q", "10-K", "8-K", "6-K", "20-F", "40-F"];
/// The 8-K item for "Results of Operations and Financial Condition".
const RESULTS_ITEM: &str = "2.02";

/// The columnar filing list EDGAR uses in `filings.recent` and in history pages.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Columns {
    accession_number: Vec<String>,
    filing_date: Vec<String>,
    #[serde(default)]
    report_date: Vec<String>,
    form: Vec<String>,
    #[serde(default)]
    items: Vec<String>,
    #[serde(default)]
    primary_document: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Submissions {
    filings: SubmissionFilings,
}

#[derive(Debug, Deserialize)]
struct SubmissionFilings {
    recent: Columns,
    #[serde(default)]
    files: Vec<HistoryPage>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HistoryPage {
    name: String,
    #[serde(default)]
    filing_to: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FilingIndex {
    directory: Directory,
}

#[derive(Debug, Deserialize)]
struct Directory {
    #[serde(default)]
    item: Vec<DirectoryItem>,
}

#[derive(Debug, Deserialize)]
struct DirectoryItem {
    name: String,
    #[serde(default)]
    size: String,
}

/// One filing worth fetching.
#[derive(Debug, Clone, PartialEq)]
struct Filing {
    accession: String,
    form: String,
    filed: NaiveDate,
    report_period: Option<NaiveDate>,
    items: String,
    primary_document: String,
}

/// Crawls EDGAR for one company.
#[derive(Debug)]
pub struct Edgar<'a> {
    pub http: &'a HttpClient,
    pub store: &'a Store,
    pub config: &'a CrawlConfig,
}

impl Edgar<'_> {
    /// Fetches what is new for `company`; per-document failures are collected in the report.
    pub async fn crawl(&self, company: &Company, report: &mut CrawlReport) -> Result<(), CrawlError> {
        let url = super::filer::submissions_url(company.cik);
        let known = self.store.validators(&url, self.config.since).await?;
        let body = match self.http.get(&url, Some(&known)).await? {
            Fetched::NotModified => return Ok(()),
            Fetched::Body(body) => body,
        };
        let submissions: Submissions = parse_json(&url, &body.bytes)?;
        let mut complete = self.crawl_filings(company, &submissions.filings.recent, report).await?;

        for page in &submissions.filings.files {
            let older_than_since = page
                .filing_to
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .zip(self.config.since)
                .is_some_and(|(to, since)| to < since);
            if older_than_since {
                continue;
            }
            let page_url = format!("{DEFAULT_DATA_BASE}/submissions/{}", page.name);
            let page_known = self.store.validators(&page_url, self.config.since).await?;
            let page_body = match self.http.get(&page_url, Some(&page_known)).await {
                Ok(Fetched::NotModified) => continue,
                Ok(Fetched::Body(b)) => b,
                Err(e) => {
                    report.fail(&page_url, &e.to_string());
                    complete = false;
                    continue;
                }
            };
            match parse_json::<Columns>(&page_url, &page_body.bytes) {
                Ok(columns) => {
                    if self.crawl_filings(company, &columns, report).await? {
                        self.store.put_validators(&page_url, &page_body.validators, self.config.since).await?;
                    } else {
                        complete = false;
                    }
                }
                Err(e) => {
                    report.fail(&page_url, &e.to_string());
                    complete = false;
                }
            }
        }
        if complete {
            self.store.put_validators(&url, &body.validators, self.config.since).await?;
        }
        Ok(())
    }

    /// Fetches every wanted, unfinished filing of a page; true when all of them are complete.
    async fn crawl_filings(
        &self,
        company: &Company,
        columns: &Columns,
        report: &mut CrawlReport,
    ) -> Result<bool, CrawlError> {
        let mut complete = true;
        for filing in wanted_filings(columns, self.config.since) {
            if self.store.filing_is_complete(&filing.accession).await? {
                continue;
            }
            if !self.crawl_filing(company, &filing, report).await? {
                complete = false;
            }
        }
        Ok(complete)
    }

    /// Fetches one filing's result documents; true when all are stored.
    async fn crawl_filing(
        &self,
        company: &Company,
        filing: &Filing,
        report: &mut CrawlReport,
    ) -> Result<bool, CrawlError> {
        let folder = format!(
            "{DEFAULT_ARCHIVES_BASE}/Archives/edgar/data/{}/{}",
            company.cik,
            filing.accession.replace('-', "")
        );
        let index_url = format!("{folder}/index.json");
        if self.store.is_given_up(&index_url).await? {
            return self.complete(company, filing).await;
        }
        let index = match self.http.fetch(&index_url, None).await {
            Ok(body) => parse_json::<FilingIndex>(&index_url, &body.bytes),
            Err(e) => Err(e.into()),
        };
        let index = match index {
            Ok(index) => index,
            Err(e) => {
                if self.fetch_failed(company, &index_url, &e, report).await? {
                    return self.complete(company, filing).await;
                }
                return Ok(false);
            }
        };

        if !index.directory.item.iter().any(|i| i.name == filing.primary_document) {
            let message = format!(
                "filing {} ({}) does not list its primary document {:?}; the filing is left incomplete",
                filing.accession, filing.form, filing.primary_document
            );
            report.fail(&index_url, &message);
            return Ok(false);
        }
        let mut all_stored = true;
        for item in index.directory.item.iter().filter(|i| is_wanted_document(&i.name, &filing.primary_document)) {
            let url = format!("{folder}/{}", item.name);
            if self.store.document_by_url(&url).await?.is_some() {
                report.documents_unchanged += 1;
                continue;
            }
            if self.store.is_given_up(&url).await? {
                continue;
            }
            let expected_size = item.size.trim().parse::<u64>().ok();
            match self.http.fetch(&url, expected_size).await {
                Ok(body) => {
                    let role = if item.name == filing.primary_document { "primary" } else { "exhibit" };
                    let doc = NewDocument {
                        ticker: &company.ticker,
                        source: "edgar",
                        url: &url,
                        accession: Some(&filing.accession),
                        form: Some(&filing.form),
                        role,
                        filed: Some(filing.filed),
                        report_period: filing.report_period,
                        title: None,
                        content_type: body.content_type.as_deref(),
                        validators: body.validators,
                    };
                    let id = self.store.put_document(&doc, &body.bytes).await?;
                    report.new_documents.push(id);
                }
                Err(e) => all_stored &= self.fetch_failed(company, &url, &e.into(), report).await?,
            }
        }
        if all_stored {
            return self.complete(company, filing).await;
        }
        Ok(false)
    }

    /// Marks a filing complete (every document stored or given up); true.
    async fn complete(&self, company: &Company, filing: &Filing) -> Result<bool, CrawlError> {
        let Filing { accession, form, filed, report_period, items, .. } = filing;
        self.store.complete_filing(accession, &company.ticker, form, *filed, *report_period, items).await?;
        Ok(true)
    }

    async fn fetch_failed(
        &self,
        company: &Company,
        url: &str,
        error: &CrawlError,
        report: &mut CrawlReport,
    ) -> Result<bool, CrawlError> {
        Ok(fetch_failed(self.store, &company.ticker, url, error, self.config.give_up_after_runs, report).await?)
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(url: &str, bytes: &[u8]) -> Result<T, CrawlError> {
    serde_json::from_slice(bytes).map_err(|e| CrawlError::Malformed { url: url.to_string(), message: e.to_string() })
}

/// The filings of a columnar page that carry results, filed on or after `since`.
fn wanted_filings(c: &Columns, since: Option<NaiveDate>) -> Vec<Filing> {
    let column = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    (0..c.accession_number.len())
        .filter_map(|i| {
            let form = column(&c.form, i);
            let items = column(&c.items, i);
            let filed = NaiveDate::parse_from_str(&column(&c.filing_date, i), "%Y-%m-%d").ok()?;
            let wanted = is_results_form(&form, &items) && since.is_none_or(|s| filed >= s);
            wanted.then(|| Filing {
                accession: column(&c.accession_number, i),
                report_period: NaiveDate::parse_from_str(&column(&c.report_date, i), "%Y-%m-%d").ok(),
                filed,
                items,
                primary_document: column(&c.primary_document, i),
                form,
            })
        })
        .collect()
}

/// 10-Q, 10-K, 6-K, 20-F, 40-F (and amendments) always; 8-K only with item 2.02.
fn is_results_form(form: &str, items: &str) -> bool {
    let base = form.strip_suffix("/A").unwrap_or(form);
    RESULT_FORMS.contains(&base) && (base != "8-K" || items.split(',').any(|i| i.trim() == RESULTS_ITEM))
}

/// The primary document, EX-99 exhibits and PDF attachments.
fn is_wanted_document(name: &str, primary: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let document = [".htm", ".html", ".pdf", ".txt"].iter().any(|ext| lower.ends_with(ext));
    name == primary || (document && (RESULTS_EXHIBIT.is_match(name) || lower.ends_with(".pdf")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_forms_and_items() {
        assert!(is_results_form("10-Q", ""));
        assert!(is_results_form("10-Q/A", ""));
        assert!(is_results_form("6-K", ""));
        assert!(is_results_form("40-F", ""));
        assert!(is_results_form("8-K", "2.02,9.01"));
        assert!(!is_results_form("8-K", "5.02,9.01"));
        assert!(!is_results_form("4", ""));
        assert!(!is_results_form("S-8", ""));
    }

    #[test]
    fn exhibits_that_carry_results() {
        for name in ["ex99-1.htm", "exhibit991.htm", "wulf-ex991_20260508.htm", "EX-99.2.htm", "deck.pdf"] {
            assert!(is_wanted_document(name, "form8-k.htm"), "{name}");
        }
        for name in ["ex31-1.htm", "R1.htm", "FilingSummary.xml", "0001-index-headers.html", "wulf-20260331_cal.xml"] {
            assert!(!is_wanted_document(name, "form8-k.htm"), "{name}");
        }
        assert!(is_wanted_document("wulf-20260331.htm", "wulf-20260331.htm"));
    }

    #[test]
    fn since_filters_by_filing_date() {
        let c = Columns {
            accession_number: vec!["a".into(), "b".into(), "c".into()],
            filing_date: vec!["2026-05-08".into(), "2023-11-01".into(), "not a date".into()],
            report_date: vec!["2026-03-31".into(), String::new(), String::new()],
            form: vec!["10-Q".into(), "10-Q".into(), "10-Q".into()],
            items: vec![],
            primary_document: vec!["q.htm".into()],
        };
        let got = wanted_filings(&c, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].accession, "a");
        assert_eq!(got[0].report_period, NaiveDate::from_ymd_opt(2026, 3, 31));
        assert_eq!(wanted_filings(&c, None).len(), 2);
    }
}
