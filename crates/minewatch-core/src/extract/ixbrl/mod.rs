//! Inline XBRL (iXBRL 1.1) numeric facts, read the way Arelle, the reference processor, reads them.
//!
//! 10-Q and 10-K filings tag every reported figure as an `ix:nonFraction` fact; those are the
//! strongest evidence minewatch has, so they must come out exactly as the reference processor
//! reports them (checked fact for fact against Arelle in `tests/it/ixbrl_arelle.rs`).
//!
//! One streaming pass (no DOM; filings are 1–10 MB) collects facts, contexts and units wherever
//! they appear; facts are joined to their context and unit at the end. The pass jumps between
//! tags with byte searches and reads a tag's attributes only where it can be a fact, context or
//! unit (`markup`, `scan`), so it runs at several hundred MB/s on one core. Names
//! (concepts, dimensions, members, measures) are reported with the prefixes written in the file.
//!
//! A broken document (not UTF-8, not well-formed XML, truncated) is an error. A single bad fact
//! (no context or unit, a number its format cannot read) is left out and reported in
//! [`Parsed::skipped`], as Arelle keeps loading past it.

mod dimensions;
mod markup;
mod number;
pub mod revenue;
mod scan;
mod transform;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::model::XbrlFact;
use scan::{Context, RawFact, ScanError, Scanned};

/// Where in the document something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// Byte offset from the start of the document.
    pub offset: usize,
}

impl Position {
    fn of(document: &[u8], offset: usize) -> Position {
        let offset = offset.min(document.len());
        let line = document[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Position { line, offset }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} (byte {})", self.line, self.offset)
    }
}

/// What was wrong with a document, or with one of its facts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IxbrlError {
    #[error("empty document")]
    Empty,
    #[error("not UTF-8 text: invalid byte at offset {offset}")]
    NotUtf8 { offset: usize },
    #[error("broken XML at {at}: {message}")]
    Xml { at: Position, message: String },
    #[error("document ends at {at} with {open} element(s) still open: truncated?")]
    Truncated { at: Position, open: usize },
    #[error("no XML element found: not an XHTML document")]
    NoElement,
    #[error("fact at {at}: no `{attribute}` attribute")]
    MissingAttribute { at: Position, attribute: &'static str },
    #[error("fact {concept} at {at}: contextRef {id:?} names no context")]
    UnknownContext { at: Position, concept: String, id: String },
    #[error("fact {concept} at {at}: unitRef {id:?} names no unit")]
    UnknownUnit { at: Position, concept: String, id: String },
    #[error("fact {concept} at {at}: context {id:?} has no usable period ({problem})")]
    BadPeriod { at: Position, concept: String, id: String, problem: String },
    #[error("fact {concept} at {at}: format {format:?} is not a numeric transform known here")]
    UnsupportedFormat { at: Position, concept: String, format: String },
    #[error("fact {concept} at {at}: {text:?} is not a number for format {format:?}")]
    BadNumber { at: Position, concept: String, format: String, text: String },
    #[error("fact {concept} at {at}: scale {scale:?} is not a usable integer")]
    BadScale { at: Position, concept: String, scale: String },
}

/// Facts read from one document, and the facts that had to be left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Every numeric fact, duplicates included, in document order.
    pub facts: Vec<XbrlFact>,
    /// One error per fact left out.
    pub skipped: Vec<IxbrlError>,
}

/// Reads every numeric fact of an inline XBRL document; facts that cannot be read are dropped
/// (see [`parse_detailed`] to learn which and why).
pub fn parse(bytes: &[u8]) -> Result<Vec<XbrlFact>, IxbrlError> {
    parse_detailed(bytes).map(|parsed| parsed.facts)
}

/// Reads every numeric fact of an inline XBRL document, reporting the facts left out.
pub fn parse_detailed(bytes: &[u8]) -> Result<Parsed, IxbrlError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IxbrlError::NotUtf8 { offset: e.valid_up_to() })?;
    // Arelle refuses anything before the XML declaration; a blank line there is common enough
    // in real filings (and harmless) to be skipped, as is a byte-order mark.
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.is_empty() {
        return Err(IxbrlError::Empty);
    }
    let base = text.len() - body.len();
    let at = |offset: usize| Position::of(bytes, base + offset);
    let scanned = scan::scan(body).map_err(|e| match e {
        ScanError::Xml { offset, message } => IxbrlError::Xml { at: at(offset), message },
        ScanError::Truncated { offset, open } => IxbrlError::Truncated { at: at(offset), open },
        ScanError::NoElement => IxbrlError::NoElement,
    })?;
    Ok(resolve(scanned, at))
}

