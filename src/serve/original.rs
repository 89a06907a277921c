//! `GET /documents/{id}/original`: the stored bytes of a filing or release, as fetched.
//!
//! Filings are untrusted HTML. They are served with the stored content type but under
//! `Content-Security-Policy: sandbox` (no scripts, an opaque origin that cannot read this
//! server's pages) and `X-Content-Type-Options: nosniff` (no second guessing of the type).

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::api::stored_document;
use super::{AppError, AppState};

/// What a document without a usable stored content type is served as.
const FALLBACK_TYPE: &str = "application/octet-stream";

pub(super) async fn original(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let record = stored_document(&state, id).await?;
    let store = state.store.clone();
    let sha = record.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || store.blobs().get(&sha))
        .await
        .map_err(|e| AppError::Internal(Box::new(e)))??;
    let content_type = record
        .content_type
        .as_deref()
        .and_then(|t| HeaderValue::from_str(t).ok())
        .unwrap_or(HeaderValue::from_static(FALLBACK_TYPE));
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{}\"", file_name(&record.url)))
        .unwrap_or(HeaderValue::from_static("inline"));
    let headers = [
        (header::CONTENT_TYPE, content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox")),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    ];
    Ok((headers, bytes).into_response())
}

/// The URL's last segment with anything but `[A-Za-z0-9._-]` replaced, for a download name.
fn file_name(url: &str) -> String {
    let last = url.split(['?', '#']).next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
    let safe: String =
        last.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    if safe.trim_matches(['.', '_']).is_empty() { "document".to_string() } else { safe }
}

#[cfg(test)]
mod tests {
    #[test]
    fn download_names_keep_only_safe_characters() {
        assert_eq!(super::file_name("https://www.sec.gov/a/b/wulf-20260331.htm?x=1"), "wulf-20260331.htm");
        assert_eq!(super::file_name("https://x/a/\"evil\r\n.htm"), "_evil__.htm");
        assert_eq!(super::file_name("https://x/a/.."), "document");
    }
}
