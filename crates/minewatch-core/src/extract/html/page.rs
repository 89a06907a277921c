//! A parsed page → what a reader sees, in one walk: its title, its visible text, the prose outside
//! tables, and each table as a grid with the text it is read with.
//!
//! The walk is iterative and does constant work per node (state is carried on the walk, never
//! found by looking up or down the tree), so time grows with the page, however deep it nests.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::grid::GridBuilder;
use crate::extract::cell::{Cell, parse_cell};
use crate::extract::table::TableError;

/// How much text (bytes) before a table is kept as its context.
pub const CONTEXT_BYTES: usize = 600;

/// Longest cell text kept (bytes): a longer cell is prose, not a label or a figure, and a
/// spanning cell is copied into every slot it covers.
const MAX_CELL_BYTES: usize = 300;

/// Longest title, caption or run of headings kept (bytes).
const MAX_HEADING_BYTES: usize = 600;

/// One table as a grid of cell texts, with the text it is read with.
#[derive(Debug)]
pub struct HtmlTable {
    pub grid: Result<Vec<Vec<String>>, TableError>,
    /// Its nearest heading above (however far), the text just before it, and its caption, in that
    /// order, so that the closest statement of a scale comes last.
    pub context: String,
}

/// What a page holds for the readers.
#[derive(Debug, Default)]
pub struct Page {
    /// The first non-blank `<title>`.
    pub title: Option<String>,
    /// All visible text: blocks and rows on their own lines, cells apart by a space.
    pub text: String,
    /// The visible text outside tables.
    pub prose: String,
    pub tables: Vec<HtmlTable>,
}

/// Reads the page.
pub fn read_page(html: &Html) -> Page {
    let mut reader = Reader::default();
    let mut stack = vec![Step::Visit(*html.root_element())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Visit(node) => {
                if let Some(element) = ElementRef::wrap(node) {
                    if let Some(opened) = reader.open(element) {
                        stack.push(Step::Close(element, opened));
                        let mut child = node.last_child();
                        while let Some(c) = child {
                            stack.push(Step::Visit(c));
                            child = c.prev_sibling();
                        }
                    }
                } else if let Some(text) = node.value().as_text() {
                    reader.push_text(text);
                }
            }
            Step::Close(element, opened) => reader.close(element, &opened),
        }
    }
    reader.finish()
}

