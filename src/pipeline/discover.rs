//! Discovery (`watch --discover`): every periodic filing (10-Q, 10-K, 20-F, 40-F and their
//! amendments) that EDGAR's latest-filings feed lists for a filer outside the universe is read —
//! its index page and primary document, two requests within the one rate limit — by the iXBRL
//! reader, and its revenue lines as reported are kept for that filer. Over everything kept for
//! the filer, [`detect::candidate`] decides whether it is a candidate, and the store raises each
//! candidate once. Filers of the universe are left to their own crawl, which stores their
//! filings whole.

use std::collections::HashSet;

use serde::Serialize;

use crate::crawl::CrawlError;
use crate::crawl::discover::{self, ReadFiling};
use crate::crawl::http::HttpClient;
use crate::crawl::latest::LatestFiling;
use crate::detect::candidate;
use crate::extract;
use crate::model::{Candidate, DiscoveredFiling, Extractor, Failure, LineFigure, Segment};
use crate::store::{Store, StoreError};

/// What one pass of discovery did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Discovery {
    /// Filings read (index and primary document) and kept.
    pub filings_read: usize,
    /// Candidates raised by this pass (each filer is raised once, ever).
    pub raised: Vec<Candidate>,
    /// Filings that could not be read, and why; a transient failure is tried again next poll.
    pub failures: Vec<Failure>,
    /// Filings kept without lines: their index names no primary document, or it cannot be read
    /// or has no iXBRL revenue lines.
    pub without_lines: Vec<Failure>,
}

/// Reads the periodic filings among `listed` of filers outside `universe` not read before,
/// keeps their lines and raises the candidates they make.
pub async fn discover(
    http: &HttpClient,
    store: &Store,
    universe: &HashSet<u64>,
    listed: &[LatestFiling],
) -> Result<Discovery, StoreError> {
    let mut done = Discovery::default();
    let mut seen = HashSet::new();
    for filing in listed {
        let wanted = discover::is_periodic(&filing.form) && !universe.contains(&filing.cik);
        if !wanted || !seen.insert(filing.accession.as_str()) || store.is_discovered(&filing.accession).await? {
            continue;
        }
        let read = match discover::read(http, filing).await {
            Ok(read) => read,
            Err(CrawlError::Store(e)) => return Err(e),
            Err(e) if is_permanent(&e) => {
                // Kept without lines, so that no later poll asks for it again.
                let kept = DiscoveredFiling {
                    cik: filing.cik,
                    company: filing.company.clone(),
                    form: filing.form.clone(),
                    accession: filing.accession.clone(),
                    index_url: discover::index_url(filing),
                    document_url: String::new(),
                };
                store.put_discovered(&kept, &[]).await?;
                done.without_lines.push(Failure::new(kept.index_url, e.to_string()));
                continue;
            }
            Err(e) => {
                tracing::warn!(accession = filing.accession, "{e}");
                done.failures.push(Failure::new(discover::index_url(filing), e.to_string()));
                continue;
            }
        };
        let url = read.filing.document_url.clone();
        let (filing_read, figures) = match tokio::task::spawn_blocking(move || {
            let figures = line_figures(&read);
            (read.filing, figures)
        })
        .await
        {
            Ok(read) => read,
            Err(e) => {
                done.failures.push(Failure::new(url, format!("the reader crashed: {e}")));
                continue;
            }
        };
        // A document the reader cannot read is kept without lines: reading it again would not help.
        let (figures, unread) = match figures {
            Ok(figures) => (figures, None),
            Err(message) => (Vec::new(), Some(message)),
        };
        if !store.put_discovered(&filing_read, &figures).await? {
            continue; // another process read it first and judged it
        }
        done.filings_read += 1;
        if figures.is_empty() {
            let why = unread.unwrap_or_else(|| "no iXBRL revenue lines".to_string());
            done.without_lines.push(Failure::new(filing_read.document_url.clone(), why));
            continue;
        }
        let all = store.discovered_lines(filing_read.cik).await?;
        if let Some(found) = candidate::candidate(&all) {
            let raised = Candidate {
                filing: filing_read,
                line: found.line,
                term: found.term.words.to_string(),
                term_reason: found.term.reason.to_string(),
                reason: found.reason,
                figures: found.figures,
                followed: None,
            };
            if store.raise_candidate(&raised).await? {
                done.raised.push(raised);
            }
        }
    }
    Ok(done)
}

/// A filing that will never read better: its index names no primary document, or EDGAR says
/// it is gone.
fn is_permanent(e: &CrawlError) -> bool {
    match e {
        CrawlError::Malformed { .. } => true,
        CrawlError::Http(http) => http.is_permanent(),
        _ => false,
    }
}

/// The revenue lines (not totals) the primary document's inline XBRL states, as line figures.
pub fn line_figures(read: &ReadFiling) -> Result<Vec<LineFigure>, String> {
    let hint = read.content_type.clone().unwrap_or_else(|| read.filing.document_url.clone());
    let extraction = extract::extract(&read.document, Some(&hint), None, None)
        .map_err(|e| format!("{}: {e}", read.filing.document_url))?;
    Ok(extraction
        .facts
        .into_iter()
        .filter(|f| f.extractor == Extractor::Ixbrl && f.segment != Segment::Total)
        .map(|f| LineFigure { line: f.label, period: f.period, value_usd: f.value_usd })
        .collect())
}
