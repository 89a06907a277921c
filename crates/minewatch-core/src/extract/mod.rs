//! Bytes → facts. Pure, synchronous functions: no I/O, no async, no SQL.
//!
//! [`extract`] sniffs what a document is and hands it to the one reader for that kind: inline
//! XBRL (10-Q/10-K) to [`ixbrl`] (facts, then [`ixbrl::revenue`]), press-release HTML to [`html`] (tables,
//! then prose), PDF to [`pdf`] (positioned text → the same tables, then prose). Each reader runs
//! [`isolated`]: one that panics costs its own findings only, with a warning or failure naming it.

pub mod cell;
pub mod columns;
mod currency;
pub mod formerly;
pub mod html;
mod isolate;
pub mod ixbrl;
pub mod pdf;
pub mod period;
pub mod prose;
pub mod segment;
pub mod table;
pub mod text;

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::bytes::Regex;
use thiserror::Error;

use crate::model::{Company, Extractor, Fact, FiscalYearEnd, LabelOverride};
use currency::foreign_currency;
pub use isolate::{ReaderPanic, isolated};
use prose::read_prose;
use table::{TableContext, TableError, read_table};

/// Largest document read; anything bigger is refused before parsing.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Fiscal year end assumed when no company is given.
pub const CALENDAR_YEAR_END: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };

/// What one document yielded: its revenue facts and what the readers could not place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub facts: Vec<Fact>,
    /// Unrecognised revenue lines (counted as other), unreadable tables, and the like.
    pub warnings: Vec<String>,
}

/// Why a document gave no extraction at all.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExtractError {
    #[error("PDF: {0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("document of {bytes} bytes exceeds the {MAX_DOCUMENT_BYTES}-byte limit")]
    TooLarge { bytes: usize },
    #[error("inline XBRL: {0}")]
    Ixbrl(#[from] ixbrl::IxbrlError),
    #[error("HTML: {0}")]
    Html(#[from] html::HtmlError),
    #[error(transparent)]
    Panicked(#[from] ReaderPanic),
}

/// The company rules every reader needs: its fiscal calendar and label overrides.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    pub fye: FiscalYearEnd,
    pub overrides: &'a [LabelOverride],
    /// The company's name as registered ("Bit Digital, Inc."), empty when unknown: a sentence
    /// whose subject is the company states its total.
    pub name: &'a str,
    /// The day the document was published (its filing or feed date), when known: it places a
    /// quarter the text names without a year ("results for the third quarter").
    pub published: Option<NaiveDate>,
}

impl<'a> Rules<'a> {
    /// The company's rules, or calendar-year defaults without overrides.
    pub fn of(company: Option<&'a Company>, published: Option<NaiveDate>) -> Rules<'a> {
        company.map_or(Rules { fye: CALENDAR_YEAR_END, overrides: &[], name: "", published }, |c| Rules {
            fye: c.fiscal_year_end,
            overrides: &c.overrides,
            name: &c.name,
            published,
        })
    }
}

/// What kind of document the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ixbrl,
    Html,
    Pdf,
    /// Plain text (a wire copy saved as `.txt`, a `text/plain` exhibit): its line breaks are
    /// kept, since they end headings and table rows that an HTML reading would run together.
    Text,
}

static INLINE_XBRL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<ix:header|http://www\.xbrl\.org/2013/inlinexbrl")
        .unwrap_or_else(|e| unreachable!("ixbrl sniff regex: {e}"))
});

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?[a-z][a-z0-9]*[\s/>]|<!").unwrap_or_else(|e| unreachable!("markup regex: {e}"))
});

/// Sniffs the kind: `%PDF-` (or a PDF hint) is PDF, the inline-XBRL namespace or `<ix:header` is
/// iXBRL, a `text/plain` or `.txt` hint or bytes without a single tag are text, anything else
/// is read as HTML.
pub fn sniff(bytes: &[u8], kind_hint: Option<&str>) -> Kind {
    let head = bytes.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &bytes[i..]);
    let hint = kind_hint.map(str::to_ascii_lowercase).unwrap_or_default();
    if head.starts_with(b"%PDF-") || hint.contains("application/pdf") || hint.ends_with(".pdf") {
        Kind::Pdf
    } else if INLINE_XBRL.is_match(bytes) {
        Kind::Ixbrl
    } else if hint.contains("text/plain") || hint.ends_with(".txt") || !MARKUP.is_match(bytes) {
        Kind::Text
    } else {
        Kind::Html
    }
}

