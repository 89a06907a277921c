//! The crossover rule and its undoing: the first quarter in which HPC overtakes the bitcoin side
//! right after one in which it did not, and raised crossovers the series no longer shows.

use super::Reading;
use crate::model::{BitcoinSide, RaisedSignal, ResolvedQuarter, SignalKind};

/// Index of the first crossover of a series sorted by fiscal quarter.
pub(super) fn first(series: &[&ResolvedQuarter], side: BitcoinSide) -> Option<usize> {
    (1..series.len()).find(|&at| {
        let (previous, current) = (series[at - 1], series[at]);
        current.quarter.follows(previous.quarter)
            && Reading::of(current, side).crossed()
            && Reading::of(previous, side).behind()
    })
}

/// Indices of quarters whose crossover was raised for `ticker` but that the series now
/// contradicts: HPC no longer exceeds the bitcoin side there, or it already did the quarter
/// before (the crossover moved earlier). A raised quarter missing from the series, or one whose
/// previous quarter is missing, retracts nothing: no figure contradicts it.
pub(super) fn retracted(
    series: &[&ResolvedQuarter],
    first: Option<usize>,
    ticker: &str,
    raised: &[RaisedSignal],
    side: BitcoinSide,
) -> Vec<usize> {
    let contradicted = |at: usize| {
        let current = series[at];
        let earlier = at.checked_sub(1).map(|i| series[i]).filter(|p| current.quarter.follows(p.quarter));
        !Reading::of(current, side).crossed() || earlier.is_some_and(|p| Reading::of(p, side).crossed())
    };
    raised
        .iter()
        .filter(|r| r.kind == SignalKind::Crossover && r.ticker.eq_ignore_ascii_case(ticker))
        .filter_map(|r| {
            series.iter().position(|q| (q.quarter.fiscal_year, q.quarter.quarter) == (r.fiscal_year, r.fiscal_quarter))
        })
        .filter(|&at| Some(at) != first && contradicted(at))
        .collect()
}
