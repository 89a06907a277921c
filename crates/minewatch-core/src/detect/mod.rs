//! Detection: one company's quarterly series in, signals out.
//!
//! This is where minewatch decides what to tell analysts, so it is pure and synchronous — figures
//! in, signals out, no store and no clock — and tested with the real figures of
//! `../shared/facts/README.md`. Whether a signal is new is not decided here: the detector states
//! what the current series shows, every run, and the store keeps each signal once.
//!
//! - **Crossover**: the first quarter whose HPC revenue exceeds the bitcoin side, right after a
//!   quarter in which it did not.
//! - **Retraction**: a crossover raised earlier that the current series no longer shows (an
//!   amendment lowered HPC, or a restatement moved the crossover).
//! - **Approaching**: the latest quarter of a company that has not crossed, whose HPC share rose
//!   twice and is projected over 50% within [`APPROACH_HORIZON_QUARTERS`], or is above a threshold.
//! - **Candidate** ([`candidate`]): a filer outside the universe whose revenue lines speak of the
//!   pivot ([`lexicon`]) beside mining, or for the first time.

mod approach;
pub mod candidate;
mod crossover;
pub mod lexicon;
mod reading;
mod signal;

use serde::{Deserialize, Serialize};

pub use reading::Reading;

use crate::model::{BitcoinSide, Company, RaisedSignal, ResolvedQuarter, Segment, Signal, SignalKind};

/// Share of HPC above which a company that has not crossed is reported as approaching.
pub const DEFAULT_APPROACH_THRESHOLD: f64 = 0.40;
/// How many quarters ahead a rising HPC share's linear projection may cross 50%.
pub const APPROACH_HORIZON_QUARTERS: u32 = 2;

/// The detector's settings (`[detect]` in the config).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectSettings {
    pub bitcoin_side: BitcoinSide,
    /// HPC share (0–0.5) at or above which a company is approaching.
    pub approach_threshold: f64,
}

impl Default for DetectSettings {
    fn default() -> Self {
        DetectSettings { bitcoin_side: BitcoinSide::default(), approach_threshold: DEFAULT_APPROACH_THRESHOLD }
    }
}

/// Why a company's revenue could not be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unclassified {
    /// No quarterly figures at all.
    NoFigures,
    /// Every revenue line is Other — lines that mix segments, like Hut 8's "Compute".
    OnlyOther,
    /// Figures, but neither Mining nor Hpc among them (totals only, hosting only).
    NoMiningOrHpc,
}

impl Unclassified {
    pub fn describe(self) -> &'static str {
        match self {
            Unclassified::NoFigures => "no quarterly revenue figures",
            Unclassified::OnlyOther => "every revenue line mixes segments or is unclassified (Other)",
            Unclassified::NoMiningOrHpc => "no mining or HPC revenue line",
        }
    }
}

/// What the detector found for one company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    pub ticker: String,
    /// What the current series shows; the store decides which are new.
    pub signals: Vec<Signal>,
    /// Set when the company's lines cannot be classified; then `signals` is empty.
    pub unclassified: Option<Unclassified>,
}

/// Detects the signals one company's series shows. `raised` are the signals already stored for
/// it (others' are ignored); the series may come in any order.
pub fn detect(
    company: &Company,
    series: &[ResolvedQuarter],
    raised: &[RaisedSignal],
    settings: &DetectSettings,
) -> Detection {
    let mut detection = Detection { ticker: company.ticker.clone(), signals: Vec::new(), unclassified: None };
    if let Some(reason) = unclassified(series) {
        detection.unclassified = Some(reason);
        return detection;
    }
    let mut sorted: Vec<&ResolvedQuarter> = series.iter().collect();
    sorted.sort_by_key(|q| q.quarter);
    let side = settings.bitcoin_side;
    let first = crossover::first(&sorted, side);
    let signal = |kind, at: usize, approach| signal::build(company, kind, &sorted, at, side, approach);

    if let Some(at) = first {
        detection.signals.push(signal(SignalKind::Crossover, at, None));
    }
    for at in crossover::retracted(&sorted, first, &company.ticker, raised, side) {
        detection.signals.push(signal(SignalKind::Retraction, at, None));
    }
    if let Some(approach) = approach::latest(&sorted, side, settings.approach_threshold) {
        detection.signals.push(signal(SignalKind::Approaching, sorted.len() - 1, Some(approach)));
    }
    detection
}

fn unclassified(series: &[ResolvedQuarter]) -> Option<Unclassified> {
    let segments = || series.iter().flat_map(|q| q.segments.keys().copied());
    if segments().next().is_none() {
        Some(Unclassified::NoFigures)
    } else if segments().any(|s| matches!(s, Segment::Mining | Segment::Hpc)) {
        None
    } else if segments().any(|s| s == Segment::Other)
        && segments().all(|s| matches!(s, Segment::Other | Segment::Total))
    {
        Some(Unclassified::OnlyOther)
    } else {
        Some(Unclassified::NoMiningOrHpc)
    }
}

#[cfg(test)]
mod tests;