/// Reads one document's revenue facts.
///
/// `kind_hint` is the content type or file name, if known; `company` gives the fiscal calendar
/// and label overrides (calendar year and defaults without it); `published` is the document's
/// filing or feed date, if known.
pub fn extract(
    bytes: &[u8],
    kind_hint: Option<&str>,
    company: Option<&Company>,
    published: Option<NaiveDate>,
) -> Result<Extraction, ExtractError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ExtractError::TooLarge { bytes: bytes.len() });
    }
    let rules = Rules::of(company, published);
    match sniff(bytes, kind_hint) {
        Kind::Pdf => {
            let layout = isolated("PDF", || pdf::pdf_tables(bytes))??;
            let tables = layout.tables.iter().map(|t| (Ok(t.grid.as_slice()), t.context.as_str()));
            let mut read = tables_then_prose(READERS, tables, &layout.text, &rules, Extractor::PdfTable);
            read.warnings.splice(0..0, layout.warnings);
            Ok(read)
        }
        Kind::Ixbrl => isolated("inline XBRL", || {
            let mut warnings = Vec::new();
            let facts = ixbrl::revenue::revenue_facts(&ixbrl::parse(bytes)?, rules.overrides, &mut warnings);
            Ok::<_, ExtractError>(Extraction { facts, warnings })
        })?,
        Kind::Html => {
            let page = isolated("HTML", || html::read(bytes, kind_hint))??;
            let tables = page.tables.iter().map(|t| (t.grid.as_deref().map_err(Clone::clone), t.context.as_str()));
            Ok(tables_then_prose(READERS, tables, &page.prose, &rules, Extractor::HtmlTable))
        }
        Kind::Text => {
            let text = String::from_utf8_lossy(bytes);
            Ok(tables_then_prose(READERS, std::iter::empty(), &text, &rules, Extractor::HtmlTable))
        }
    }
}

