//! What a signal says and the evidence it carries: the figures of its quarter and the one before,
//! HPC's share, and the facts (documents, URLs, labels) those figures came from.

use serde::{Deserialize, Serialize};

use super::{BitcoinSide, Evidence, Quarter};
use crate::model::{Company, Period, Segment};

/// The kinds of signal, as stored and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalKind {
    Crossover,
    Retraction,
    Approaching,
}

impl SignalKind {
    pub const ALL: [SignalKind; 3] = [SignalKind::Crossover, SignalKind::Retraction, SignalKind::Approaching];

    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Crossover => "crossover",
            SignalKind::Retraction => "retraction",
            SignalKind::Approaching => "approaching",
        }
    }

    pub fn parse(s: &str) -> Option<SignalKind> {
        SignalKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A signal already in the store: enough to tell whether the series still shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaisedSignal {
    pub ticker: String,
    pub kind: SignalKind,
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
}

impl RaisedSignal {
    /// The same identity as [`Signal::key`].
    pub fn key(&self) -> String {
        key(&self.ticker, self.kind, self.fiscal_year, self.fiscal_quarter)
    }
}

fn key(ticker: &str, kind: SignalKind, fiscal_year: i32, fiscal_quarter: u8) -> String {
    format!("{ticker}/{}/{fiscal_year}Q{fiscal_quarter}", kind.as_str())
}

/// One signal about one company's fiscal quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub ticker: String,
    /// The company's name, for messages.
    pub company: String,
    pub kind: SignalKind,
    pub fiscal_year: i32,
    pub fiscal_quarter: u8,
    /// "Q1 2026" or "Q2 FY2026".
    pub quarter: String,
    pub period: Period,
    pub evidence: SignalEvidence,
}

impl Signal {
    /// The signal's identity, e.g. `WULF/crossover/2026Q1`: the store keeps one signal per key.
    pub fn key(&self) -> String {
        key(&self.ticker, self.kind, self.fiscal_year, self.fiscal_quarter)
    }
}

/// HPC and the bitcoin side of one quarter, absent lines as zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterFigures {
    pub quarter: String,
    pub hpc_usd: i64,
    pub bitcoin_usd: i64,
    /// HPC / (HPC + bitcoin side).
    pub share: f64,
}

/// Why an Approaching signal was raised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approach {
    /// Rise of the share per quarter over the last three, when it rose in each.
    pub trend_per_quarter: Option<f64>,
    /// Quarters until the linear projection passes 50%, when within the horizon.
    pub quarters_to_cross: Option<u32>,
    pub threshold: f64,
    pub above_threshold: bool,
}

/// Everything a signal rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalEvidence {
    pub bitcoin_side: BitcoinSide,
    pub current: QuarterFigures,
    /// The quarter right before, when the series has it.
    pub previous: Option<QuarterFigures>,
    pub approach: Option<Approach>,
    /// The facts behind the HPC and bitcoin-side figures, this quarter's first.
    pub sources: Vec<Evidence>,
}

/// Builds the signal of `kind` about `series[at]` (the series sorted by fiscal quarter).
pub(super) fn build(
    company: &Company,
    kind: SignalKind,
    series: &[&Quarter],
    at: usize,
    side: BitcoinSide,
    approach: Option<Approach>,
) -> Signal {
    let current = series[at];
    let previous = at.checked_sub(1).map(|i| series[i]).filter(|p| current.follows(p));
    let compared = |segment: &Segment| *segment == Segment::Hpc || side.segments().contains(segment);
    let sources = [current]
        .into_iter()
        .chain(previous)
        .flat_map(|q| q.evidence.iter().filter(|e| compared(&e.segment)).cloned())
        .collect();
    let figures = |q: &Quarter| {
        let reading = q.reading(side);
        QuarterFigures {
            quarter: q.display(company.fiscal_year_end),
            hpc_usd: reading.hpc.unwrap_or(0),
            bitcoin_usd: reading.bitcoin.unwrap_or(0),
            share: reading.share(),
        }
    };
    Signal {
        ticker: company.ticker.clone(),
        company: company.name.clone(),
        kind,
        fiscal_year: current.fiscal_year,
        fiscal_quarter: current.fiscal_quarter,
        quarter: current.display(company.fiscal_year_end),
        period: current.period,
        evidence: SignalEvidence {
            bitcoin_side: side,
            current: figures(current),
            previous: previous.map(figures),
            approach,
            sources,
        },
    }
}
