//! Press-release HTML (8-K EX-99.1, 6-K exhibits) → grids for [`super::table`] and visible text
//! for [`super::prose`].
//!
//! Tables are expanded cell by cell (colspan and rowspan repeat the cell's text into every slot it
//! covers) so that a header spanning "$" and figure columns lands above both. Text outside tables
//! is kept in document order: the stretch just before each table carries its scale ("in
//! thousands") and the whole of it carries the prose.

use std::borrow::Cow;

use scraper::{ElementRef, Html};

use super::table::{MAX_CELLS, TableError};
use super::{Extraction, Rules, tables_then_prose};
use crate::model::Extractor;

/// How much text (bytes) before a table is kept as its context.
pub const CONTEXT_BYTES: usize = 600;

/// The HTML spec's caps on spans: beyond these browsers clamp too.
const MAX_COLSPAN: usize = 1_000;
const MAX_ROWSPAN: usize = 65_534;

/// One table as a grid of cell texts, with the text that precedes it.
#[derive(Debug)]
pub struct HtmlTable {
    pub grid: Result<Vec<Vec<String>>, TableError>,
    pub text_before: String,
}

/// What a page holds for the readers: its tables and its text outside tables.
#[derive(Debug)]
pub struct Page {
    pub tables: Vec<HtmlTable>,
    pub text: String,
}

/// Reads a press release: table facts first, then prose facts for what no table states.
pub fn extract(bytes: &[u8], rules: &Rules<'_>) -> Extraction {
    let page = read_page(&decode(bytes));
    let tables = page.tables.iter().map(|t| (t.grid.as_deref().map_err(Clone::clone), t.text_before.as_str()));
    tables_then_prose(tables, &page.text, rules, Extractor::HtmlTable)
}

/// UTF-8 as is; anything else is read as Windows-1252, which older EDGAR exhibits use.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Parses the page and collects its tables and text.
pub fn read_page(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut text = String::new();
    let mut tables = Vec::new();
    let mut table_depth = 0_usize;
    walk(doc.root_element(), |event| {
        match event {
            Event::Open(e) if is_hidden(e) => return false,
            Event::Open(e) if e.value().name() == "table" => {
                tables.push(HtmlTable { grid: grid_of(e), text_before: tail(&text, CONTEXT_BYTES) });
                table_depth += 1;
            }
            Event::Close(e) if e.value().name() == "table" => {
                table_depth = table_depth.saturating_sub(1);
                push_break(&mut text);
            }
            Event::Open(e) | Event::Close(e) if is_block(e.value().name()) => push_break(&mut text),
            Event::Text(t) if table_depth == 0 => push_text(&mut text, t),
            _ => {}
        }
        true
    });
    Page { tables, text }
}

/// One step of a depth-first walk.
enum Event<'a> {
    Open(ElementRef<'a>),
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Walks `root` depth-first without recursion (documents can nest deeper than the stack allows);
/// `visit` returns false on an `Open` to skip that element's contents and its `Close`.
fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Event<'a>) -> bool) {
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        if let Some(element) = ElementRef::wrap(node) {
            if closing {
                visit(Event::Close(element));
            } else if visit(Event::Open(element)) {
                stack.push((node, true));
                let mut child = node.last_child();
                while let Some(c) = child {
                    stack.push((c, false));
                    child = c.prev_sibling();
                }
            }
        } else if let Some(t) = node.value().as_text() {
            visit(Event::Text(t));
        }
    }
}

/// Elements whose text a reader never sees, and footnote marks (`<sup>(1)</sup>`).
fn is_hidden(e: ElementRef<'_>) -> bool {
    match e.value().name() {
        "head" | "script" | "style" | "template" | "ix:header" => true,
        "sup" => is_footnote_mark(&e.text().collect::<String>()),
        _ => false,
    }
}

fn is_footnote_mark(text: &str) -> bool {
    let t = text.trim().trim_start_matches('(').trim_end_matches(')');
    !t.is_empty() && t.chars().count() <= 2 && t.chars().all(|c| c.is_alphanumeric() || "*†‡".contains(c))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "title"
            | "blockquote"
            | "center"
            | "section"
            | "article"
            | "hr"
    )
}

fn push_text(text: &mut String, piece: &str) {
    for word in piece.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !text.is_empty() && !text.ends_with(['\n', ' ']) {
            text.push(' ');
        }
        text.push_str(word);
    }
    if piece.ends_with(char::is_whitespace) && !text.is_empty() && !text.ends_with(['\n', ' ']) {
        text.push(' ');
    }
}

