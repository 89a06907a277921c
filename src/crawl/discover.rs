//! Reading a filing of any filer from EDGAR's latest-filings feed, for `watch --discover`: its
//! filing index page (the page the feed links to, whose document table names each document's
//! type, so the primary document is the row typed as the form) and that primary document. Two
//! requests, through the one paced client.

use scraper::{Html, Selector};

use super::CrawlError;
use super::http::HttpClient;
use super::latest::LatestFiling;
use crate::config::DEFAULT_ARCHIVES_BASE;
use crate::model::DiscoveredFiling;

/// The periodic forms discovery reads (amendments add `/A`): the ones with financial statements
/// in inline XBRL.
pub const PERIODIC_FORMS: [&str; 4] = ["10-Q", "10-K", "20-F", "40-F"];

/// Whether `form` is a periodic report or its amendment.
pub fn is_periodic(form: &str) -> bool {
    PERIODIC_FORMS.contains(&form.strip_suffix("/A").unwrap_or(form))
}

/// The filing index page of a filing: `/Archives/edgar/data/<CIK>/<digits>/<accession>-index.htm`.
pub fn index_url(filing: &LatestFiling) -> String {
    format!(
        "{DEFAULT_ARCHIVES_BASE}/Archives/edgar/data/{}/{}/{}-index.htm",
        filing.cik,
        filing.accession.replace('-', ""),
        filing.accession
    )
}

/// A filing read: what it is, and its primary document's bytes.
#[derive(Debug, Clone)]
pub struct ReadFiling {
    pub filing: DiscoveredFiling,
    pub document: Vec<u8>,
    pub content_type: Option<String>,
}

/// Reads `filing`'s index page and its primary document (two requests).
pub async fn read(http: &HttpClient, filing: &LatestFiling) -> Result<ReadFiling, CrawlError> {
    let index_url = index_url(filing);
    let index = http.fetch(&index_url, None).await?;
    let (document_url, size) = primary_document(&index.bytes, &filing.form)
        .map_err(|message| CrawlError::Malformed { url: index_url.clone(), message })?;
    let document = http.fetch(&document_url, size).await?;
    Ok(ReadFiling {
        filing: DiscoveredFiling {
            cik: filing.cik,
            company: filing.company.clone(),
            form: filing.form.clone(),
            accession: filing.accession.clone(),
            index_url,
            document_url,
        },
        document: document.bytes,
        content_type: document.content_type,
    })
}

/// The primary document of a filing index page: the URL of the document-table row typed as
/// `form` (EDGAR links an inline-XBRL document through its viewer, `/ix?doc=/Archives/…`), and
/// its size when the row gives one.
pub fn primary_document(page: &[u8], form: &str) -> Result<(String, Option<u64>), String> {
    let html = Html::parse_document(&String::from_utf8_lossy(page));
    let select = |css: &str| Selector::parse(css).map_err(|e| format!("selector {css}: {e}"));
    let (rows, cells, link) = (select("table.tableFile tr")?, select("td")?, select("a[href]")?);
    for row in html.select(&rows) {
        let cells: Vec<_> = row.select(&cells).collect();
        let [_, _, document, kind, size, ..] = cells.as_slice() else { continue };
        if !kind.text().collect::<String>().trim().eq_ignore_ascii_case(form) {
            continue;
        }
        let Some(href) = document.select(&link).find_map(|a| a.value().attr("href")) else { continue };
        let path = href.strip_prefix("/ix?doc=").unwrap_or(href);
        if !path.starts_with("/Archives/") {
            return Err(format!("the {form} document links outside the archives: {href:?}"));
        }
        let size = size.text().collect::<String>().trim().parse().ok();
        return Ok((format!("{DEFAULT_ARCHIVES_BASE}{path}"), size));
    }
    Err(format!("no document of type {form} in the filing index's document table"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document table of an EDGAR filing index page, in its layout (our own filing).
    const INDEX: &str = r#"<html><body><div id="formDiv"><table class="tableFile" summary="Document Format Files">
<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>
<tr><td scope="row">1</td><td scope="row">QUARTERLY REPORT</td><td scope="row"><a href="/ix?doc=/Archives/edgar/data/9000001/000900000126000003/hx-20260331.htm">hx-20260331.htm</a> &nbsp;<span>iXBRL</span></td><td scope="row">10-Q</td><td scope="row">48211</td></tr>
<tr><td scope="row">2</td><td scope="row">CERTIFICATION</td><td scope="row"><a href="/Archives/edgar/data/9000001/000900000126000003/ex31.htm">ex31.htm</a></td><td scope="row">EX-31.1</td><td scope="row">9120</td></tr>
</table></div></body></html>"#;

    #[test]
    fn the_primary_document_is_the_row_typed_as_the_form() {
        let (url, size) = primary_document(INDEX.as_bytes(), "10-Q").unwrap();
        assert_eq!(url, "https://www.sec.gov/Archives/edgar/data/9000001/000900000126000003/hx-20260331.htm");
        assert_eq!(size, Some(48_211));
        let missing = primary_document(INDEX.as_bytes(), "10-K").unwrap_err();
        assert!(missing.contains("no document of type 10-K"), "{missing}");
        assert!(primary_document(b"not a filing index", "10-Q").is_err());
    }

    #[test]
    fn periodic_forms_and_their_amendments() {
        for form in ["10-Q", "10-K/A", "20-F", "40-F/A"] {
            assert!(is_periodic(form), "{form}");
        }
        for form in ["8-K", "6-K", "4", "10-QT", "S-1"] {
            assert!(!is_periodic(form), "{form}");
        }
    }
}
