//! The single streaming pass over the document: numeric facts with their text, contexts and
//! units, collected in document order and left for `super::resolve` to join.
//!
//! Most tags are only checked to be well-formed (`super::markup`); a tag is read further only if
//! its local name is one of the few elements below, or it declares a namespace.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::iter::Peekable;
use std::ops::Range;

use memchr::memmem;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesCData, BytesRef, BytesStart, BytesText};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};

use super::markup::{Markup, Token};
use super::transform::Format;

const IX: [&str; 2] = ["http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL"];
const XBRLI: &str = "http://www.xbrl.org/2003/instance";
const XBRLDI: &str = "http://xbrl.org/2006/xbrldi";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What Arelle reports for a dimension whose member is not a QName (a typed member).
pub(super) const NO_MEMBER: &str = "None";

/// A document-level failure found while scanning, at a byte offset of the scanned text.
#[derive(Debug)]
pub(super) enum ScanError {
    Xml { offset: usize, message: String },
    Truncated { offset: usize, open: usize },
    NoElement,
}

/// An `ix:nonFraction` as written, before its context and unit are looked up.
#[derive(Debug, Default)]
pub(super) struct RawFact {
    /// Byte offset of its start tag in the scanned text.
    pub offset: usize,
    pub concept: Option<String>,
    pub context_ref: Option<String>,
    pub unit_ref: Option<String>,
    pub decimals: Option<String>,
    pub scale: Option<String>,
    pub negate: bool,
    /// The `format` attribute as written, and the transform it names if known here.
    pub format: Option<(String, Option<Format>)>,
    pub nil: bool,
    /// Inner text, `ix:exclude` content left out.
    pub text: String,
}

/// An `xbrli:context`, reduced to what a fact needs.
#[derive(Debug, Default)]
pub(super) struct Context {
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub instant: Option<String>,
    /// Dimension → member, prefixed as written (typed members: [`NO_MEMBER`]).
    pub dimensions: BTreeMap<String, String>,
}

/// Everything the pass collected.
#[derive(Debug, Default)]
pub(super) struct Scanned {
    pub facts: Vec<RawFact>,
    pub contexts: HashMap<String, Context>,
    /// Unit id → first numerator measure (prefixed), `None` for a unit without one.
    pub units: HashMap<String, Option<String>>,
}

/// The elements this pass reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    NonFraction,
    Exclude,
    Context,
    StartDate,
    EndDate,
    Instant,
    ExplicitMember,
    TypedMember,
    Unit,
    UnitDenominator,
    Measure,
}

impl Element {
    /// The element named `name`, if it is one of these. The local name is matched first, so
    /// the namespace lookup is done only for the few candidates, not for every XHTML element.
    fn of(resolver: &NamespaceResolver, name: QName) -> Option<Element> {
        let (element, namespaces): (Element, &[&str]) = match name.local_name().into_inner() {
            "nonFraction" => (Element::NonFraction, &IX),
            "exclude" => (Element::Exclude, &IX),
            "context" => (Element::Context, &[XBRLI]),
            "startDate" => (Element::StartDate, &[XBRLI]),
            "endDate" => (Element::EndDate, &[XBRLI]),
            "instant" => (Element::Instant, &[XBRLI]),
            "unit" => (Element::Unit, &[XBRLI]),
            "unitDenominator" => (Element::UnitDenominator, &[XBRLI]),
            "measure" => (Element::Measure, &[XBRLI]),
            "explicitMember" => (Element::ExplicitMember, &[XBRLDI]),
            "typedMember" => (Element::TypedMember, &[XBRLDI]),
            _ => return None,
        };
        match resolver.resolve_element(name).0 {
            ResolveResult::Bound(ns) if namespaces.contains(&ns.into_inner()) => Some(element),
            _ => None,
        }
    }
}

/// A fact whose end tag has not come yet.
#[derive(Debug)]
struct OpenFact {
    fact: RawFact,
    /// `ix:exclude` nesting at its start tag: text at a deeper level is excluded from it.
    exclude_depth: usize,
}

/// A unit being read: its id and numerator measures as (namespace, local name, as written).
#[derive(Debug, Default)]
struct OpenUnit {
    id: String,
    in_denominator: bool,
    measures: Vec<(String, String, String)>,
}

