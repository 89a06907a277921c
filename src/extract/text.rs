//! Bytes → the text a reader sees, for the search index.
//!
//! Analysts search what a filing *says*, so markup, `<script>`, `<style>`, the `<head>` and inline
//! XBRL's hidden header (`ix:header`, and the `display:none` block that holds it) are left out:
//! otherwise every 10-Q would match "iso4217" and context ids. One function per format, chosen by
//! [`visible_text`]; PDFs get their text from the PDF reader (`extract::pdf`).
//! Pure and total: garbage in gives some text (possibly empty) out, never a panic.

use scraper::{Html, Node};

use super::{Kind, sniff};

/// The visible text of a stored document, whitespace collapsed, paragraphs on their own lines.
pub fn visible_text(bytes: &[u8], content_type: Option<&str>) -> String {
    match sniff(bytes, content_type) {
        Kind::Html | Kind::Ixbrl => read_html(bytes).text,
        // The PDF reader's lines; a PDF it cannot read is indexed by its metadata only.
        Kind::Pdf => super::pdf::pdf_tables(bytes).map(|layout| collapse_whitespace(&layout.text)).unwrap_or_default(),
    }
}

/// The document's own title (HTML `<title>`), if it has a non-blank one.
pub fn title(bytes: &[u8], content_type: Option<&str>) -> Option<String> {
    match sniff(bytes, content_type) {
        Kind::Html | Kind::Ixbrl => read_html(bytes).title,
        Kind::Pdf => None,
    }
}

/// What one pass over an HTML document collects.
#[derive(Debug, Default)]
struct HtmlText {
    title: Option<String>,
    text: String,
}

/// A step of the walk: a node to visit, or the break to write once an element's children are done.
enum Step<N> {
    Visit(N),
    Break(char),
}

/// Walks the tree without recursion (deeply nested garbage cannot overflow the stack).
fn read_html(bytes: &[u8]) -> HtmlText {
    let html = Html::parse_document(&String::from_utf8_lossy(bytes));
    let mut out = HtmlText::default();
    let mut raw = String::new();
    let mut stack = vec![Step::Visit(html.tree.root())];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Visit(node) => node,
            Step::Break(c) => {
                raw.push(c);
                continue;
            }
        };
        let descend = match node.value() {
            Node::Text(text) => {
                raw.push_str(text);
                false
            }
            Node::Element(element) if element.name() == "title" => {
                let title: String =
                    node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                let title = collapse_whitespace(&title);
                if out.title.is_none() && !title.is_empty() {
                    out.title = Some(title);
                }
                false
            }
            Node::Element(element) if is_hidden(element) => false,
            Node::Element(element) => {
                if let Some(c) = break_after(element.name()) {
                    stack.push(Step::Break(c));
                }
                true
            }
            Node::Document | Node::Fragment => true,
            _ => false,
        };
        if descend {
            let children: Vec<_> = node.children().collect();
            stack.extend(children.into_iter().rev().map(Step::Visit));
        }
    }
    out.text = collapse_whitespace(&raw);
    out
}

/// Elements whose content a reader never sees.
fn is_hidden(element: &scraper::node::Element) -> bool {
    const HIDDEN: [&str; 6] = ["script", "style", "noscript", "template", "ix:header", "ix:hidden"];
    HIDDEN.contains(&element.name())
        || element.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            style.contains("display:none")
        })
}

/// What separates an element's text from the next: a line after blocks, a space after cells.
fn break_after(name: &str) -> Option<char> {
    const BLOCKS: [&str; 22] = [
        "p",
        "div",
        "br",
        "tr",
        "table",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "hr",
        "body",
    ];
    if BLOCKS.contains(&name) {
        Some('\n')
    } else if matches!(name, "td" | "th" | "dt" | "dd") {
        Some(' ')
    } else {
        None
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

    #[test]
    fn ixbrl_hidden_header_scripts_and_styles_are_not_visible() {
        let text = visible_text(IXBRL.as_bytes(), Some("text/html"));
        assert_eq!(text, "HPC lease revenue of 21,047 thousand\nDigital asset revenue 13,163");
        assert_eq!(title(IXBRL.as_bytes(), None).as_deref(), Some("wulf-20260331"));
    }

    #[test]
    fn an_unreadable_pdf_has_no_text_and_plain_text_is_collapsed() {
        assert_eq!(visible_text(b"%PDF-1.7 HPC lease revenue", None), "");
        assert_eq!(visible_text(b"anything", Some("application/pdf")), "");
        assert_eq!(title(b"%PDF-1.7", Some("application/pdf")), None);
        assert_eq!(
            visible_text(b"  HPC \r\n\n lease\trevenue ", Some("text/plain; charset=utf-8")),
            "HPC\nlease revenue"
        );
    }

    #[test]
    fn a_pdf_reads_as_its_lines() {
        let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/pdf/iren-q2-fy2026.pdf")).unwrap();
        let text = visible_text(&pdf, Some("application/pdf"));
        assert!(text.contains("our AI cloud services business more than quadrupled"), "{text}");
    }

    #[test]
    fn garbage_never_panics() {
        let deep = "<div>".repeat(3_000);
        let inputs: [&[u8]; 6] =
            [b"", b"\xff\xfe\x00<<>>", b"<html><body><p>unclosed", deep.as_bytes(), b"<title>  </title>x", b"<"];
        for bytes in inputs {
            let _ = visible_text(bytes, None);
            let _ = title(bytes, Some("text/html"));
        }
        assert_eq!(visible_text(b"<title>  </title>x", None), "x");
        assert_eq!(title(b"<title>  </title>x", None), None);
    }
}
