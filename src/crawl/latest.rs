//! EDGAR's latest-filings feeds (`/cgi-bin/browse-edgar?action=getcurrent&type=FORM&output=atom`),
//! which `watch` polls: each entry names a form, a filer and its CIK, and links the filing index
//! (`/Archives/edgar/data/<CIK>/<accession digits>/<accession>-index.htm`). The feed is Atom, so
//! the press feed reader reads it; this module turns its entries into filings.
//!
//! The feed shows the newest [`PAGE_SIZE`] entries; older ones are further pages (`start=`). A
//! watch that could not read a feed for a while (its backoff) reads it back page by page to the
//! newest filing it saw last, so filings that scrolled off the first page are not missed; when it
//! cannot get back there, it says so and the watch crawls every company's listing instead.

use std::sync::LazyLock;

use regex::Regex;

use super::feed::{self, Feed};
use super::http::{Fetched, HttpClient};
use crate::config::DEFAULT_ARCHIVES_BASE;
use crate::store::Validators;

/// Entries on one page of the feed (the most EDGAR serves at once).
pub const PAGE_SIZE: usize = 100;
/// Pages read back at most: EDGAR's feed holds only its last few thousand entries (it answers
/// 503 from `start=5100` on).
const MAX_PAGES: usize = 50;

/// `/Archives/edgar/data/<CIK>/<18 digits>/<accession>-index.htm(l)`.
static INDEX_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/Archives/edgar/data/(\d{1,10})/\d{18}/(\d{10}-\d{2}-\d{6})-index\.html?$")
        .unwrap_or_else(|e| unreachable!("index link regex: {e}"))
});

/// One filing the feed announces, for one of its filers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestFiling {
    pub form: String,
    pub cik: u64,
    pub accession: String,
    /// The filer's name as the entry's title gives it ("10-Q - NAME (0001083301) (Filer)").
    pub company: String,
}

/// The latest-filings feed of one form type, newest first, as EDGAR serves it (its first page).
pub fn feed_url(form: &str) -> String {
    format!(
        "{DEFAULT_ARCHIVES_BASE}/cgi-bin/browse-edgar?action=getcurrent&type={form}&company=&dateb=&owner=include&count={PAGE_SIZE}&output=atom"
    )
}

/// The feed's page that starts `start` entries after the newest.
fn page_url(form: &str, start: usize) -> String {
    format!("{}&start={start}", feed_url(form))
}

/// How far back the last read of a feed went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// Never read (a feed unchanged since the watch started is not read): only the first page is
    /// read, and unless it is the whole feed, whether anything scrolled past is unknown.
    Nothing,
    /// The feed listed no filing: pages are read to its end.
    Empty,
    /// The newest filing it listed (accession number): pages are read until it appears; a feed
    /// that ends first has dropped it, and what was between may be lost.
    Newest(String),
}

/// A feed that changed since its validators: what it lists back to where it was last seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Latest {
    /// The filings listed on the pages read, newest first.
    pub filings: Vec<LatestFiling>,
    /// The first page's validators.
    pub validators: Validators,
    /// Where this read leaves the feed, for the next one.
    pub seen: Seen,
    /// False when the read could not get back to where the feed was last seen (never read
    /// before and longer than a page, or scrolled past every page EDGAR serves): filings may
    /// have been missed.
    pub caught_up: bool,
}

