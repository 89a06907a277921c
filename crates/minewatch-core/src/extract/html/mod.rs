//! The one HTML reader: bytes → a [`Page`] (title, visible text, prose, tables), for press-release
//! extraction (`extract` reads its tables, then its prose) and for the search index
//! (`extract::text`), so both see the same words.
//!
//! Three steps: [`decode`] picks the charset as browsers do, [`parse`] builds the tree within a
//! nesting budget, [`page`] walks it once. Inline XBRL facts are read by `extract::ixbrl`; this
//! reader gives such a filing's visible text.

mod decode;
mod grid;
mod page;
mod parse;

use thiserror::Error;

pub use decode::decode;
pub use page::{CONTEXT_BYTES, HtmlTable, Page};
pub use parse::MAX_DEPTH;

/// Why a page could not be read.
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum HtmlError {
    #[error("elements nested {depth} deep, beyond the {MAX_DEPTH}-deep limit")]
    TooDeep { depth: usize },
}

/// Reads a page. `content_type` is the HTTP header it came with, if known (its charset counts).
pub fn read(bytes: &[u8], content_type: Option<&str>) -> Result<Page, HtmlError> {
    Ok(page::read_page(&tree(bytes, content_type)?))
}

/// The page's element tree, decoded and parsed as [`read`] does (within the nesting budget), for
/// a reader that selects from it itself: the crawler's IR listing pages.
pub fn tree(bytes: &[u8], content_type: Option<&str>) -> Result<scraper::Html, HtmlError> {
    parse::parse(&decode(bytes, content_type))
}
