//! The resolved series: one value per fiscal quarter and segment, with every statement of it.
//!
//! The same quarter's revenue is stated many times (the 10-Q's iXBRL, the release's table and
//! prose, a prior-year column a year later, an amendment); `resolve/` picks one and keeps the
//! others as [`Source`]s. The store keeps these typed; `detect/` reads them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Extractor, FiscalQuarter, Period, Segment};

/// One document's statement of one segment over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub document_id: i64,
    /// "10-Q", "10-Q/A", "8-K", "6-K", "press release", …
    pub form: String,
    /// `None` for a release that states no date: it ranks below dated statements.
    pub filed: Option<NaiveDate>,
    pub url: String,
    pub extractor: Extractor,
    /// The lines as the document labels them (several when a segment has several lines).
    pub labels: Vec<String>,
    pub period: Period,
    pub value_usd: i64,
    /// Whether this is the source the value was taken from.
    pub chosen: bool,
    /// On a statement of total revenue: how much of it the same document's lines leave
    /// unexplained, beyond their rounding (the lines do not add up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines_gap_usd: Option<i64>,
    /// The document speaks of a later period of its own and gives this one for comparison (a
    /// prior-year column, "up from $Y"): it never outranks a document's own statement.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub comparison: bool,
}

/// The value of one segment in one quarter, and every statement of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    pub value_usd: i64,
    /// Computed from year-to-date or full-year figures (its sources are those figures).
    pub derived: bool,
    /// Some source differs from the chosen one by more than the resolver's tolerance.
    pub disagreement: bool,
    pub sources: Vec<Source>,
}

impl Resolved {
    /// The sources the value was taken from (one, or the figures a derived value came from).
    pub fn chosen(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| s.chosen)
    }
}

/// One fiscal quarter of a company's resolved series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedQuarter {
    pub quarter: FiscalQuarter,
    pub period: Period,
    pub segments: BTreeMap<Segment, Resolved>,
}

impl ResolvedQuarter {
    /// The resolved value of `segment`, when the quarter reports it.
    pub fn value(&self, segment: Segment) -> Option<i64> {
        self.segments.get(&segment).map(|r| r.value_usd)
    }
}

/// One revenue line as the company reports it (an XBRL member or line concept, or a table's or
/// sentence's label), resolved quarter by quarter like a class; `class` is where the segment
/// rules put it (the classes are one classification of the lines).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineSeries {
    /// The line's name as last reported (a line its filings name by XBRL member, by its member).
    pub line: String,
    pub class: Segment,
    /// The other names it was reported under: its releases' labels for a member's line, names it
    /// had before a rename the company states (or an override records).
    pub other_names: Vec<String>,
    /// Oldest quarter first.
    pub quarters: Vec<LineQuarter>,
}

/// A line's value in one fiscal quarter, and every statement of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineQuarter {
    pub quarter: FiscalQuarter,
    pub period: Period,
    #[serde(flatten)]
    pub resolved: Resolved,
}
