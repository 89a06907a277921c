//! Facts: one revenue figure read out of one document, the segment it belongs to and the
//! extractor that read it.
//!
//! Money is `i64` whole US dollars after scale.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Period;

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

/// XBRL concepts that, with no dimension, are total revenue; the first is preferred.
pub const TOTAL_CONCEPTS: &[&str] = &[
    "us-gaap:Revenues",
    "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax",
    "us-gaap:RevenueFromContractWithCustomerIncludingAssessedTax",
    "us-gaap:SalesRevenueNet",
    "ifrs-full:Revenue",
    "ifrs-full:RevenueFromContractsWithCustomers",
];

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
