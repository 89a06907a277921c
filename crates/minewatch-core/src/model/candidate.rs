//! Candidates: filers outside the universe whose revenue lines start to speak of AI, HPC or data
//! centers. `watch --discover` reads every periodic filing in EDGAR's latest-filings feed, keeps
//! its lines as reported ([`LineFigure`]) and raises a filer once ([`Candidate`]) for an analyst
//! to `follow`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Period;

/// One figure of one revenue line, as the filing names the line (its XBRL member or label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFigure {
    pub line: String,
    pub period: Period,
    pub value_usd: i64,
}

/// A periodic filing of a filer outside the universe, as discovery read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoveredFiling {
    pub cik: u64,
    /// The filer's name as EDGAR's feed gives it.
    pub company: String,
    pub form: String,
    pub accession: String,
    /// The filing index page the feed links to.
    pub index_url: String,
    /// The primary document whose inline XBRL was read.
    pub document_url: String,
}

/// Why a line made its filer a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CandidateReason {
    /// Reported in the filer's latest period beside a mining or digital-asset line.
    BesideMining { bitcoin_line: String },
    /// First reported in one of the filer's last two periods, absent from the period before.
    NewLine { first_reported: NaiveDate, absent_at: NaiveDate },
}

impl CandidateReason {
    /// The reason in words, for the terminal and the web page.
    pub fn describe(&self) -> String {
        match self {
            CandidateReason::BesideMining { bitcoin_line } => format!("reported beside {bitcoin_line}"),
            CandidateReason::NewLine { first_reported, absent_at } => {
                format!("new: first reported for the period ended {first_reported}, absent for {absent_at}")
            }
        }
    }
}

/// A filer outside the universe raised once, with the line, its figures and the filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub filing: DiscoveredFiling,
    /// The line as the filer names it.
    pub line: String,
    /// The lexicon's words the line matched ("data center") and why they count.
    pub term: String,
    pub term_reason: String,
    pub reason: CandidateReason,
    /// The line's figures in the filings read, oldest period first.
    pub figures: Vec<LineFigure>,
    /// The ticker it is followed under once `follow` promoted it.
    pub followed: Option<String>,
}