/// A reader of one table: its grid, where it stands, the warnings so far → its facts.
type TableReader = fn(&[Vec<String>], &TableContext<'_>, &mut Vec<String>) -> Result<Vec<Fact>, TableError>;

/// A reader of a release's text, given the facts its tables state → its facts.
type ProseReader = fn(&str, &Rules<'_>, &[Fact], &mut Vec<String>) -> Vec<Fact>;

/// The readers of a release's tables and of its text, as [`tables_then_prose`] takes them.
#[derive(Debug, Clone, Copy)]
struct Readers {
    table: TableReader,
    prose: ProseReader,
}

/// The one table reader and the prose reader.
const READERS: Readers = Readers { table: read_table, prose: read_prose };

/// Table facts first, then prose facts for the (period, segment) pairs no table states:
/// the same reading for HTML and PDF. Each table comes with the text just before it. Each table
/// and the prose are read [`isolated`]: a reader that panics is a warning, the others' facts stay.
fn tables_then_prose<'g>(
    readers: Readers,
    tables: impl Iterator<Item = (Result<&'g [Vec<String>], TableError>, &'g str)>,
    text: &str,
    rules: &Rules<'_>,
    extractor: Extractor,
) -> Extraction {
    let tables: Vec<_> = tables.collect();
    let rules = &prose::in_stated_calendar(text, rules);
    let stated_in = foreign_currency(text).or_else(|| tables.iter().find_map(|(_, nearby)| foreign_currency(nearby)));
    if let Some(code) = stated_in {
        let warning = format!("the document states its amounts in {code}; minewatch stores US dollars: not read");
        return Extraction { facts: Vec::new(), warnings: vec![warning] };
    }
    let mut warnings = Vec::new();
    let mut facts = Vec::new();
    for (i, (grid, nearby_text)) in tables.into_iter().enumerate() {
        let ctx = TableContext { number: i + 1, nearby_text, rules: *rules, extractor };
        let read = grid
            .and_then(|grid| isolated("table", || (readers.table)(grid, &ctx, &mut warnings)).map_err(TableError::from))
            .and_then(|read| read);
        match read {
            Ok(found) => facts.extend(found),
            Err(e) => warnings.push(format!("table {}: {e}", i + 1)),
        }
    }
    let prose = isolated("prose", || (readers.prose)(text, rules, &facts, &mut warnings)).unwrap_or_else(|e| {
        warnings.push(e.to_string());
        Vec::new()
    });
    let stated: HashSet<_> = facts.iter().map(|f| (f.period, f.segment)).collect();
    facts.extend(prose.into_iter().filter(|f| !stated.contains(&(f.period, f.segment))));
    Extraction { facts, warnings }
}

#[cfg(test)]
mod tests {
    use super::html::CONTEXT_BYTES;
    use super::*;

    #[test]
    fn sniffs_each_kind() {
        assert_eq!(sniff(b"  %PDF-1.7\n...", None), Kind::Pdf);
        assert_eq!(sniff(b"<html>", Some("release.PDF")), Kind::Pdf);
        assert_eq!(sniff(br#"<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">"#, None), Kind::Ixbrl);
        assert_eq!(sniff(b"<html><body><div style='display:none'><ix:header>", None), Kind::Ixbrl);
        assert_eq!(sniff(b"<html><body><p>Revenue</p>", Some("text/html")), Kind::Html);
        assert_eq!(sniff(b"<p>Revenue</p>", Some("copy.txt")), Kind::Text);
        assert_eq!(sniff(b"Revenue rose <5% on a year ago", None), Kind::Text);
        assert_eq!(sniff(b"Revenue <b>rose</b>", None), Kind::Html);
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        let text = "Acme reports the second quarter of 2025\nResults and Key Metrics\nRevenue for the three months ended \
            June 30, 2025, rose to $35.2 million.";
        let read = extract(text.as_bytes(), None, None, None).unwrap_or_default();
        let got: Vec<_> = read.facts.iter().map(|f| (f.segment, f.value_usd)).collect();
        assert_eq!(got, vec![(crate::model::Segment::Total, 35_200_000)], "{:?}", read.warnings);
    }

    #[test]
    fn broken_pdf_and_oversized_documents_are_clear_errors() {
        assert!(matches!(extract(b"%PDF-1.4", None, None, None), Err(ExtractError::Pdf(_))));
        let huge = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        assert!(matches!(extract(&huge, None, None, None), Err(ExtractError::TooLarge { .. })));
        assert_eq!(extract(b"", None, None, None).map(|e| e.facts.len()).ok(), Some(0));
    }

    #[test]
    fn prose_only_fills_what_tables_leave_out() {
        let html = b"<p>Results for the three months ended March 31, 2026.</p>\
            <ul><li>HPC lease revenue of $21.0 million.</li><li>Total revenue was $34.0 million.</li></ul>\
            <p>(in thousands)</p><table><tr><td></td><td>Three Months Ended March 31, 2026</td></tr>\
            <tr><td>Total revenue</td><td>34,012</td></tr></table>";
        let got = extract(html, Some("text/html"), None, None).unwrap_or_default();
        let summary: Vec<_> =
            got.facts.iter().map(|f| (f.segment.as_str(), f.value_usd, f.extractor.as_str())).collect();
        assert_eq!(summary, vec![("total", 34_012_000, "html_table"), ("hpc", 21_000_000, "prose")]);
    }

    /// Issue 13.1: a panic in the prose reader failed the whole document and lost its table facts.
    #[test]
    fn a_reader_panicking_keeps_the_other_readers_facts() {
        let page = html::read(
            b"<p>Results for the three months ended March 31, 2026.</p><p>Total revenue was $34.0 million.</p>\
              <p>(in thousands)</p><table><tr><td></td><td>Three Months Ended March 31, 2026</td></tr>\
              <tr><td>HPC lease revenue</td><td>21,047</td></tr></table>\
              <p>(in thousands)</p><table><tr><td></td><td>Three Months Ended March 31, 2026</td></tr>\
              <tr><td>Digital asset revenue</td><td>12,965</td></tr></table>",
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let read = |readers: Readers| {
            let tables = page.tables.iter().map(|t| (t.grid.as_deref().map_err(Clone::clone), t.context.as_str()));
            let got = tables_then_prose(readers, tables, &page.prose, &Rules::of(None, None), Extractor::HtmlTable);
            let facts: Vec<_> = got.facts.iter().map(|f| (f.segment.as_str(), f.value_usd)).collect();
            (facts, got.warnings)
        };
        let (facts, warnings) = read(READERS);
        assert_eq!(facts, [("hpc", 21_047_000), ("mining", 12_965_000), ("total", 34_000_000)]);
        assert_eq!(warnings, Vec::<String>::new());

        let prose_panics = Readers { prose: |_, _, _, _| panic!("byte index 5 is not a char boundary"), ..READERS };
        let (facts, warnings) = read(prose_panics);
        assert_eq!(facts, [("hpc", 21_047_000), ("mining", 12_965_000)]);
        assert_eq!(warnings, ["the prose reader panicked: byte index 5 is not a char boundary"]);

        let first_table_panics = Readers {
            table: |grid, ctx, warnings| match ctx.number {
                1 => panic!("index out of bounds"),
                _ => read_table(grid, ctx, warnings),
            },
            ..READERS
        };
        let (facts, warnings) = read(first_table_panics);
        assert_eq!(facts, [("mining", 12_965_000), ("total", 34_000_000)]);
        assert_eq!(warnings, ["table 1: the table reader panicked: index out of bounds"]);
    }

    fn nested_release(depth: usize) -> String {
        let inside = "<p>Results for the three months ended March 31, 2026.</p><p>Total revenue was $34.0 million.</p>";
        format!("<html><body>{}{inside}{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn deeply_nested_divs_read_in_linear_time() {
        // 200,000 nested <div>s (7.6 MB in the report) took 384 s: now refused at the nesting budget.
        let refused = extract(nested_release(200_000).as_bytes(), Some("text/html"), None, None);
        assert!(
            matches!(refused, Err(ExtractError::Html(html::HtmlError::TooDeep { depth })) if depth > html::MAX_DEPTH),
            "{refused:?}"
        );
        // Within the budget the same page gives its facts.
        let read = extract(nested_release(html::MAX_DEPTH - 10).as_bytes(), Some("text/html"), None, None);
        let values: Vec<_> = read.map(|e| e.facts.iter().map(|f| f.value_usd).collect()).unwrap_or_default();
        assert_eq!(values, vec![34_000_000]);
    }

    fn warnings_and_values(html: &str) -> (Vec<String>, Vec<i64>) {
        let read = extract(html.as_bytes(), Some("text/html"), None, None).unwrap_or_default();
        (read.warnings, read.facts.iter().map(|f| f.value_usd).collect())
    }

    const REVENUE_TABLE: &str = "<table><tr><td></td><td>Three Months Ended March 31, 2026</td></tr>\
        <tr><td>HPC lease revenue</td><td>21,047</td></tr></table>";

    #[test]
    fn scale_far_above_the_table_in_its_heading_is_found() {
        let filler = "<p>Forward-looking statements are not guarantees of future performance.</p>".repeat(20);
        let html = format!("<h3>Revenue by segment (in thousands)</h3>{filler}{REVENUE_TABLE}");
        assert!(filler.len() > CONTEXT_BYTES);
        assert_eq!(warnings_and_values(&html), (vec![], vec![21_047_000]));
        let bold = format!("<p><b>Revenue by segment</b></p><p><b>($ in millions)</b></p>{filler}{REVENUE_TABLE}");
        assert_eq!(warnings_and_values(&bold), (vec![], vec![21_047_000_000]));
    }

    #[test]
    fn scale_in_the_caption_is_found() {
        let html = REVENUE_TABLE.replace("<table>", "<table><caption>Revenue (dollars in thousands)</caption>");
        assert_eq!(warnings_and_values(&html), (vec![], vec![21_047_000]));
    }

    #[test]
    fn scale_stated_nowhere_is_warned_not_silently_guessed() {
        // 21,047 whole dollars is no listed company's revenue line: not read, and said so.
        let (warnings, values) = warnings_and_values(&format!("<p>Our results.</p>{REVENUE_TABLE}"));
        assert_eq!(values, Vec::<i64>::new());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("table 1: no scale"), "{warnings:?}");
        // Figures written out in dollars need no scale.
        let dollars = REVENUE_TABLE.replace("21,047", "21,047,311");
        assert_eq!(warnings_and_values(&dollars), (vec![], vec![21_047_311]));
    }
}
