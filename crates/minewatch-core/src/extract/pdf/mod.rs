//! PDF results releases and shareholder letters → table grids and page text.
//!
//! Miners publish many quarters only as PDF. Their revenue tables are text placed at positions,
//! so this reads positions: [`content`] interprets each page's operators into text runs (fonts in
//! [`font`], ToUnicode in [`cmap`]), [`layout`] turns them upright and groups them into lines of
//! cells, and [`grid`] finds tables and lays them out on common columns. The grids have the
//! shape an HTML table has after the HTML reader (`html/grid.rs`) expands it, so one table reader serves both:
//! one row per line, the label first, then one cell per figure column (a `$` set apart from its
//! figure is joined to it as `"$ 167.4"`; header text spanning columns is repeated into each).
//!
//! Untrusted input is bounded: at most [`MAX_PAGES`] pages are read, all decompression of one
//! document shares [`MAX_DECOMPRESSED_BYTES`], operators per page and Form XObject nesting are
//! capped, and nothing here panics on malformed input.

mod budget;
mod cmap;
mod content;
mod font;
mod grid;
mod layout;
mod matrix;

use lopdf::{Dictionary, Document, LoadOptions, ObjectId};
use thiserror::Error;

use budget::{Budget, StreamError};
use content::{FontCache, Interpreter, PageContent};
use grid::FoundTable;

/// Pages read from one document; later pages are skipped with a warning.
pub const MAX_PAGES: usize = 500;

/// Total bytes all streams of one document may decompress to.
pub const MAX_DECOMPRESSED_BYTES: usize = 64 << 20;

/// Lines a page may hold above a table continued from the previous page (a running head) and
/// below a table that continues on the next page (a footer, a page number).
const MAX_MARGIN_LINES: usize = 2;

/// Why a PDF could not be read at all.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PdfError {
    #[error("the file is empty")]
    Empty,
    #[error("not a readable PDF: {0}")]
    Unreadable(String),
    #[error("the PDF is encrypted and does not open with an empty password")]
    Encrypted,
    #[error("the PDF has no pages")]
    NoPages,
    #[error("the PDF decompresses to more than {limit} bytes")]
    TooLarge { limit: usize },
}

/// A table found in a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfTable {
    /// 1-based page the table starts on.
    pub page: usize,
    /// Rows of cells: label first, then one cell per column.
    pub grid: Vec<Vec<String>>,
    /// The text lines just above the table (title, scale, period).
    pub context: String,
}

/// What a PDF holds, laid out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfLayout {
    /// Pages in the document (including any beyond [`MAX_PAGES`], which are not read).
    pub pages: usize,
    pub tables: Vec<PdfTable>,
    /// Every page's lines, pages separated by a form feed line.
    pub text: String,
    /// Pages without a text layer, pages cut short, pages not read.
    pub warnings: Vec<String>,
}

/// One page, laid out: its lines as text and its tables.
#[derive(Debug)]
struct PdfPage {
    text: String,
    tables: Vec<FoundTable>,
}

/// Reads the tables and text of a PDF.
pub fn pdf_tables(bytes: &[u8]) -> Result<PdfLayout, PdfError> {
    let doc = open(bytes)?;
    let page_ids: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if page_ids.is_empty() {
        return Err(PdfError::NoPages);
    }
    let mut out = PdfLayout { pages: doc.get_pages().len(), ..PdfLayout::default() };
    if page_ids.len() > MAX_PAGES {
        out.warnings.push(format!("only the first {MAX_PAGES} of {} pages were read", out.pages));
    }
    let mut fonts = FontCache::new();
    let mut budget = Budget::new(MAX_DECOMPRESSED_BYTES);
    let mut texts = Vec::new();
    let mut last_page_open_table = false;
    for (number, &id) in (1..).zip(page_ids.iter().take(MAX_PAGES)) {
        let content = read_page(&doc, id, &mut fonts, &mut budget)?;
        if let Some(why) = content.truncated {
            out.warnings.push(format!("page {number} was read only in part: {why}"));
        }
        if content.runs.iter().all(|r| r.text.trim().is_empty()) && content.images > 0 {
            out.warnings.push(format!("page {number} has no text layer (scanned?)"));
        }
        let page = lay_out(content);
        let open_table = page.tables.last().is_some_and(|t| t.lines_below <= MAX_MARGIN_LINES);
        for (i, table) in page.tables.into_iter().enumerate() {
            if !(i == 0 && last_page_open_table && continue_table(&mut out.tables, &table)) {
                out.tables.push(PdfTable { page: number, grid: table.grid, context: table.context });
            }
        }
        last_page_open_table = open_table;
        texts.push(page.text);
    }
    out.text = texts.join("\n\u{c}\n");
    Ok(out)
}