/// Element text being collected for a context or unit.
#[derive(Debug)]
enum Capture {
    Date(Element),
    Member { dimension: String },
    Measure,
}

#[derive(Debug, Default)]
struct Scanner {
    out: Scanned,
    depth: usize,
    seen_root: bool,
    exclude_depth: usize,
    open_facts: Vec<OpenFact>,
    context: Option<(String, Context)>,
    unit: Option<OpenUnit>,
    capture: Option<Capture>,
    captured: String,
}

/// Scans an XHTML document (already checked to be UTF-8).
///
/// Tokens come from [`Markup`]; a tag is turned into quick-xml's `BytesStart` (borrowed, no
/// copy) so that the few tags read here are read by the same attribute code as before. Namespace
/// scopes are opened only by tags that declare one (`xmlns`), and closed with them.
pub(super) fn scan(text: &str) -> Result<Scanned, ScanError> {
    let mut markup = Markup::new(text);
    let mut scanner = Scanner::default();
    let mut namespaces = Namespaces::new(text);
    loop {
        let offset = markup.offset();
        let token = markup.next_token().map_err(|e| ScanError::Xml { offset: e.offset, message: e.message })?;
        let step = match token {
            None => break,
            Some(Token::Start { content, name_len }) => scanner.tag(&mut namespaces, content, name_len, offset, false),
            Some(Token::Empty { content, name_len }) => scanner.tag(&mut namespaces, content, name_len, offset, true),
            Some(Token::End(name)) => {
                scanner.end(Element::of(&namespaces.resolver, QName(name)), &namespaces.resolver);
                scanner.depth = scanner.depth.saturating_sub(1);
                namespaces.close(scanner.depth);
                Ok(())
            }
            Some(Token::Text(t)) if scanner.reads_text() => scanner.text(&BytesText::from_escaped(t).xml10_content()),
            Some(Token::CData(t)) if scanner.reads_text() => scanner.text(&BytesCData::new(t).xml10_content()),
            Some(Token::Ref(name)) => match reference_text(&BytesRef::new(name), &mut [0; 4]) {
                Ok(text) if scanner.reads_text() => scanner.text(text),
                other => other.map(drop),
            },
            Some(_) => Ok(()),
        };
        step.map_err(|message| ScanError::Xml { offset, message })?;
    }
    match (scanner.seen_root, scanner.depth) {
        (false, _) => Err(ScanError::NoElement),
        (true, 0) => Ok(scanner.out),
        (true, open) => Err(ScanError::Truncated { offset: text.len(), open }),
    }
}

/// The namespace declarations in scope. Only a tag that declares one opens a scope, recorded
/// with the depth of its parent, so the scope closes with that tag.
#[derive(Debug)]
struct Namespaces<'a> {
    resolver: NamespaceResolver,
    /// The parent depth of each tag that opened a scope, innermost last.
    scopes: Vec<usize>,
    /// Where the document says `xmlns`, found in one search over it rather than one per tag,
    /// and passed over in document order.
    xmlns: Peekable<memmem::FindIter<'a, 'static>>,
}

impl<'a> Namespaces<'a> {
    fn new(text: &'a str) -> Namespaces<'a> {
        let xmlns = memmem::find_iter(text.as_bytes(), "xmlns").peekable();
        Namespaces { resolver: NamespaceResolver::default(), scopes: Vec::new(), xmlns }
    }

    /// Opens the scope of `e`, found at `depth` and written at `at`, if it declares a namespace.
    fn open(&mut self, e: &BytesStart, at: Range<usize>, depth: usize) -> Result<(), String> {
        while self.xmlns.next_if(|&offset| offset < at.start).is_some() {}
        if self.xmlns.peek().is_none_or(|&offset| offset >= at.end) {
            return Ok(());
        }
        self.resolver.push(e).map_err(|e| e.to_string())?;
        self.scopes.push(depth);
        Ok(())
    }

    /// Closes the scope of the tag found at `depth` whose element just ended, if it opened one.
    fn close(&mut self, depth: usize) {
        if self.scopes.last() == Some(&depth) {
            self.scopes.pop();
            self.resolver.pop();
        }
    }
}

impl Scanner {
    /// A start or empty-element tag, read in the namespace scope it opens (if any).
    fn tag(
        &mut self,
        namespaces: &mut Namespaces,
        content: &str,
        name_len: usize,
        offset: usize,
        empty: bool,
    ) -> Result<(), String> {
        let e = BytesStart::from_content(content, name_len);
        // The tag's text is `<` at `offset`, then `content`.
        namespaces.open(&e, offset + 1..offset + 1 + content.len(), self.depth)?;
        let step = self.start(&e, offset, &namespaces.resolver, empty);
        if empty {
            namespaces.close(self.depth);
        }
        step
    }

