//! What a failed request tells the client: the status and a message it can act on, as JSON
//! (`{"error": …, "position": …}`). Internal causes (SQL, I/O, tantivy) are logged, never sent.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::index::IndexError;
use crate::store::StoreError;

/// A request that could not be answered.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The client's mistake; `position` is the byte offset in the query text where parsing failed.
    #[error("{message}")]
    BadRequest { message: String, position: Option<usize> },
    #[error("{0}")]
    NotFound(String),
    #[error("a bearer token is required")]
    Unauthorized,
    /// Ours: logged with its cause, shown as a bare 500.
    #[error(transparent)]
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

/// The JSON body of every error.
#[derive(Debug, Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::BadRequest { message: message.into(), position: None }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client is told; logs the cause of an internal error on the way.
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(cause) => {
                tracing::error!("request failed: {cause}");
                "internal error (see the server log)".to_string()
            }
            other => other.to_string(),
        }
    }

    fn position(&self) -> Option<usize> {
        match self {
            AppError::BadRequest { position, .. } => *position,
            _ => None,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        AppError::Internal(Box::new(e))
    }
}

impl From<IndexError> for AppError {
    fn from(e: IndexError) -> AppError {
        match e {
            IndexError::Query(q) => AppError::BadRequest { message: q.to_string(), position: q.position },
            other => AppError::Internal(Box::new(other)),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let message = self.public_message();
        let body = Json(ErrorBody { error: &message, position: self.position() });
        let mut response = (self.status(), body).into_response();
        if matches!(self, AppError::Unauthorized) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
