//! Bytes → the text a reader sees, for the search index.
//!
//! Analysts search what a filing *says*, so markup, `<script>`, `<style>`, the `<head>` and inline
//! XBRL's hidden header are left out: otherwise every 10-Q would match "iso4217" and context ids.
//! HTML and inline XBRL go through the one HTML reader ([`super::html`]), so the index reads a page
//! exactly as extraction does (same charset, same hidden parts); PDFs through the PDF reader.

use super::html::{self, HtmlError};
use super::pdf::PdfError;
use super::{Kind, sniff};

/// Why a document's words could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error(transparent)]
    Html(#[from] HtmlError),
    /// The PDF has no text the reader can get at (scanned, encrypted, damaged).
    #[error("PDF text unreadable: {0}")]
    Pdf(#[from] PdfError),
}

/// What the index stores of a document's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisibleText {
    /// The document's own title (HTML `<title>`), if it has a non-blank one.
    pub title: Option<String>,
    /// The visible text, whitespace collapsed, paragraphs on their own lines.
    pub text: String,
}

/// The visible text of a stored document; `content_type` is the type it was served with.
pub fn visible_text(bytes: &[u8], content_type: Option<&str>) -> Result<VisibleText, TextError> {
    match sniff(bytes, content_type) {
        Kind::Html | Kind::Ixbrl => {
            let page = html::read(bytes, content_type)?;
            Ok(VisibleText { title: page.title, text: page.text })
        }
        Kind::Text => Ok(VisibleText { title: None, text: collapse_whitespace(&String::from_utf8_lossy(bytes)) }),
        Kind::Pdf => {
            let layout = super::pdf::pdf_tables(bytes)?;
            Ok(VisibleText { title: None, text: collapse_whitespace(&layout.text) })
        }
    }
}

/// Runs of whitespace become one space, or one newline when the run holds a line break.
fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending: Option<char> = None;
    for c in raw.chars() {
        if c.is_whitespace() {
            let c = if c == '\n' { '\n' } else { ' ' };
            pending = Some(if pending == Some('\n') { '\n' } else { c });
        } else {
            if let Some(space) = pending.take()
                && !out.is_empty()
            {
                out.push(space);
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const IXBRL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">
<head><title>wulf-20260331</title><style>p { color: red }</style></head>
<body><div style="display: none"><ix:header><ix:hidden>
<ix:nonNumeric name="dei:AmendmentFlag">false</ix:nonNumeric></ix:hidden>
<ix:resources><xbrli:context id="c-1">iso4217:USD</xbrli:context></ix:resources></ix:header></div>
<p>HPC lease revenue of <ix:nonFraction name="us-gaap:Revenues" scale="3">21,047</ix:nonFraction> thousand</p>
<script>var hidden = "iso4217";</script>
<table><tr><td>Digital asset revenue</td><td>13,163</td></tr></table></body></html>"#;

    fn read(bytes: &[u8], content_type: Option<&str>) -> VisibleText {
        visible_text(bytes, content_type).unwrap_or_default()
    }

    #[test]
    fn ixbrl_hidden_header_scripts_and_styles_are_not_visible() {
        let read = read(IXBRL.as_bytes(), Some("text/html"));
        assert_eq!(read.text, "HPC lease revenue of 21,047 thousand\nDigital asset revenue 13,163");
        assert_eq!(read.title.as_deref(), Some("wulf-20260331"));
    }

    #[test]
    fn an_unreadable_pdf_has_no_text_and_plain_text_keeps_its_line_breaks() {
        assert_eq!(read(b"%PDF-1.7 HPC lease revenue", None).text, "");
        assert_eq!(read(b"anything", Some("application/pdf")), VisibleText::default());
        assert_eq!(read(b"  HPC \r\n\n lease\trevenue ", Some("text/plain; charset=utf-8")).text, "HPC\nlease revenue");
    }

    #[test]
    fn a_pdf_reads_as_its_lines() {
        let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf/iren-q2-fy2026.pdf"));
        let pdf = pdf.unwrap_or_default();
        let text = read(&pdf, Some("application/pdf")).text;
        assert!(text.contains("our AI cloud services business more than quadrupled"), "{text}");
    }

    #[test]
    fn garbage_never_panics() {
        let deep = "<div>".repeat(html::MAX_DEPTH + 10);
        let inputs: [&[u8]; 6] =
            [b"", b"\xff\xfe\x00<<>>", b"<html><body><p>unclosed", deep.as_bytes(), b"<title>  </title>x", b"<"];
        for bytes in inputs {
            let _ = visible_text(bytes, None);
            let _ = visible_text(bytes, Some("text/html"));
        }
        assert_eq!(read(b"<title>  </title>x", None), VisibleText { title: None, text: "x".into() });
        assert!(matches!(visible_text(deep.as_bytes(), None), Err(TextError::Html(HtmlError::TooDeep { .. }))));
    }
}
