//! Detection: one company's quarterly series in, signals out.
//!
//! This is where minewatch decides what to tell analysts, so it is pure and synchronous — figures
//! in, signals out, no store and no clock — and tested with the real figures of
//! `../shared/facts/README.md`. Whether a signal is new is not decided here: the detector states
//! what the current series shows, every run, and the store keeps each signal once.
//!
//! What is compared is a [`PivotRule`]: the miners' rule (HPC over the bitcoin side of
//! `[detect]`) unless the company has rules of its own (`[[pivot]]`, `follow --pivot`). Each
//! rule raises its own signals, which carry it, so two rules on one company and quarter are two.
//!
//! - **Crossover**: the first quarter whose rising side (HPC) exceeds the falling side (the
//!   bitcoin side), right after a quarter in which it did not.
//! - **Retraction**: a crossover raised earlier that the current figures no longer show (an
//!   amendment lowered HPC, or a restatement moved the crossover).
//! - **Approaching**: the latest quarter of a company that has not crossed, whose rising side's
//!   share rose twice and is projected over 50% within [`APPROACH_HORIZON_QUARTERS`], or is above
//!   a threshold.
//! - **Candidate** ([`candidate`]): a filer outside the universe whose revenue lines speak of the
//!   pivot ([`lexicon`]) beside mining, or for the first time.

mod approach;
pub mod candidate;
mod compare;
mod crossover;
pub mod lexicon;
mod reading;
mod signal;

use serde::{Deserialize, Serialize};

pub use reading::Reading;

use crate::model::{
    BitcoinSide, Company, LineSeries, PivotRule, RaisedSignal, ResolvedQuarter, Segment, Signal, SignalKind,
};

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

/// Detects the signals one company's series shows under the miners' rule. `raised` are the
/// signals already stored for it (others' are ignored); the series may come in any order.
pub fn detect(
    company: &Company,
    series: &[ResolvedQuarter],
    raised: &[RaisedSignal],
    settings: &DetectSettings,
) -> Detection {
    detect_pivots(company, series, &[], raised, settings, &[])
}

/// Detects the signals of each of `rules` (none: the miners' rule) over a company's resolved
/// `series` and its `lines` as reported (which only rules naming a line read). A rule equal to
/// the miners' rule is that rule, with its signals' keys; `unclassified` speaks of it alone.
pub fn detect_pivots(
    company: &Company,
    series: &[ResolvedQuarter],
    lines: &[LineSeries],
    raised: &[RaisedSignal],
    settings: &DetectSettings,
    rules: &[PivotRule],
) -> Detection {
    let mut detection = Detection { ticker: company.ticker.clone(), signals: Vec::new(), unclassified: None };
    let miners = PivotRule::miners(settings.bitcoin_side);
    let rules = if rules.is_empty() { std::slice::from_ref(&miners) } else { rules };
    for rule in rules {
        let identity = (*rule != miners).then_some(rule);
        if identity.is_none()
            && let Some(reason) = unclassified(series)
        {
            detection.unclassified = Some(reason);
            continue;
        }
        detection.signals.extend(rule_signals(
            company,
            identity,
            &compare::series(rule, series, lines),
            raised,
            settings,
        ));
    }
    detection
}

/// The signals one rule's comparison shows; `rule` is `None` for the miners' rule.
fn rule_signals(
    company: &Company,
    rule: Option<&PivotRule>,
    compared: &[compare::Compared],
    raised: &[RaisedSignal],
    settings: &DetectSettings,
) -> Vec<Signal> {
    let side = settings.bitcoin_side;
    let signal = |kind, at: usize, approach| signal::build(company, rule, kind, compared, at, side, approach);
    let first = crossover::first(compared);
    let mut signals: Vec<Signal> = first.map(|at| signal(SignalKind::Crossover, at, None)).into_iter().collect();
    for at in crossover::retracted(compared, first, &company.ticker, rule, raised) {
        signals.push(signal(SignalKind::Retraction, at, None));
    }
    if let Some(approach) = approach::latest(compared, settings.approach_threshold) {
        signals.push(signal(SignalKind::Approaching, compared.len() - 1, Some(approach)));
    }
    signals
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