/// Loads the document, opening it with the empty password if it is encrypted.
fn open(bytes: &[u8]) -> Result<Document, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    let options = LoadOptions {
        password: Some(String::new()),
        max_decompressed_size: Some(MAX_DECOMPRESSED_BYTES),
        ..LoadOptions::default()
    };
    let mut doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PdfError::TooLarge { limit: MAX_DECOMPRESSED_BYTES }
        }
        other => PdfError::Unreadable(other.to_string()),
    })?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|_| PdfError::Encrypted)?;
    }
    Ok(doc)
}

/// Interprets one page's content streams.
fn read_page(
    doc: &Document,
    id: ObjectId,
    fonts: &mut FontCache,
    budget: &mut Budget,
) -> Result<PageContent, PdfError> {
    let too_large = |_| PdfError::TooLarge { limit: MAX_DECOMPRESSED_BYTES };
    let mut content = Vec::new();
    let mut unreadable = false;
    for stream in
        doc.get_page_contents(id).into_iter().filter_map(|s| doc.get_object(s).and_then(|o| o.as_stream()).ok())
    {
        match budget.decompress(stream) {
            Ok(bytes) => content.extend_from_slice(&bytes),
            Err(StreamError::Unreadable) => unreadable = true,
            Err(e) => return Err(too_large(e)),
        }
        content.push(b'\n');
    }
    let resources = page_resources(doc, id);
    let mut page = Interpreter::new(doc, fonts, budget).run_page(&content, resources).map_err(too_large)?;
    if unreadable {
        page.truncated.get_or_insert("a content stream does not decode");
    }
    Ok(page)
}

/// The page's `/Resources`, inherited from the page tree when the page has none.
fn page_resources(doc: &Document, id: ObjectId) -> Option<&Dictionary> {
    let (inline, referenced) = doc.get_page_resources(id).ok()?;
    inline.or_else(|| referenced.first().and_then(|r| doc.get_dictionary(*r).ok()))
}

/// Lines, text and tables of one interpreted page.
fn lay_out(content: PageContent) -> PdfPage {
    let (runs, aside) = layout::upright(content.runs);
    let lines = layout::lines(runs);
    let mut text: Vec<String> = lines.iter().map(layout::Line::text).collect();
    text.extend(aside);
    PdfPage { text: text.join("\n"), tables: grid::tables(&lines) }
}

/// Appends `next` to the last table if it continues it: same columns, nothing but a running
/// head above it, and either no header or the same header again (which is dropped).
fn continue_table(tables: &mut [PdfTable], next: &FoundTable) -> bool {
    let Some(last) = tables.last_mut() else { return false };
    let width = |g: &[Vec<String>]| g.first().map_or(0, Vec::len);
    let header = next.grid.get(..next.header_rows).unwrap_or_default();
    let repeats = header.is_empty() || last.grid.starts_with(header);
    if next.lines_above > MAX_MARGIN_LINES || width(&last.grid) != width(&next.grid) || !repeats {
        return false;
    }
    last.grid.extend(next.grid.iter().skip(next.header_rows).cloned());
    true
}