    fn start(
        &mut self,
        e: &BytesStart,
        offset: usize,
        resolver: &NamespaceResolver,
        empty: bool,
    ) -> Result<(), String> {
        if self.depth == 0 && self.seen_root {
            return Err("a second root element".to_owned());
        }
        self.seen_root = true;
        if !empty {
            self.depth += 1;
        }
        let Some(element) = Element::of(resolver, e.name()) else {
            return Ok(());
        };
        match element {
            Element::NonFraction => {
                let fact = fact_attributes(e, offset, resolver)?;
                self.open_facts.push(OpenFact { fact, exclude_depth: self.exclude_depth });
            }
            Element::Exclude => self.exclude_depth += 1,
            Element::Context => {
                let id = attribute(e, "id")?.unwrap_or_default();
                self.context = Some((id, Context::default()));
            }
            Element::StartDate | Element::EndDate | Element::Instant if self.context.is_some() => {
                self.begin_capture(Capture::Date(element));
            }
            Element::ExplicitMember | Element::TypedMember => {
                let dimension = attribute(e, "dimension")?;
                // Arelle drops a dimension whose QName does not resolve.
                let Some(dimension) = dimension.filter(|d| resolves(resolver, d)) else {
                    return Ok(());
                };
                if element == Element::ExplicitMember {
                    self.begin_capture(Capture::Member { dimension });
                } else if let Some((_, context)) = &mut self.context {
                    context.dimensions.insert(dimension, NO_MEMBER.to_owned());
                }
            }
            Element::Unit => {
                let id = attribute(e, "id")?.unwrap_or_default();
                self.unit = Some(OpenUnit { id, ..OpenUnit::default() });
            }
            Element::UnitDenominator => {
                if let Some(unit) = &mut self.unit {
                    unit.in_denominator = true;
                }
            }
            Element::Measure if self.unit.as_ref().is_some_and(|u| !u.in_denominator) => {
                self.begin_capture(Capture::Measure);
            }
            Element::StartDate | Element::EndDate | Element::Instant | Element::Measure => {}
        }
        if empty {
            self.end(Some(element), resolver);
        }
        Ok(())
    }

    fn end(&mut self, element: Option<Element>, resolver: &NamespaceResolver) {
        match element {
            Some(Element::NonFraction) => {
                if let Some(open) = self.open_facts.pop() {
                    self.out.facts.push(open.fact);
                }
            }
            Some(Element::Exclude) => self.exclude_depth = self.exclude_depth.saturating_sub(1),
            Some(Element::Context) => {
                if let Some((id, context)) = self.context.take() {
                    self.out.contexts.insert(id, context);
                }
            }
            Some(Element::Unit) => {
                if let Some(unit) = self.unit.take() {
                    let first = unit.measures.into_iter().min_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
                    self.out.units.insert(unit.id, first.map(|(_, _, written)| written));
                }
            }
            Some(Element::UnitDenominator) => {
                if let Some(unit) = &mut self.unit {
                    unit.in_denominator = false;
                }
            }
            Some(Element::StartDate | Element::EndDate | Element::Instant)
            | Some(Element::ExplicitMember | Element::Measure) => self.finish_capture(resolver),
            Some(Element::TypedMember) | None => {}
        }
    }

    /// Whether text matters here: outside the root (where only whitespace may be), inside a
    /// fact, or inside a date, member or measure being read.
    fn reads_text(&self) -> bool {
        self.depth == 0 || self.capture.is_some() || !self.open_facts.is_empty()
    }

    fn text(&mut self, text: &str) -> Result<(), String> {
        if self.depth == 0 {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err("text outside the root element".to_owned());
        }
        if self.capture.is_some() {
            self.captured.push_str(text);
        }
        for open in &mut self.open_facts {
            if open.exclude_depth == self.exclude_depth {
                open.fact.text.push_str(text);
            }
        }
        Ok(())
    }

