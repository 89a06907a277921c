//! The early warning: a company that has not crossed yet but whose HPC share is rising fast
//! enough, or is already high enough, that a crossover is likely soon.

use super::{APPROACH_HORIZON_QUARTERS, Reading};
use crate::model::{Approach, BitcoinSide, ResolvedQuarter};

/// The approach the latest quarter of a sorted series shows, if any.
pub(super) fn latest(series: &[&ResolvedQuarter], side: BitcoinSide, threshold: f64) -> Option<Approach> {
    let last = series.last()?;
    if !Reading::of(last, side).behind() || series.iter().any(|q| Reading::of(q, side).crossed()) {
        return None;
    }
    let share = Reading::of(last, side).share();
    let trend = rising_trend(series, side);
    let quarters_to_cross = trend
        .and_then(|per_quarter| (1..=APPROACH_HORIZON_QUARTERS).find(|&k| share + f64::from(k) * per_quarter > 0.5));
    let above_threshold = share >= threshold;
    (quarters_to_cross.is_some() || above_threshold).then_some(Approach {
        trend_per_quarter: trend,
        quarters_to_cross,
        threshold,
        above_threshold,
    })
}

/// The least-squares slope of the share over the last three consecutive quarters, when it rose
/// in each of them (for three evenly spaced points that slope is half the rise from first to last).
fn rising_trend(series: &[&ResolvedQuarter], side: BitcoinSide) -> Option<f64> {
    let [a, b, c] = series.get(series.len().checked_sub(3)?..)? else { return None };
    if !(b.quarter.follows(a.quarter)
        && c.quarter.follows(b.quarter)
        && [a, b, c].iter().all(|q| Reading::of(q, side).behind()))
    {
        return None;
    }
    let [sa, sb, sc] = [a, b, c].map(|q| Reading::of(q, side).share());
    (sa < sb && sb < sc).then_some((sc - sa) / 2.0)
}
