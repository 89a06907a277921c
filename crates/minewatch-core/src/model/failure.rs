//! Failures: a document, listing or stage that could not be done this run, named by its URL.

use serde::Serialize;

/// One document or listing that failed to be fetched, read or indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub url: String,
    pub message: String,
}

impl Failure {
    pub fn new(url: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure { url: url.into(), message: message.into() }
    }
}