    fn begin_capture(&mut self, capture: Capture) {
        self.capture = Some(capture);
        self.captured.clear();
    }

    fn finish_capture(&mut self, resolver: &NamespaceResolver) {
        let Some(capture) = self.capture.take() else {
            return;
        };
        let text = self.captured.trim();
        match capture {
            Capture::Date(element) => {
                if let Some((_, context)) = &mut self.context {
                    let slot = match element {
                        Element::StartDate => &mut context.start_date,
                        Element::EndDate => &mut context.end_date,
                        _ => &mut context.instant,
                    };
                    *slot = Some(text.to_owned());
                }
            }
            Capture::Member { dimension } => {
                let member = if resolves(resolver, text) { text } else { NO_MEMBER };
                if let Some((_, context)) = &mut self.context {
                    context.dimensions.insert(dimension, member.to_owned());
                }
            }
            Capture::Measure => {
                if let Some(unit) = &mut self.unit {
                    let (ns, local) = resolver.resolve_element(QName(text));
                    let ns = match ns {
                        ResolveResult::Bound(ns) => ns.into_inner().to_owned(),
                        _ => String::new(),
                    };
                    unit.measures.push((ns, local.into_inner().to_owned(), text.to_owned()));
                }
            }
        }
    }
}

/// The text an entity or character reference stands for; undefined entities are errors,
/// as in any XML parser (XHTML's `&nbsp;` is not defined in XML).
fn reference_text<'a>(r: &'a BytesRef, buf: &'a mut [u8; 4]) -> Result<&'a str, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.encode_utf8(buf)),
        Ok(None) => resolve_predefined_entity(r).ok_or_else(|| format!("undefined entity &{};", &**r)),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether `name` is a QName whose prefix (if any) is declared in scope.
fn resolves(resolver: &NamespaceResolver, name: &str) -> bool {
    !name.is_empty() && !matches!(resolver.resolve_element(QName(name)).0, ResolveResult::Unknown(_))
}

/// The value of the unprefixed attribute `name`, entities resolved.
fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if attr.key.into_inner() == name {
            return value(&attr).map(Some);
        }
    }
    Ok(None)
}

/// An attribute's value with entities resolved and whitespace normalized, as XML 1.0 says.
fn normalized<'a>(attr: &'a quick_xml::events::attributes::Attribute) -> Result<Cow<'a, str>, String> {
    attr.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())
}

fn value(attr: &quick_xml::events::attributes::Attribute) -> Result<String, String> {
    normalized(attr).map(Cow::into_owned)
}

/// The value stripped of surrounding whitespace, copied once.
fn trimmed(attr: &quick_xml::events::attributes::Attribute) -> Result<String, String> {
    normalized(attr).map(|v| v.trim().to_owned())
}

/// Reads an `ix:nonFraction` start tag. Attribute handling follows Arelle: `contextRef` and
/// `decimals` are taken as written, `unitRef`, `scale` and `format` stripped, and any
/// non-empty `sign` negates.
fn fact_attributes(e: &BytesStart, offset: usize, resolver: &NamespaceResolver) -> Result<RawFact, String> {
    let mut fact = RawFact { offset, ..RawFact::default() };
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        match attr.key.into_inner() {
            "name" => fact.concept = Some(value(&attr)?),
            "contextRef" => fact.context_ref = Some(value(&attr)?),
            "unitRef" => fact.unit_ref = Some(trimmed(&attr)?),
            "decimals" => fact.decimals = Some(value(&attr)?).filter(|d| !d.is_empty()),
            "scale" => fact.scale = Some(trimmed(&attr)?),
            "sign" => fact.negate = !normalized(&attr)?.is_empty(),
            "format" => {
                let written = trimmed(&attr)?;
                let (ns, local) = resolver.resolve_element(QName(&written));
                let format = match ns {
                    ResolveResult::Bound(ns) => Format::from_name(ns.into_inner(), local.into_inner()),
                    _ => None,
                };
                fact.format = Some((written, format));
            }
            key => {
                let (ns, local) = resolver.resolve_attribute(QName(key));
                if ns == ResolveResult::Bound(quick_xml::name::Namespace(XSI)) && local.into_inner() == "nil" {
                    fact.nil = matches!(&*normalized(&attr)?, "true" | "1");
                }
            }
        }
    }
    Ok(fact)
}