fn push_break(text: &mut String) {
    while text.ends_with(' ') {
        text.pop();
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// The last `max` bytes of `text`, cut at a character boundary.
fn tail(text: &str, max: usize) -> String {
    let mut at = text.len().saturating_sub(max);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..].to_string()
}

/// Visible text of an element, whitespace collapsed, footnote marks dropped.
fn node_text(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    walk(root, |event| {
        match event {
            Event::Open(e) if e != root && is_hidden(e) => return false,
            Event::Open(e) if e.value().name() == "br" => out.push(' '),
            Event::Text(t) => out.push_str(t),
            _ => {}
        }
        true
    });
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table's own rows (not those of tables nested in its cells).
fn rows_of(table: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    table.child_elements().flat_map(|child| {
        let rows: Vec<ElementRef<'_>> = match child.value().name() {
            "tr" => vec![child],
            "thead" | "tbody" | "tfoot" => child.child_elements().filter(|r| r.value().name() == "tr").collect(),
            _ => Vec::new(),
        };
        rows
    })
}

fn span(cell: ElementRef<'_>, attr: &str, max: usize) -> usize {
    cell.value().attr(attr).and_then(|v| v.trim().parse::<usize>().ok()).map_or(1, |n| n.clamp(1, max))
}

/// Expands the table into a grid: each spanned slot repeats its cell's text.
fn grid_of(table: ElementRef<'_>) -> Result<Vec<Vec<String>>, TableError> {
    let mut grid: Vec<Vec<String>> = Vec::new();
    // Per column: rows still covered by a rowspan above, and its text.
    let mut carried: Vec<Option<(usize, String)>> = Vec::new();
    let mut cells = 0_usize;
    for tr in rows_of(table) {
        let mut row = Vec::new();
        let take_carried = |row: &mut Vec<String>, carried: &mut Vec<Option<(usize, String)>>| {
            while let Some(Some((left, text))) = carried.get_mut(row.len()) {
                row.push(text.clone());
                *left -= 1;
                if *left == 0 {
                    carried[row.len() - 1] = None;
                }
            }
        };
        for cell in tr.child_elements().filter(|c| matches!(c.value().name(), "td" | "th")) {
            take_carried(&mut row, &mut carried);
            let text = node_text(cell);
            let rowspan = span(cell, "rowspan", MAX_ROWSPAN);
            for _ in 0..span(cell, "colspan", MAX_COLSPAN) {
                if rowspan > 1 {
                    if carried.len() <= row.len() {
                        carried.resize(row.len() + 1, None);
                    }
                    carried[row.len()] = Some((rowspan - 1, text.clone()));
                }
                row.push(text.clone());
            }
            if cells + row.len() > MAX_CELLS {
                return Err(TableError::TooLarge { cells: cells + row.len() });
            }
        }
        while row.len() < carried.len() {
            take_carried(&mut row, &mut carried);
            if row.len() < carried.len() {
                row.push(String::new());
            }
        }
        cells += row.len();
        grid.push(row);
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(html: &str) -> Vec<Vec<String>> {
        read_page(html).tables.into_iter().next().and_then(|t| t.grid.ok()).unwrap_or_default()
    }

    #[test]
    fn colspans_and_rowspans_fill_every_slot() {
        let g = grid(
            "<table><tr><td rowspan=2>Label</td><td colspan=2>Three Months<br>Ended</td></tr>\
             <tr><td>2026</td><td>2025</td></tr>\
             <tr><td>Revenue<sup>(1)</sup></td><td>$</td><td>1,000</td></tr></table>",
        );
        assert_eq!(
            g,
            vec![
                vec!["Label", "Three Months Ended", "Three Months Ended"],
                vec!["Label", "2026", "2025"],
                vec!["Revenue", "$", "1,000"],
            ]
        );
    }

    #[test]
    fn text_before_each_table_and_prose_outside_tables() {
        let page = read_page(
            "<html><head><title>x</title><style>p{}</style></head><body><p>Intro.</p><p>(in thousands)</p>\
             <table><tr><td>A</td></tr></table><p>After&nbsp;the   table.</p></body></html>",
        );
        assert_eq!(page.tables.len(), 1);
        assert_eq!(page.tables[0].text_before, "Intro.\n(in thousands)\n");
        assert_eq!(page.text, "Intro.\n(in thousands)\nAfter the table.\n");
    }

    #[test]
    fn windows_1252_dashes_survive() {
        assert_eq!(decode(b"\x97 and \x96"), "— and –");
        assert_eq!(decode("é".as_bytes()), "é");
    }

    #[test]
    fn huge_spans_are_refused_not_expanded() {
        let html = format!("<table>{}</table>", "<tr><td colspan=1000 rowspan=65534>x</td></tr>".repeat(300));
        let page = read_page(&html);
        assert!(matches!(page.tables[0].grid, Err(TableError::TooLarge { .. })));
    }
}
