//! The shared nouns every stage speaks: companies, segments, periods, facts.
//!
//! Money is `i64` whole US dollars after scale; periods are inclusive `NaiveDate` ranges.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a revenue line belongs on the road from bitcoin miner to AI data-center company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    /// Self-mining of bitcoin and other digital assets.
    Mining,
    /// HPC/AI: leases, colocation for HPC tenants, AI cloud, GPU-as-a-service.
    Hpc,
    /// Hosting other people's bitcoin miners.
    Hosting,
    /// Anything else, and lines that mix segments.
    Other,
    /// Total revenue.
    Total,
}

impl Segment {
    pub const ALL: [Segment; 5] = [Segment::Mining, Segment::Hpc, Segment::Hosting, Segment::Other, Segment::Total];

    pub fn as_str(self) -> &'static str {
        match self {
            Segment::Mining => "mining",
            Segment::Hpc => "hpc",
            Segment::Hosting => "hosting",
            Segment::Other => "other",
            Segment::Total => "total",
        }
    }

    pub fn parse(s: &str) -> Option<Segment> {
        Segment::ALL.into_iter().find(|seg| seg.as_str() == s)
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An inclusive date range, as filings write them ("January 1, 2026 – March 31, 2026").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// Length in days, counting both ends.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// Month and day on which a company's fiscal year ends (IREN: 06-30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiscalYearEnd {
    pub month: u32,
    pub day: u32,
}

/// Which SEC forms a company files its results on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilerKind {
    /// 10-Q, 10-K, 8-K.
    Domestic,
    /// 6-K, 20-F, 40-F (some later switch to 10-Q; both are crawled).
    Foreign,
}

/// A company-specific rule: a label or XBRL member matching `pattern`
/// (case-insensitive substring) belongs to `segment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelOverride {
    pub pattern: String,
    pub segment: Segment,
}

/// A press-release source for one company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PressSource {
    /// An RSS 2.0 or Atom feed.
    Feed { url: String },
    /// An investor-relations listing page; `selector` picks the release links.
    Page { url: String, selector: String },
}

impl PressSource {
    /// The feed's or page's URL.
    pub fn url(&self) -> &str {
        let (PressSource::Feed { url } | PressSource::Page { url, .. }) = self;
        url
    }
}

/// One company of the universe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub ticker: String,
    pub name: String,
    pub cik: u64,
    pub fiscal_year_end: FiscalYearEnd,
    pub filer_kind: FilerKind,
    pub overrides: Vec<LabelOverride>,
    pub press: Vec<PressSource>,
}

/// Which extractor produced a fact, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extractor {
    Ixbrl,
    HtmlTable,
    PdfTable,
    Prose,
}

impl Extractor {
    pub fn as_str(self) -> &'static str {
        match self {
            Extractor::Ixbrl => "ixbrl",
            Extractor::HtmlTable => "html_table",
            Extractor::PdfTable => "pdf_table",
            Extractor::Prose => "prose",
        }
    }

    pub fn parse(s: &str) -> Option<Extractor> {
        [Extractor::Ixbrl, Extractor::HtmlTable, Extractor::PdfTable, Extractor::Prose]
            .into_iter()
            .find(|e| e.as_str() == s)
    }
}

/// One revenue figure read out of one document, with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub segment: Segment,
    pub period: Period,
    pub value_usd: i64,
    /// The label as the document wrote it (table row, XBRL member, sentence subject).
    pub label: String,
    /// The XBRL concept, prefixed as in the file (iXBRL only).
    pub concept: Option<String>,
    pub extractor: Extractor,
    /// 0.0–1.0; iXBRL ≈ 1.0, tables ≈ 0.9, prose ≈ 0.5.
    pub confidence: f32,
    /// The text the value was read from (cell, fact or sentence).
    pub raw_text: String,
}

/// One numeric inline-XBRL fact exactly as the specification reads it
/// (the same shape Arelle reports; see `../shared/corpus/real/arelle/make.py`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XbrlFact {
    /// Prefixed concept name as written in the file, e.g. `us-gaap:Revenues`.
    pub concept: String,
    /// `None` for an instant.
    pub period_start: Option<NaiveDate>,
    /// Inclusive end (or the instant) as written in the document.
    pub period_end: NaiveDate,
    /// Axis → member, prefixed names.
    pub dimensions: BTreeMap<String, String>,
    /// First numerator measure, e.g. `iso4217:USD`.
    pub unit: Option<String>,
    /// As written (`"-3"`, `"INF"`), or `None`.
    pub decimals: Option<String>,
    /// After format, scale and sign, as a decimal string; `None` when nil.
    pub value: Option<String>,
}
