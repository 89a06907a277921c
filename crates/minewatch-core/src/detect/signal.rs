//! A signal built from the series: the figures of its quarter and the one before, HPC's share,
//! and the facts (documents, URLs, labels) those figures came from.

use super::{Reading, reading};
use crate::model::{
    Approach, BitcoinSide, Company, QuarterFigures, ResolvedQuarter, Segment, Signal, SignalEvidence, SignalKind,
};

/// Builds the signal of `kind` about `series[at]` (the series sorted by fiscal quarter).
pub(super) fn build(
    company: &Company,
    kind: SignalKind,
    series: &[&ResolvedQuarter],
    at: usize,
    side: BitcoinSide,
    approach: Option<Approach>,
) -> Signal {
    let current = series[at];
    let previous = at.checked_sub(1).map(|i| series[i]).filter(|p| current.quarter.follows(p.quarter));
    let compared: Vec<Segment> = std::iter::once(Segment::Hpc).chain(side.segments().iter().copied()).collect();
    let sources = [current].into_iter().chain(previous).flat_map(|q| reading::evidence(q, &compared)).collect();
    let figures = |q: &ResolvedQuarter| {
        let reading = Reading::of(q, side);
        QuarterFigures {
            quarter: q.quarter.to_string(),
            hpc_usd: reading.hpc.unwrap_or(0),
            bitcoin_usd: reading.bitcoin.unwrap_or(0),
            share: reading.share(),
        }
    };
    Signal {
        ticker: company.ticker.clone(),
        company: company.name.clone(),
        kind,
        fiscal_year: current.quarter.fiscal_year,
        fiscal_quarter: current.quarter.quarter,
        quarter: current.quarter.to_string(),
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