/// Reads `form`'s feed: its first page conditionally on `known` (`None`: unchanged), then older
/// pages until `seen` is reached. An error names the page that failed.
pub async fn read(http: &HttpClient, form: &str, known: &Validators, seen: &Seen) -> Result<Option<Latest>, String> {
    let first = feed_url(form);
    let body = match http.get(&first, Some(known)).await.map_err(|e| e.to_string())? {
        Fetched::NotModified => return Ok(None),
        Fetched::Body(body) => body,
    };
    let (mut page, mut full) = page_filings(&body.bytes, &first)?;
    let mut latest = Latest {
        seen: page.first().map_or(Seen::Empty, |f| Seen::Newest(f.accession.clone())),
        validators: body.validators,
        filings: Vec::new(),
        caught_up: false,
    };
    let mut start = 0;
    loop {
        let ended = !full;
        let caught_up = match seen {
            Seen::Newest(accession) => page.iter().any(|f| &f.accession == accession),
            Seen::Empty | Seen::Nothing => ended,
        };
        latest.filings.append(&mut page);
        if caught_up || ended || *seen == Seen::Nothing {
            latest.caught_up = caught_up;
            break;
        }
        start += PAGE_SIZE;
        if start >= MAX_PAGES * PAGE_SIZE {
            break;
        }
        let url = page_url(form, start);
        let Fetched::Body(older) = http.get(&url, None).await.map_err(|e| e.to_string())? else {
            return Err(format!("{url}: answered 304 to an unconditional request"));
        };
        (page, full) = page_filings(&older.bytes, &url)?;
    }
    Ok(Some(latest))
}

/// A page's filings, and whether it was full (a shorter page is the feed's last).
fn page_filings(bytes: &[u8], url: &str) -> Result<(Vec<LatestFiling>, bool), String> {
    let parsed = feed::parse(bytes, url).map_err(|e| e.to_string())?;
    Ok((filings(&parsed), parsed.entries.len() + parsed.skipped.len() >= PAGE_SIZE))
}

/// The filings a latest-filings feed lists, in its order; entries whose link is not a filing
/// index or whose title names no form are left out.
pub fn filings(feed: &Feed) -> Vec<LatestFiling> {
    feed.entries
        .iter()
        .filter_map(|entry| {
            let found = INDEX_LINK.captures(&entry.url)?;
            let (form, rest) = entry.title.as_deref()?.split_once(" - ")?;
            // The name ends before " (<CIK>) (<role>)".
            let company = rest.rsplitn(3, " (").last().unwrap_or(rest).trim();
            Some(LatestFiling {
                form: form.trim().to_string(),
                cik: found[1].parse().ok()?,
                accession: found[2].to_string(),
                company: company.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::feed;

    #[test]
    fn a_latest_filings_entry_gives_form_cik_and_accession() {
        let atom = r#"<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Latest Filings</title>
<entry><title>10-Q - TERAWULF INC. (0001083301) (Filer)</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/1083301/000108330126000031/0001083301-26-000031-index.htm"/>
<updated>2026-05-08T16:05:12-04:00</updated>
<category scheme="https://www.sec.gov/" label="form type" term="10-Q"/>
<id>urn:tag:sec.gov,2008:accession-number=0001083301-26-000031</id></entry>
<entry><title>no form here</title><link href="https://www.sec.gov/cgi-bin/browse-edgar"/></entry>
</feed>"#;
        let parsed = feed::parse(atom.as_bytes(), &feed_url("10-Q")).unwrap();
        let want = LatestFiling {
            form: "10-Q".into(),
            cik: 1083301,
            accession: "0001083301-26-000031".into(),
            company: "TERAWULF INC.".into(),
        };
        assert_eq!(filings(&parsed), [want]);
    }

    /// EDGAR's real latest-filings page (all forms, 100 entries), kept in ../shared.
    #[test]
    fn edgars_real_latest_filings_page_reads_entry_by_entry() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/edgar-feeds/getcurrent-all-start0.atom");
        let bytes = std::fs::read(path).unwrap();
        let parsed = feed::parse(&bytes, &feed_url("")).unwrap();
        let read = filings(&parsed);
        assert_eq!((parsed.entries.len(), read.len()), (100, 100));
        assert_eq!(
            (read[0].form.as_str(), read[0].cik, read[0].accession.as_str()),
            ("4", 2063236, "0002063236-25-000004")
        );
        assert_eq!(read[0].company, "Perez Daniel Antonio");
        assert_eq!(read[1].cik, 1673743, "the same filing for its second filer");
    }
}
