//! The crossover rule and its undoing: the first quarter in which a rule's rising side overtakes
//! its falling side right after one in which it did not, and raised crossovers the figures no
//! longer show.

use super::compare::Compared;
use crate::model::{PivotRule, RaisedSignal, SignalKind};

/// Index of the first crossover of a comparison sorted by fiscal quarter.
pub(super) fn first(series: &[Compared]) -> Option<usize> {
    (1..series.len()).find(|&at| {
        let (previous, current) = (&series[at - 1], &series[at]);
        current.quarter.follows(previous.quarter) && current.reading.crossed() && previous.reading.behind()
    })
}

/// Indices of quarters whose crossover was raised for `ticker` under `rule` but that the figures
/// now contradict: the rising side no longer exceeds the falling one there, or it already did the
/// quarter before (the crossover moved earlier). A raised quarter missing from the series, or one
/// whose previous quarter is missing, retracts nothing: no figure contradicts it.
pub(super) fn retracted(
    series: &[Compared],
    first: Option<usize>,
    ticker: &str,
    rule: Option<&PivotRule>,
    raised: &[RaisedSignal],
) -> Vec<usize> {
    let contradicted = |at: usize| {
        let current = &series[at];
        let earlier = at.checked_sub(1).map(|i| &series[i]).filter(|p| current.quarter.follows(p.quarter));
        !current.reading.crossed() || earlier.is_some_and(|p| p.reading.crossed())
    };
    raised
        .iter()
        .filter(|r| r.kind == SignalKind::Crossover && r.ticker.eq_ignore_ascii_case(ticker) && r.rule.as_ref() == rule)
        .filter_map(|r| {
            series.iter().position(|q| (q.quarter.fiscal_year, q.quarter.quarter) == (r.fiscal_year, r.fiscal_quarter))
        })
        .filter(|&at| Some(at) != first && contradicted(at))
        .collect()
}