/// One step of the walk: a node to read, or an element whose contents are done.
enum Step<'a> {
    Visit(NodeRef<'a, Node>),
    Close(ElementRef<'a>, Opened),
}

/// What the walk remembers of an open element: where the text and the prose ended when it opened,
/// and whether it counts as a heading.
struct Opened {
    text: usize,
    prose: usize,
    heading: bool,
}

/// A table whose closing tag is still ahead.
struct OpenTable {
    /// Its place in [`Page::tables`] (tables are listed in the order they open).
    slot: usize,
    grid: GridBuilder,
    /// The headings and text above it.
    above: String,
    caption: String,
}

#[derive(Default)]
struct Reader {
    page: Page,
    tables: Vec<OpenTable>,
    /// How many heading elements (h1–h6, bold) are open; only the outermost counts.
    heading_depth: usize,
    /// How many `<pre>` elements are open: their line breaks are kept, as a browser keeps them.
    pre_depth: usize,
    /// The latest run of consecutive headings outside tables, and where in the prose it ended.
    headings: String,
    headings_end: usize,
}

impl Reader {
    /// Reads an element's opening; `None` when its contents are not to be walked.
    fn open(&mut self, element: ElementRef<'_>) -> Option<Opened> {
        let name = element.value().name();
        let mut heading = false;
        match name {
            "title" => {
                self.take_title(element);
                return None;
            }
            "head" => {
                element.child_elements().filter(|e| e.value().name() == "title").for_each(|t| self.take_title(t));
                return None;
            }
            _ if is_hidden(element) => return None,
            "table" => {
                let above = lines(&[&self.headings, &tail(&self.page.prose, CONTEXT_BYTES)]);
                let slot = self.page.tables.len();
                self.tables.push(OpenTable { slot, grid: GridBuilder::default(), above, caption: String::new() });
                self.page.tables.push(HtmlTable { grid: Ok(Vec::new()), context: String::new() });
            }
            "tr" if self.owns(element, &["table", "thead", "tbody", "tfoot"]) => {
                if let Some(table) = self.tables.last_mut() {
                    table.grid.start_row();
                }
            }
            _ if self.tables.is_empty() && is_heading(element) => {
                heading = true;
                self.heading_depth += 1;
            }
            _ => {}
        }
        if name == "pre" {
            self.pre_depth += 1;
        }
        if is_block(name) {
            self.push_break();
        }
        Some(Opened { text: self.page.text.len(), prose: self.page.prose.len(), heading })
    }

    /// Reads an element's closing, once its contents are read.
    fn close(&mut self, element: ElementRef<'_>, opened: &Opened) {
        let name = element.value().name();
        match name {
            "sup" if is_footnote_mark(self.page.text.get(opened.text..).unwrap_or_default()) => {
                self.page.text.truncate(opened.text);
                self.page.prose.truncate(opened.prose);
            }
            "td" | "th" if self.owns(element, &["tr"]) => {
                let text = one_line(self.page.text.get(opened.text..).unwrap_or_default(), MAX_CELL_BYTES);
                if let Some(table) = self.tables.last_mut() {
                    table.grid.cell(text, span(element, "colspan"), span(element, "rowspan"));
                }
            }
            "tr" if self.owns(element, &["table", "thead", "tbody", "tfoot"]) => {
                if let Some(table) = self.tables.last_mut() {
                    table.grid.end_row();
                }
            }
            "caption" if self.owns(element, &["table"]) => {
                if let Some(table) = self.tables.last_mut() {
                    table.caption = one_line(self.page.text.get(opened.text..).unwrap_or_default(), MAX_HEADING_BYTES);
                }
            }
            "table" => {
                if let Some(table) = self.tables.pop()
                    && self.close_table(table)
                    && self.tables.is_empty()
                {
                    // A layout table of sentences (bullets drawn in cells, tiles): prose to read.
                    let text = self.page.text.get(opened.text..).unwrap_or_default().trim().to_string();
                    self.push_break();
                    self.page.prose.push_str(&text);
                }
            }
            _ if opened.heading => {
                self.heading_depth = self.heading_depth.saturating_sub(1);
                if self.heading_depth == 0 && self.tables.is_empty() {
                    self.note_heading(opened.prose);
                }
            }
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            _ => {}
        }
        if is_block(name) {
            self.push_break();
        } else if matches!(name, "td" | "th" | "dt" | "dd") {
            self.push_space();
        }
    }

    /// Files the finished table; true when its cells hold sentences rather than figures.
    fn close_table(&mut self, table: OpenTable) -> bool {
        let Some(slot) = self.page.tables.get_mut(table.slot) else {
            return false;
        };
        slot.grid = table.grid.finish();
        slot.context = lines(&[&table.above, &table.caption]);
        slot.grid.as_deref().is_ok_and(holds_sentences)
    }

    /// Whether `element` belongs to the innermost open table: its parent is one of `parents`.
    fn owns(&self, element: ElementRef<'_>, parents: &[&str]) -> bool {
        !self.tables.is_empty()
            && element.parent().and_then(ElementRef::wrap).is_some_and(|p| parents.contains(&p.value().name()))
    }

    /// A heading that just closed: it joins the run of headings right above it, or starts a run.
    fn note_heading(&mut self, start: usize) {
        let heading = one_line(self.page.prose.get(start..).unwrap_or_default(), MAX_HEADING_BYTES);
        let adjoining = self.page.prose.get(self.headings_end..start).is_some_and(|gap| gap.trim().is_empty());
        if !adjoining {
            self.headings.clear();
        }
        if !heading.is_empty() {
            if !self.headings.is_empty() {
                self.headings.push('\n');
            }
            self.headings.push_str(&heading);
            self.headings = tail(&self.headings, MAX_HEADING_BYTES);
        }
        self.headings_end = self.page.prose.len();
    }

    fn take_title(&mut self, element: ElementRef<'_>) {
        if self.page.title.is_none() {
            let title = one_line(&element.text().collect::<String>(), MAX_HEADING_BYTES);
            if !title.is_empty() {
                self.page.title = Some(title);
            }
        }
    }

    fn outputs(&mut self) -> impl Iterator<Item = &mut String> {
        let prose = self.tables.is_empty().then_some(&mut self.page.prose);
        std::iter::once(&mut self.page.text).chain(prose)
    }

    /// Text as a browser lays it out: runs of whitespace become one space, except that inside
    /// `<pre>` a line break stays a line break.
    fn push_text(&mut self, piece: &str) {
        if self.pre_depth > 0 && piece.contains('\n') {
            for (i, line) in piece.split('\n').enumerate() {
                if i > 0 {
                    self.push_break();
                }
                self.push_inline(line);
            }
        } else {
            self.push_inline(piece);
        }
    }

    /// Inline text: runs of whitespace become one space.
    fn push_inline(&mut self, piece: &str) {
        for out in self.outputs() {
            let mut words = piece.split(char::is_whitespace).peekable();
            if words.peek().is_some_and(|w| w.is_empty()) {
                push_space_to(out);
            }
            let mut first = true;
            for word in words.filter(|w| !w.is_empty()) {
                if !first {
                    out.push(' ');
                }
                out.push_str(word);
                first = false;
            }
            if piece.ends_with(char::is_whitespace) {
                push_space_to(out);
            }
        }
    }

    fn push_space(&mut self) {
        self.outputs().for_each(push_space_to);
    }

    fn push_break(&mut self) {
        for out in self.outputs() {
            while out.ends_with(' ') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        }
    }

    fn finish(mut self) -> Page {
        // Tables left open by a truncated page still count.
        while let Some(table) = self.tables.pop() {
            self.close_table(table);
        }
        for out in [&mut self.page.text, &mut self.page.prose] {
            out.truncate(out.trim_end().len());
        }
        self.page
    }
}

fn push_space_to(out: &mut String) {
    if !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// Elements whose contents a reader never sees: scripts, styles, templates, `display:none` blocks
/// and inline XBRL's hidden header.
fn is_hidden(element: ElementRef<'_>) -> bool {
    matches!(element.value().name(), "script" | "style" | "noscript" | "template" | "ix:header" | "ix:hidden")
        || style_has(element, &["display:none"])
}

/// Headings a table may be titled by: h1–h6 and bold text.
fn is_heading(element: ElementRef<'_>) -> bool {
    matches!(element.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "b" | "strong")
        || style_has(element, &["font-weight:bold", "font-weight:700", "font-weight:bolder"])
}

/// Whether the element's `style` holds one of `declarations` (written without spaces).
fn style_has(element: ElementRef<'_>, declarations: &[&str]) -> bool {
    element.value().attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
        declarations.iter().any(|d| style.contains(d))
    })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "caption"
            | "tr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "center"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "hr"
            | "body"
    )
}

