//! The shared nouns, one of each: every stage and the store speak these, and `model/` imports no
//! stage, so the arrows between folders only point here.

mod candidate;
mod company;
mod fact;
mod failure;
mod period;
mod pivot;
mod resolved;
mod signal;

pub use candidate::{Candidate, CandidateReason, DiscoveredFiling, LineFigure};
pub use company::{Company, FilerKind, LabelOverride, PressSource};
pub use fact::{Extractor, Fact, Segment, TOTAL_CONCEPTS, XbrlFact};
pub use failure::Failure;
#[cfg(test)]
pub(crate) use period::test_dates;
pub use period::{FiscalQuarter, FiscalYearEnd, MONTH_END_TOLERANCE_DAYS, Period};
pub use pivot::{PivotRule, PivotRuleError, PivotTerm};
pub use resolved::{LineQuarter, LineSeries, Resolved, ResolvedQuarter, Source};
pub use signal::{Approach, BitcoinSide, Evidence, QuarterFigures, RaisedSignal, Signal, SignalEvidence, SignalKind};
