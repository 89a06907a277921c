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

/// Indices of quarters whose crossover was raised for `ticker` but is not the series' crossover
/// any more. A raised quarter missing from the series retracts nothing: no figure contradicts it.
pub(super) fn retracted(
    series: &[&ResolvedQuarter],
    first: Option<usize>,
    ticker: &str,
    raised: &[RaisedSignal],
) -> Vec<usize> {
    raised
        .iter()
        .filter(|r| r.kind == SignalKind::Crossover && r.ticker.eq_ignore_ascii_case(ticker))
        .filter_map(|r| {
            series.iter().position(|q| (q.quarter.fiscal_year, q.quarter.quarter) == (r.fiscal_year, r.fiscal_quarter))
        })
        .filter(|&at| Some(at) != first)
        .collect()
}