/// Fewest words of a cell that is a sentence, not a label.
const SENTENCE_WORDS: usize = 5;

/// Whether a grid is a layout table of sentences (bullets drawn as a glyph cell and a text cell,
/// highlight tiles): more of its cells are sentences than figures.
fn holds_sentences(grid: &[Vec<String>]) -> bool {
    let cells = || grid.iter().flatten();
    let sentences = cells().filter(|c| c.split_whitespace().count() >= SENTENCE_WORDS).count();
    let figures = cells().filter(|c| matches!(parse_cell(c), Cell::Amount(_))).count();
    sentences > figures
}

/// Footnote marks (`<sup>(1)</sup>`, `<sup>*</sup>`), which no reader wants in a label.
fn is_footnote_mark(text: &str) -> bool {
    let t = text.trim().trim_start_matches('(').trim_end_matches(')');
    text.len() <= 16
        && !t.is_empty()
        && t.chars().count() <= 2
        && t.chars().all(|c| c.is_alphanumeric() || "*†‡".contains(c))
}

/// A cell's, caption's or heading's text on one line, its first `max` bytes at most.
fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.len() + word.len() >= max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A cell's `colspan` or `rowspan` (1 when absent or unreadable).
fn span(cell: ElementRef<'_>, attr: &str) -> usize {
    cell.value().attr(attr).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1)
}

