//! Documents whose stored bytes went missing or were damaged on disk (found by extract or the
//! index, which check every blob's hash) are fetched again at the start of the next run: the
//! same bytes restore the blob and the document is extracted again; other bytes are its next
//! version.

use super::CrawlReport;
use super::http::HttpClient;
use crate::config::CrawlConfig;
use crate::store::{NewDocument, Store, StoreError, sha256_hex};

/// Fetches every document whose blob was lost again; those stored go in `new_documents`.
pub async fn refetch_lost(http: &HttpClient, store: &Store, config: &CrawlConfig) -> Result<CrawlReport, StoreError> {
    let mut report = CrawlReport::default();
    let press = http.for_press(config.press_rate_per_second, config.press_base.as_deref());
    for id in store.documents_blob_lost().await? {
        let Some(doc) = store.document(id).await? else { continue };
        let client = if doc.source == "press" { &press } else { http };
        let body = match client.fetch(&doc.url, None).await {
            Ok(body) => body,
            Err(e) => {
                report.fail(&doc.url, &format!("its stored bytes were lost and fetching them again failed: {e}"));
                continue;
            }
        };
        if sha256_hex(&body.bytes) == doc.sha256 {
            store.restore_blob(id, &body.bytes).await?;
            report.new_documents.push(id);
            continue;
        }
        let version = NewDocument {
            content_type: body.content_type.as_deref(),
            validators: body.validators,
            ..doc.again(&doc.url)
        };
        report.new_documents.push(store.put_document(&version, &body.bytes).await?);
    }
    Ok(report)
}
