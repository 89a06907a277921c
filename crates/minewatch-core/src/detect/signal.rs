//! A signal built from a rule's comparison: the figures of its quarter and the one before, the
//! rising side's share, and the facts (documents, URLs, labels) those figures came from.

use super::compare::Compared;
use crate::model::{Approach, BitcoinSide, Company, PivotRule, QuarterFigures, Signal, SignalEvidence, SignalKind};

/// Builds the signal of `kind` about `series[at]` (the comparison sorted by fiscal quarter).
pub(super) fn build(
    company: &Company,
    rule: Option<&PivotRule>,
    kind: SignalKind,
    series: &[Compared],
    at: usize,
    side: BitcoinSide,
    approach: Option<Approach>,
) -> Signal {
    let current = &series[at];
    let previous = at.checked_sub(1).map(|i| &series[i]).filter(|p| current.quarter.follows(p.quarter));
    let sources = [current].into_iter().chain(previous).flat_map(|q| q.sources.iter().cloned()).collect();
    let figures = |q: &Compared| QuarterFigures {
        quarter: q.quarter.to_string(),
        hpc_usd: q.reading.rising.unwrap_or(0),
        bitcoin_usd: q.reading.falling.unwrap_or(0),
        share: q.reading.share(),
    };
    Signal {
        ticker: company.ticker.clone(),
        company: company.name.clone(),
        rule: rule.cloned(),
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
