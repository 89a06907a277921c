//! HPC against the bitcoin side in one resolved quarter, and the facts behind the figures.

use crate::model::{BitcoinSide, Evidence, ResolvedQuarter, Segment};

/// HPC and the bitcoin side of one quarter; `None` where no line was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub hpc: Option<i64>,
    pub bitcoin: Option<i64>,
}

impl Reading {
    /// HPC against the bitcoin side in `quarter`.
    pub fn of(quarter: &ResolvedQuarter, side: BitcoinSide) -> Reading {
        let bitcoin = side.segments().iter().filter_map(|&s| quarter.value(s)).reduce(|a, b| a.saturating_add(b));
        Reading { hpc: quarter.value(Segment::Hpc), bitcoin }
    }

    /// HPC exceeds a reported bitcoin side. Without a bitcoin line the comparison is not made:
    /// a missing line is more often a reading gap than a company that stopped mining.
    pub fn crossed(self) -> bool {
        matches!((self.hpc, self.bitcoin), (Some(hpc), Some(bitcoin)) if hpc > bitcoin)
    }

    /// The bitcoin side is reported and HPC does not exceed it (or is absent).
    pub fn behind(self) -> bool {
        self.bitcoin.is_some_and(|bitcoin| self.hpc.unwrap_or(0) <= bitcoin)
    }

    /// HPC's share of HPC plus the bitcoin side, absent lines counting as zero (0 when both are).
    pub fn share(self) -> f64 {
        let (hpc, bitcoin) = (self.hpc.unwrap_or(0), self.bitcoin.unwrap_or(0));
        let total = hpc.saturating_add(bitcoin);
        if total <= 0 { 0.0 } else { hpc as f64 / total as f64 }
    }
}

/// The facts behind the quarter's figures of `segments`, in the order `segments` lists them.
pub fn evidence<'a>(quarter: &'a ResolvedQuarter, segments: &'a [Segment]) -> impl Iterator<Item = Evidence> + 'a {
    segments.iter().filter_map(|segment| Some((*segment, quarter.segments.get(segment)?))).flat_map(
        |(segment, resolved)| resolved.chosen().map(move |source| Evidence::of(segment, resolved.derived, source)),
    )
}
