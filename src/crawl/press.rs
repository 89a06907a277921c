//! Press releases: each company's feeds and IR listing pages → the releases they link to.
//!
//! Companies publish results on newswires and their own IR sites before (or instead of) EDGAR,
//! so these are crawled too, politely: robots.txt is honoured, and a feed or page is fetched with
//! conditional GET. The same crash-safe order as EDGAR keeps a killed run from losing anything: a
//! source's validators are saved only after every release it lists is stored (or deliberately
//! skipped), so a release that failed is retried next run instead of hiding behind a 304.
//! A release is stored once per content: a URL already stored is asked again with conditional GET
//! when its source changed, and only new bytes there are stored (as its next version); bytes
//! already stored for the company under another URL (a tracking-parameter variant, a mirror) are
//! not stored again.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use reqwest::Url;
use tokio::sync::{Mutex, OnceCell};

use super::feed::{self, Entry};
use super::give_up::fetch_failed;
use super::http::{Fetched, HttpClient, HttpError};
use super::robots::Robots;
use super::{CrawlError, CrawlReport, listing};
use crate::config::CrawlConfig;
use crate::model::{Company, PressSource};
use crate::store::{NewDocument, Store, Validators, sha256_hex};

/// Each host's robots.txt, fetched at most once per crawl, shared by every company's task.
#[derive(Debug)]
pub struct RobotsCache {
    product_token: String,
    hosts: Mutex<HashMap<String, Arc<OnceCell<Robots>>>>,
}

impl RobotsCache {
    pub fn new(product_token: &str) -> RobotsCache {
        RobotsCache { product_token: product_token.to_string(), hosts: Mutex::default() }
    }
}

/// Crawls one company's press sources.
#[derive(Debug)]
pub struct Press<'a> {
    /// The per-host press client (`HttpClient::for_press`).
    pub http: &'a HttpClient,
    pub store: &'a Store,
    pub robots: &'a RobotsCache,
    pub config: &'a CrawlConfig,
}