/// The non-blank `parts`, one per line.
fn lines(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The last `max` bytes of `text`, cut at a character boundary.
fn tail(text: &str, max: usize) -> String {
    let mut at = text.len().saturating_sub(max);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text.get(at..).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Page {
        read_page(&Html::parse_document(html))
    }

    fn grid(html: &str) -> Vec<Vec<String>> {
        page(html).tables.into_iter().next().and_then(|t| t.grid.ok()).unwrap_or_default()
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
    fn nested_tables_are_grids_of_their_own_and_text_of_the_outer_cell() {
        let p = page("<table><tr><td>Outer<table><tr><td>A</td><td>1</td></tr></table></td></tr></table>");
        let grids: Vec<_> = p.tables.iter().map(|t| t.grid.clone().unwrap_or_default()).collect();
        assert_eq!(grids, vec![vec![vec!["Outer A 1".to_string()]], vec![vec!["A".to_string(), "1".to_string()]]]);
    }

    #[test]
    fn text_before_each_table_and_prose_outside_tables() {
        let p = page(
            "<html><head><title>x</title><style>p{}</style></head><body><p>Intro.</p><p>(in thousands)</p>\
             <table><tr><td>A</td><td>B</td></tr></table><p>After&nbsp;the   table.</p></body></html>",
        );
        assert_eq!(p.tables.len(), 1);
        assert_eq!(p.tables[0].context, "Intro.\n(in thousands)");
        assert_eq!(p.prose, "Intro.\n(in thousands)\nAfter the table.");
        assert_eq!(p.text, "Intro.\n(in thousands)\nA B\nAfter the table.");
        assert_eq!(p.title.as_deref(), Some("x"));
    }

    #[test]
    fn preformatted_text_keeps_its_line_breaks() {
        let p = page("<p>One\ntwo</p><pre>Key Metrics\n  Revenue   rose\n\nto $35.2 million.</pre><p>After</p>");
        assert_eq!(p.text, "One two\nKey Metrics\nRevenue rose\nto $35.2 million.\nAfter");
    }

    #[test]
    fn inline_elements_join_words_as_a_browser_shows_them() {
        let p = page("<p>Revenue of $<b>21.0</b> million, up 5<span>%</span> (<i>see</i> below)<sup>*</sup>.</p>");
        assert_eq!(p.text, "Revenue of $21.0 million, up 5% (see below).");
    }

    #[test]
    fn the_caption_and_the_headings_above_come_with_the_table() {
        let filler = "Lorem ipsum dolor sit amet. ".repeat(40);
        let p = page(&format!(
            "<h2>Revenue by segment</h2><p><b>(In thousands)</b></p><p>{filler}</p>\
             <table><caption>Unaudited</caption><tr><td>A</td></tr></table>"
        ));
        let context = &p.tables[0].context;
        assert!(context.starts_with("Revenue by segment\n(In thousands)\n"), "{context}");
        assert!(context.ends_with("amet.\nUnaudited"), "{context}");
        assert!(!p.prose.contains("Unaudited A"), "{}", p.prose);
    }

    #[test]
    fn a_bold_lead_in_then_text_starts_a_new_run_of_headings() {
        let p = page("<p><b>(in millions)</b></p><p>Text.</p><p><b>Segments</b></p><table><tr><td>A</td></tr></table>");
        assert!(p.tables[0].context.starts_with("Segments\n"), "{}", p.tables[0].context);
    }

    #[test]
    fn a_layout_table_of_sentences_is_prose_and_a_table_of_figures_is_not() {
        let p = page(
            "<p>Highlights</p><table><tr><td>&#9679;</td><td>Total revenue was $22.7 million for the quarter.</td></tr>\
             <tr><td>&#9679;</td><td>Net loss was $3.1 million for the quarter.</td></tr></table>\
             <table><tr><td>Total revenue of the company</td><td>22.7</td><td>29.0</td></tr></table>",
        );
        assert_eq!(
            p.prose,
            "Highlights\n● Total revenue was $22.7 million for the quarter.\n● Net loss was $3.1 million for the quarter."
        );
        assert_eq!(p.tables.len(), 2);
    }

    #[test]
    fn hidden_parts_are_hidden_from_every_reader() {
        let p = page(
            "<html><head><title>t</title><script>s</script></head><body><div style='DISPLAY: none'>\
             <ix:header>h</ix:header></div><noscript>n</noscript><template>x</template><p>seen</p></body></html>",
        );
        assert_eq!((p.text.as_str(), p.prose.as_str()), ("seen", "seen"));
    }

    #[test]
    fn huge_spans_are_refused_not_expanded() {
        let html = format!("<table>{}</table>", "<tr><td colspan=1000 rowspan=65534>x</td></tr>".repeat(300));
        assert!(matches!(page(&html).tables[0].grid, Err(TableError::TooLarge { .. })));
    }
}