/// Joins each fact to its context and unit. A context's period is read once, not per fact.
fn resolve(scanned: Scanned, at: impl Fn(usize) -> Position) -> Parsed {
    let Scanned { facts: raw, contexts, units } = scanned;
    let contexts: HashMap<&str, (&Context, Result<Period, &'static str>)> =
        contexts.iter().map(|(id, context)| (id.as_str(), (context, period(context)))).collect();
    let mut parsed = Parsed { facts: Vec::with_capacity(raw.len()), skipped: Vec::new() };
    for mut fact in raw {
        match resolve_fact(&mut fact, &contexts, &units) {
            Ok(fact) => parsed.facts.push(fact),
            Err(problem) => parsed.skipped.push(problem.into_error(&fact, at(fact.offset))),
        }
    }
    parsed
}

/// Why one fact was left out (its position and concept are added by [`Problem::into_error`]).
enum Problem {
    MissingAttribute(&'static str),
    UnknownContext(String),
    UnknownUnit(String),
    BadPeriod { id: String, problem: String },
    UnsupportedFormat(String),
    BadNumber { format: String, text: String },
    BadScale(String),
}

impl Problem {
    fn into_error(self, fact: &RawFact, at: Position) -> IxbrlError {
        let concept = fact.concept.clone().unwrap_or_default();
        match self {
            Problem::MissingAttribute(attribute) => IxbrlError::MissingAttribute { at, attribute },
            Problem::UnknownContext(id) => IxbrlError::UnknownContext { at, concept, id },
            Problem::UnknownUnit(id) => IxbrlError::UnknownUnit { at, concept, id },
            Problem::BadPeriod { id, problem } => IxbrlError::BadPeriod { at, concept, id, problem },
            Problem::UnsupportedFormat(format) => IxbrlError::UnsupportedFormat { at, concept, format },
            Problem::BadNumber { format, text } => IxbrlError::BadNumber { at, concept, format, text },
            Problem::BadScale(scale) => IxbrlError::BadScale { at, concept, scale },
        }
    }
}

/// The fact joined to its context and unit; its name and decimals are moved out of `fact` only
/// once nothing can fail, so that a fact left out can still be named.
fn resolve_fact(
    fact: &mut RawFact,
    contexts: &HashMap<&str, (&Context, Result<Period, &'static str>)>,
    units: &HashMap<String, Option<String>>,
) -> Result<XbrlFact, Problem> {
    if fact.concept.is_none() {
        return Err(Problem::MissingAttribute("name"));
    }
    let context_ref = fact.context_ref.as_deref().ok_or(Problem::MissingAttribute("contextRef"))?;
    let unit_ref = fact.unit_ref.as_deref().ok_or(Problem::MissingAttribute("unitRef"))?;
    let (context, period) = contexts.get(context_ref).ok_or_else(|| Problem::UnknownContext(context_ref.to_owned()))?;
    let unit = units.get(unit_ref).ok_or_else(|| Problem::UnknownUnit(unit_ref.to_owned()))?;
    let (period_start, period_end) = period
        .as_ref()
        .map_err(|problem| Problem::BadPeriod { id: context_ref.to_owned(), problem: (*problem).to_owned() })?;
    let value = if fact.nil { None } else { Some(value(fact)?) };
    Ok(XbrlFact {
        concept: fact.concept.take().unwrap_or_default(),
        period_start: *period_start,
        period_end: *period_end,
        dimensions: context.dimensions.clone(),
        unit: unit.clone(),
        decimals: fact.decimals.take(),
        value,
    })
}

/// The fact's value: inner text → format transform → × 10^scale → sign.
fn value(fact: &RawFact) -> Result<String, Problem> {
    let scale = match &fact.scale {
        None => 0,
        Some(s) => s.parse::<i32>().map_err(|_| Problem::BadScale(s.clone()))?,
    };
    let (format_name, text) = match &fact.format {
        None => ("", std::borrow::Cow::Borrowed(fact.text.as_str())),
        Some((written, format)) => {
            let format = format.ok_or_else(|| Problem::UnsupportedFormat(written.clone()))?;
            let collapsed = collapse_whitespace(&fact.text);
            let bad = || Problem::BadNumber { format: written.clone(), text: collapsed.clone() };
            (written.as_str(), format.apply(&collapsed).ok_or_else(bad)?)
        }
    };
    number::ix_value(&text, scale, fact.negate)
        .map_err(|_| Problem::BadNumber { format: format_name.to_owned(), text: text.into_owned() })
}

/// XML Schema's whitespace collapse, which Arelle applies before any transform.
fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split([' ', '\t', '\r', '\n']).filter(|s| !s.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// A context's (start, inclusive end).
type Period = (Option<NaiveDate>, NaiveDate);

/// (start, inclusive end) of a context's period, as make.py reports them: a date written with
/// a time of day is an instant at that moment, so its inclusive end is the day before.
fn period(context: &Context) -> Result<Period, &'static str> {
    match (&context.start_date, &context.end_date, &context.instant) {
        (Some(start), Some(end), _) => Ok((Some(date(start, false)?), date(end, true)?)),
        (_, _, Some(instant)) => Ok((None, date(instant, true)?)),
        _ => Err("neither a start and end date nor an instant"),
    }
}

fn date(text: &str, end: bool) -> Result<NaiveDate, &'static str> {
    let invalid = "a date is not YYYY-MM-DD";
    let day = text.get(..10).ok_or(invalid)?;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| invalid)?;
    if end && text[10..].starts_with('T') {
        return date.pred_opt().ok_or(invalid);
    }
    Ok(date)
}

#[cfg(test)]
mod tests;
