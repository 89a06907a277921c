//! A release's label joined to the filing's member for the same line, on the figures.
//!
//! One line is often named twice: by its XBRL member in the 10-Q (`wulf:HpcLeaseMember`) and by
//! its label in the earnings release ("HPC lease revenue"). The words are no evidence (members
//! are written for machines, labels for readers), the figures are: a label line is the member's
//! when both are of the same class, agree in every quarter both state, and state one quarter with
//! the same non-zero figure — and no other member of its class agrees with it as well. A label
//! two members could be stays its own line.

use super::DISAGREEMENT;
use crate::model::LineSeries;

/// For each of `labels`, the index in `members` of the one member line it is, if one is.
pub(super) fn members_of(labels: &[&LineSeries], members: &[&LineSeries]) -> Vec<Option<usize>> {
    labels
        .iter()
        .map(|label| {
            let mut agreeing = members.iter().enumerate().filter(|(_, m)| same_line(label, m)).map(|(at, _)| at);
            match (agreeing.next(), agreeing.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
        .collect()
}

/// Whether two lines are one on their figures: one class, every quarter both state agreeing
/// within rounding, and at least one of them with a figure that is not zero.
fn same_line(label: &LineSeries, member: &LineSeries) -> bool {
    if label.class != member.class {
        return false;
    }
    let mut agreed = false;
    for q in &label.quarters {
        let Some(m) = member.quarters.iter().find(|m| m.quarter == q.quarter) else { continue };
        let (a, b) = (q.resolved.value_usd, m.resolved.value_usd);
        if (a - b).unsigned_abs() as f64 > DISAGREEMENT * a.unsigned_abs().max(b.unsigned_abs()) as f64 {
            return false;
        }
        agreed |= a != 0;
    }
    agreed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_dates::*;
    use crate::model::{FiscalQuarter, LineQuarter, Resolved, Segment};

    /// A line of `class` with (quarter of 2026, value) figures.
    fn line(name: &str, class: Segment, figures: &[(u8, i64)]) -> LineSeries {
        let quarters = figures
            .iter()
            .map(|&(quarter, value_usd)| {
                let start = d(2026, u32::from(quarter) * 3 - 2, 1);
                LineQuarter {
                    quarter: FiscalQuarter { fiscal_year: 2026, quarter, calendar: true },
                    period: p(start, start),
                    resolved: Resolved { value_usd, derived: false, disagreement: false, sources: vec![] },
                }
            })
            .collect();
        LineSeries { line: name.into(), class, other_names: vec![], quarters }
    }

    #[test]
    fn a_label_with_the_members_figure_in_a_shared_quarter_is_the_members_line() {
        let members = [
            line("x:HpcLeaseMember", Segment::Hpc, &[(1, 21_047_000), (2, 30_000_000)]),
            line("x:MiningMember", Segment::Mining, &[(1, 13_000_000)]),
        ];
        let labels = [
            // A release in thousands, and one rounded to a tenth of a million.
            line("HPC lease revenue", Segment::Hpc, &[(1, 21_047_000), (3, 35_000_000)]),
            line("Revenue from HPC leases", Segment::Hpc, &[(2, 30_100_000)]),
            line("Digital asset revenue", Segment::Mining, &[(1, 13_000_000)]),
        ];
        assert_eq!(members_of(&labels.each_ref(), &members.each_ref()), vec![Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn figures_that_differ_share_no_quarter_or_fit_two_members_join_nothing() {
        let members = [
            line("x:CloudMember", Segment::Hpc, &[(1, 5_000_000), (2, 6_000_000)]),
            line("x:ColocationMember", Segment::Hpc, &[(1, 5_000_000), (2, 6_000_000)]),
            line("x:HostingMember", Segment::Hosting, &[(1, 0), (2, 7_000_000)]),
        ];
        let labels = [
            // Agrees once and differs once, with each member.
            line("Cloud revenue", Segment::Hpc, &[(1, 5_000_000), (2, 9_000_000)]),
            // Agrees with both members of its class.
            line("AI revenue", Segment::Hpc, &[(1, 5_000_000)]),
            // Another class with the same figure.
            line("Mining revenue", Segment::Mining, &[(2, 6_000_000)]),
            // No quarter in common; and only a zero in common.
            line("Cloud services", Segment::Hpc, &[(4, 6_000_000)]),
            line("Hosting revenue", Segment::Hosting, &[(1, 0)]),
        ];
        assert_eq!(members_of(&labels.each_ref(), &members.each_ref()), vec![None; 5]);
    }
}
