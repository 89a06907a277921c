//! Text → a tree, with a nesting budget.
//!
//! html5ever looks up its stack of open elements for scope on many start tags, so each such tag
//! costs time in proportion to how deep the page is nested: 200,000 nested `<div>`s take minutes.
//! Browsers cap nesting too (Blink at 512). The text is fed in slices, and a page that nests
//! deeper than [`MAX_DEPTH`] is refused as soon as a slice takes it there.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::HtmlError;

/// Deepest element nesting read. The real filings and releases in the corpus nest at most 14
/// deep; past this (Blink's own cap) a page costs time per tag in proportion to its depth.
pub const MAX_DEPTH: usize = 512;

/// Bytes of text parsed between two looks at the depth. A page past the budget is refused within
/// one slice, but a slice of bare `<div>`s nests some 800 deeper first, at a cost growing with the
/// square of that: at 16 KiB, refusing a page nested 20,000 deep took a second in a debug build.
const SLICE_BYTES: usize = 4 * 1024;

/// Parses a whole document, or refuses one nested deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Html, HtmlError> {
    let mut parser = html5ever::parse_document(Budgeted::default(), Default::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(SLICE_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (slice, after) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(slice));
        let deepest = parser.tokenizer.sink.sink.deepest.get();
        if deepest > MAX_DEPTH {
            return Err(HtmlError::TooDeep { depth: deepest });
        }
        rest = after;
    }
    Ok(parser.finish())
}

/// scraper's tree builder, noting how deep each appended element sits.
struct Budgeted {
    html: HtmlTreeSink,
    depths: RefCell<HashMap<NodeId, usize>>,
    deepest: Cell<usize>,
}

impl Default for Budgeted {
    fn default() -> Self {
        Budgeted { html: HtmlTreeSink::new(Html::new_document()), depths: RefCell::default(), deepest: Cell::new(0) }
    }
}

impl Budgeted {
    /// Records `child`'s depth under `parent` (elements not appended this way count as depth 0).
    fn note(&self, parent: &NodeId, child: &NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(child) = child {
            let mut depths = self.depths.borrow_mut();
            let depth = depths.get(parent).map_or(1, |d| d + 1);
            depths.insert(*child, depth);
            self.deepest.set(self.deepest.get().max(depth));
        }
    }
}

impl TreeSink for Budgeted {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.html.finish()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.html.parse_error(msg);
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.html.set_quirks_mode(mode);
    }
    fn get_document(&self) -> NodeId {
        self.html.get_document()
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.html.same_node(x, y)
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.html.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.html.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.html.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.html.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.note(parent, &child);
        self.html.append(parent, child);
    }
    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        self.html.append_based_on_parent_node(element, prev_element, child);
    }
    fn append_doctype_to_document(&self, name: StrTendril, public_id: StrTendril, system_id: StrTendril) {
        self.html.append_doctype_to_document(name, public_id, system_id);
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.html.get_template_contents(target)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.html.append_before_sibling(sibling, new_node);
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.html.add_attrs_if_missing(target, attrs);
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.html.remove_from_parent(target);
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.html.reparent_children(node, new_parent);
    }
}