impl Press<'_> {
    /// Stores what is new in each of `company`'s sources; a source that fails is reported and
    /// the next one goes on. Only a store error ends the company's crawl.
    pub async fn crawl(&self, company: &Company, report: &mut CrawlReport) -> Result<(), CrawlError> {
        for source in &company.press {
            let url = source.url();
            match self.crawl_source(company, source, report).await {
                Ok(()) => {}
                Err(CrawlError::Store(e)) => return Err(e.into()),
                Err(e) => report.fail(url, &e.to_string()),
            }
        }
        Ok(())
    }

    async fn crawl_source(
        &self,
        company: &Company,
        source: &PressSource,
        report: &mut CrawlReport,
    ) -> Result<(), CrawlError> {
        let url = source.url();
        if !self.allowed(url, report).await {
            report.warn(url, "robots.txt disallows this source; not fetched");
            return Ok(());
        }
        let known = self.store.validators(url, None).await?;
        let body = match self.http.get(url, Some(&known)).await? {
            Fetched::NotModified => return Ok(()),
            Fetched::Body(body) => body,
        };
        let entries = match source {
            PressSource::Feed { .. } => {
                let parsed = feed::parse(&body.bytes, url)?;
                for title in &parsed.skipped {
                    report.warn(url, &format!("feed item {title:?} has no usable link; skipped"));
                }
                parsed.entries
            }
            PressSource::Page { selector, .. } => listing::parse(&body.bytes, url, selector)
                .map_err(|message| CrawlError::Malformed { url: url.to_string(), message })?,
        };
        if entries.is_empty() {
            report.warn(url, "lists no releases");
        }
        let mut complete = true;
        for entry in once_each(url, entries, report) {
            complete &= self.store_release(company, &entry, report).await?;
        }
        if complete {
            self.store.put_validators(url, &body.validators, None).await?;
        }
        Ok(())
    }

    /// Fetches and stores one release unless robots.txt disallows it; false when it failed (and
    /// must be tried again next run). A release already stored is asked again with its validators
    /// (its source changed, so it may have been corrected): new bytes there are its next version.
    async fn store_release(
        &self,
        company: &Company,
        entry: &Entry,
        report: &mut CrawlReport,
    ) -> Result<bool, CrawlError> {
        if self.store.is_given_up(&entry.url).await? {
            return Ok(true);
        }
        let stored = self.store.document_by_url(&entry.url).await?;
        if !self.allowed(&entry.url, report).await {
            report.warn(&entry.url, "robots.txt disallows this release; not fetched");
            return Ok(true);
        }
        let known =
            stored.as_ref().map(|d| Validators { etag: d.etag.clone(), last_modified: d.last_modified.clone() });
        let body = match self.http.get(&entry.url, known.as_ref()).await {
            Ok(Fetched::Body(body)) => body,
            Ok(Fetched::NotModified) => {
                report.documents_unchanged += 1;
                return Ok(true);
            }
            Err(e) => {
                let (ticker, give_up_after) = (&company.ticker, self.config.give_up_after_runs);
                return Ok(fetch_failed(self.store, ticker, &entry.url, &e.into(), give_up_after, report).await?);
            }
        };
        let sha256 = sha256_hex(&body.bytes);
        if let Some(stored) = &stored {
            if stored.sha256 == sha256 {
                report.documents_unchanged += 1;
                return Ok(true);
            }
            tracing::info!(url = %entry.url, "new bytes at a stored release: stored as version {}", stored.version + 1);
        } else if let Some(same) = self.store.document_by_sha256(&company.ticker, &sha256).await? {
            report.warn(&entry.url, &format!("same bytes as {}, already stored; not stored again", same.url));
            report.documents_unchanged += 1;
            return Ok(true);
        }
        let doc = NewDocument {
            ticker: &company.ticker,
            source: "press",
            url: &entry.url,
            accession: None,
            form: None,
            role: "release",
            filed: entry.published,
            report_period: None,
            title: entry.title.as_deref(),
            content_type: body.content_type.as_deref(),
            validators: body.validators,
        };
        if entry.published.is_none() {
            report.warn(&entry.url, "the release states no date; its figures rank below dated statements");
        }
        report.new_documents.push(self.store.put_document(&doc, &body.bytes).await?);
        Ok(true)
    }

    /// Whether robots.txt of `url`'s host lets us fetch it (an unparsable URL is not fetched).
    async fn allowed(&self, url: &str, report: &mut CrawlReport) -> bool {
        let Ok(parsed) = Url::parse(url) else { return false };
        let origin = parsed.origin().ascii_serialization();
        let cell = Arc::clone(self.robots.hosts.lock().await.entry(origin.clone()).or_default());
        let robots = cell.get_or_init(|| self.fetch_robots(&origin, report)).await;
        let path = match parsed.query() {
            Some(query) => format!("{}?{query}", parsed.path()),
            None => parsed.path().to_string(),
        };
        robots.allows(&path)
    }

    /// A host's robots.txt: a 4xx means none (all allowed); anything else unreadable means the
    /// host is left alone this run, as RFC 9309 asks.
    async fn fetch_robots(&self, origin: &str, report: &mut CrawlReport) -> Robots {
        let url = format!("{origin}/robots.txt");
        match self.http.fetch(&url, None).await {
            Ok(body) => Robots::parse(&String::from_utf8_lossy(&body.bytes), &self.robots.product_token),
            Err(HttpError::Status { status: 400..=499, .. }) => Robots::allow_all(),
            Err(e) => {
                report.fail(&url, &format!("{e}; the host is left alone this run"));
                Robots::disallow_all()
            }
        }
    }
}

/// The entries with each URL once, in order; a repeat is a warning naming the source.
fn once_each(source_url: &str, entries: Vec<Entry>, report: &mut CrawlReport) -> Vec<Entry> {
    let mut seen = HashSet::new();
    entries
        .into_iter()
        .filter(|entry| {
            let first = seen.insert(entry.url.clone());
            if !first {
                report.warn(source_url, &format!("lists {} more than once; fetched once", entry.url));
            }
            first
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_listed_twice_is_kept_once_with_a_warning_naming_the_source() {
        let entry = |url: &str| Entry { url: url.into(), title: None, published: None };
        let mut report = CrawlReport::default();
        let kept = once_each(
            "https://feed/x",
            vec![entry("https://a/1"), entry("https://a/2"), entry("https://a/1")],
            &mut report,
        );
        assert_eq!(kept, [entry("https://a/1"), entry("https://a/2")]);
        assert_eq!(
            report.warnings,
            [("https://feed/x".to_string(), "lists https://a/1 more than once; fetched once".to_string())]
        );
    }
}
