//! The early warning: a company that has not crossed yet but whose rising side's share is growing
//! fast enough, or is already high enough, that a crossover is likely soon.

use super::APPROACH_HORIZON_QUARTERS;
use super::compare::Compared;
use crate::model::Approach;

/// The approach the latest quarter of a sorted comparison shows, if any.
pub(super) fn latest(series: &[Compared], threshold: f64) -> Option<Approach> {
    let last = series.last()?;
    if !last.reading.behind() || series.iter().any(|q| q.reading.crossed()) {
        return None;
    }
    let share = last.reading.share();
    let trend = rising_trend(series);
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
fn rising_trend(series: &[Compared]) -> Option<f64> {
    let [a, b, c] = series.get(series.len().checked_sub(3)?..)? else { return None };
    if !(b.quarter.follows(a.quarter) && c.quarter.follows(b.quarter) && [a, b, c].iter().all(|q| q.reading.behind())) {
        return None;
    }
    let [sa, sb, sc] = [a, b, c].map(|q| q.reading.share());
    (sa < sb && sb < sc).then_some((sc - sa) / 2.0)
}
