//! EDGAR's latest-filings feeds (`/cgi-bin/browse-edgar?action=getcurrent&type=FORM&output=atom`),
//! which `watch` polls: each entry names a form, a filer and its CIK, and links the filing index
//! (`/Archives/edgar/data/<CIK>/<accession digits>/<accession>-index.htm`). The feed is Atom, so
//! the press feed reader reads it; this module turns its entries into filings.

use std::sync::LazyLock;

use regex::Regex;

use super::feed::Feed;
use crate::config::DEFAULT_ARCHIVES_BASE;

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

/// The latest-filings feed of one form type, newest first, as EDGAR serves it.
pub fn feed_url(form: &str) -> String {
    format!(
        "{DEFAULT_ARCHIVES_BASE}/cgi-bin/browse-edgar?action=getcurrent&type={form}&company=&dateb=&owner=include&count=100&output=atom"
    )
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
