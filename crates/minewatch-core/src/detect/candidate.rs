//! Whether a filer outside the universe is a candidate: one of its revenue lines speaks of the
//! pivot ([`lexicon::PIVOT`]) and either stands beside a mining or digital-asset line in its
//! latest period, or is new — first reported in one of its last two periods, with an earlier
//! period in which the filer reported other lines and not this one. A cloud line a software
//! company has reported for years is neither; a miner's first colocation line is both.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::lexicon::{self, Term};
use crate::extract::segment::normalise;
use crate::model::{CandidateReason, LineFigure};

/// A line that makes its filer a candidate, why, and its figures (oldest period first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: String,
    pub term: &'static Term,
    pub reason: CandidateReason,
    pub figures: Vec<LineFigure>,
}

/// One line's figures under its name as last written.
struct Line<'a> {
    name: &'a str,
    figures: Vec<&'a LineFigure>,
}

impl Line<'_> {
    fn ends(&self) -> BTreeSet<NaiveDate> {
        self.figures.iter().map(|f| f.period.end).collect()
    }
}

/// The finding over every line figure stored for one filer, if it is a candidate. A line
/// beside mining wins over a new line; among several, the first by name.
pub fn candidate(figures: &[LineFigure]) -> Option<Finding> {
    let reported: Vec<&LineFigure> = figures.iter().filter(|f| f.value_usd != 0).collect();
    let ends: Vec<NaiveDate> = reported.iter().map(|f| f.period.end).collect::<BTreeSet<_>>().into_iter().collect();
    let latest = *ends.last()?;
    let mut lines: BTreeMap<String, Line<'_>> = BTreeMap::new();
    for f in &reported {
        let line = lines.entry(normalise(&f.line)).or_insert(Line { name: &f.line, figures: Vec::new() });
        line.name = &f.line;
        line.figures.push(f);
    }
    let at_latest = |line: &Line<'_>| line.ends().contains(&latest);
    let bitcoin_line = lines.values().find(|l| at_latest(l) && lexicon::bitcoin_term(l.name).is_some());
    let pivot: Vec<(&Line<'_>, &'static Term)> =
        lines.values().filter(|l| at_latest(l)).filter_map(|l| Some((l, lexicon::pivot_term(l.name)?))).collect();
    let beside = bitcoin_line.and_then(|b| {
        let (line, term) = pivot.first()?;
        Some((*line, *term, CandidateReason::BesideMining { bitcoin_line: b.name.to_string() }))
    });
    let new = || {
        pivot.iter().find_map(|(line, term)| {
            let first = *line.ends().first()?;
            let at = ends.iter().position(|e| *e == first)?;
            let absent_at = *ends.get(at.checked_sub(1)?)?;
            (at + 2 >= ends.len()).then_some((
                *line,
                *term,
                CandidateReason::NewLine { first_reported: first, absent_at },
            ))
        })
    };
    let (line, term, reason) = beside.or_else(new)?;
    let mut figures: Vec<LineFigure> = line.figures.iter().map(|&f| f.clone()).collect();
    figures.sort_by_key(|f| (f.period.end, f.period.start));
    figures.dedup();
    Some(Finding { line: line.name.to_string(), term, reason, figures })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// A quarter's figure of `line`, for the quarter ending `end` (three months).
    fn q(line: &str, end: NaiveDate, value_usd: i64) -> LineFigure {
        let start = end.checked_sub_months(chrono::Months::new(3)).and_then(|s| s.succ_opt()).unwrap_or(end);
        LineFigure { line: line.into(), period: Period { start, end }, value_usd }
    }

    #[test]
    fn a_pivot_line_beside_mining_is_a_candidate() {
        let (before, now) = (d(2025, 6, 30), d(2026, 6, 30));
        let figures = [
            q("hx:BitcoinMiningMember", before, 40),
            q("hx:BitcoinMiningMember", now, 30),
            q("hx:DataCenterLeasingMember", before, 5),
            q("hx:DataCenterLeasingMember", now, 12),
        ];
        let found = candidate(&figures).unwrap();
        assert_eq!(found.line, "hx:DataCenterLeasingMember");
        assert_eq!(found.term.words, "data center");
        assert_eq!(found.reason, CandidateReason::BesideMining { bitcoin_line: "hx:BitcoinMiningMember".into() });
        assert_eq!(found.figures.iter().map(|f| f.value_usd).collect::<Vec<_>>(), [5, 12]);
    }

    #[test]
    fn a_pivot_line_new_in_the_last_two_periods_is_a_candidate_and_an_old_one_is_not() {
        let ends = [d(2024, 3, 31), d(2025, 3, 31), d(2026, 3, 31)];
        let mut figures: Vec<LineFigure> = ends.iter().map(|&e| q("Electricity sales", e, 100)).collect();
        figures.push(q("Colocation revenue", ends[2], 7));
        let found = candidate(&figures).unwrap();
        assert_eq!(found.reason, CandidateReason::NewLine { first_reported: ends[2], absent_at: ends[1] });
        figures.push(q("Colocation revenue", ends[1], 3));
        assert!(matches!(candidate(&figures).unwrap().reason, CandidateReason::NewLine { .. }), "second-last is new");
        figures.push(q("Colocation revenue", ends[0], 1));
        assert_eq!(candidate(&figures), None, "reported since the first period: not new, and no mining beside it");
    }

    #[test]
    fn no_pivot_line_no_earlier_period_or_a_dropped_line_is_no_candidate() {
        let (before, now) = (d(2025, 9, 30), d(2026, 9, 30));
        let miner = [q("Mining revenue", before, 10), q("Mining revenue", now, 12), q("Hosting", now, 2)];
        assert_eq!(candidate(&miner), None, "a miner without a pivot line");
        assert_eq!(candidate(&[q("Cloud services", now, 9)]), None, "no earlier period to be new against");
        let dropped = [q("Retail", before, 5), q("Retail", now, 6), q("Data center", before, 1)];
        assert_eq!(candidate(&dropped), None, "a line no longer reported");
        let zero = [q("Retail", before, 5), q("Retail", now, 6), q("Data center", now, 0)];
        assert_eq!(candidate(&zero), None, "a line reported at zero is not reported");
        assert_eq!(candidate(&[]), None);
    }
}
