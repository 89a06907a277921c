//! A revenue fact's dimensions → the revenue line it is the whole of, or why it is none.
//!
//! Undimensioned, a fact is the company's (its concept says which line). On one line axis
//! (product or service, business segment) it is that member's line. Filers also state a segment's
//! revenue with `srt:ConsolidationItemsAxis` = `us-gaap:OperatingSegmentsMember` beside the line
//! axis (the IBM, NVIDIA and Exxon 10-Qs in the corpus): still that segment's whole.
//!
//! Everything else is not a line's whole, and taking it beside the whole would count it twice:
//! a region of a line (`srt:StatementGeographicalAxis`: Coca-Cola, Netflix), a product within a
//! business segment (IBM), the operating segments' sum stated alone (as much as the total: IBM,
//! Exxon), and the items that reconcile the segments to the total (eliminations, corporate).
//! Whole lines on both line axes are two breakdowns of one revenue; `revenue` keeps one.

use std::collections::BTreeMap;

/// The axis of revenue disaggregated by product or service.
pub const PRODUCT_AXIS: &str = "srt:ProductOrServiceAxis";

/// The axis of the business segments management reports.
pub const SEGMENTS_AXIS: &str = "us-gaap:StatementBusinessSegmentsAxis";

/// Axes whose members are revenue lines. A region is not a business, so the geographic axes are
/// not among them.
pub const LINE_AXES: &[&str] = &[PRODUCT_AXIS, SEGMENTS_AXIS];

/// The axis that places a figure among the segments, their eliminations and corporate items.
pub const CONSOLIDATION_AXIS: &str = "srt:ConsolidationItemsAxis";

/// The member of [`CONSOLIDATION_AXIS`] that means "as the operating segments report it".
pub const OPERATING_SEGMENTS: &str = "us-gaap:OperatingSegmentsMember";

/// What a fact's dimensions make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading<'a> {
    /// No dimension: the concept names the line.
    Undimensioned,
    /// The whole of the line `member` of `axis`.
    Line { axis: &'a str, member: &'a str },
    /// Not a line's whole: left out, for this reason.
    NotALine(&'static str),
}

/// Reads `dimensions` (axis → member).
pub fn read(dimensions: &BTreeMap<String, String>) -> Reading<'_> {
    let consolidation = dimensions.get(CONSOLIDATION_AXIS).map(String::as_str);
    let lines: Vec<(&str, &str)> = dimensions
        .iter()
        .filter(|(axis, _)| LINE_AXES.contains(&axis.as_str()))
        .map(|(axis, member)| (axis.as_str(), member.as_str()))
        .collect();
    let others = dimensions.len() - lines.len() - usize::from(consolidation.is_some());
    match (lines.as_slice(), consolidation, others) {
        ([], None, 0) => Reading::Undimensioned,
        ([], None, _) => Reading::NotALine("its axes name no revenue line"),
        (_, Some(member), _) if member != OPERATING_SEGMENTS => {
            Reading::NotALine("a reconciling item between the segments and the total")
        }
        ([], Some(_), 0) => Reading::NotALine("the operating segments' sum, which the total states"),
        ([(axis, member)], _, 0) => Reading::Line { axis, member },
        _ => Reading::NotALine("a part of a line, which beside the line's whole would count twice"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn reads_as(dims: &[(&str, &str)], expected: Reading<'_>) {
        let map: BTreeMap<String, String> = dims.iter().map(|(a, m)| (a.to_string(), m.to_string())).collect();
        assert_eq!(read(&map), expected, "{dims:?}");
    }

    const PRODUCT: &str = PRODUCT_AXIS;
    const SEGMENT: &str = SEGMENTS_AXIS;
    const GEOGRAPHY: &str = "srt:StatementGeographicalAxis";
    const HOSTING: &str = "x:HostingMember";
    const PART: Reading<'_> = Reading::NotALine("a part of a line, which beside the line's whole would count twice");
    const RECONCILING: Reading<'_> = Reading::NotALine("a reconciling item between the segments and the total");

    #[test]
    fn one_line_axis_alone_or_as_the_operating_segments_state_it_is_a_line() {
        reads_as(&[], Reading::Undimensioned);
        reads_as(&[(PRODUCT, HOSTING)], Reading::Line { axis: PRODUCT, member: HOSTING });
        reads_as(&[(SEGMENT, HOSTING)], Reading::Line { axis: SEGMENT, member: HOSTING });
        let as_segments = [(SEGMENT, HOSTING), (CONSOLIDATION_AXIS, OPERATING_SEGMENTS)];
        reads_as(&as_segments, Reading::Line { axis: SEGMENT, member: HOSTING });
    }

    #[test]
    fn parts_of_lines_and_reconciling_items_are_not_lines() {
        reads_as(&[(PRODUCT, HOSTING), (GEOGRAPHY, "country:US")], PART);
        reads_as(&[(PRODUCT, HOSTING), (SEGMENT, "x:MiningSegmentMember")], PART);
        reads_as(&[(SEGMENT, HOSTING), (CONSOLIDATION_AXIS, OPERATING_SEGMENTS), (GEOGRAPHY, "country:US")], PART);
        reads_as(&[(SEGMENT, HOSTING), (CONSOLIDATION_AXIS, "us-gaap:IntersegmentEliminationMember")], RECONCILING);
        reads_as(&[(CONSOLIDATION_AXIS, "us-gaap:CorporateNonSegmentMember")], RECONCILING);
        reads_as(
            &[(CONSOLIDATION_AXIS, OPERATING_SEGMENTS)],
            Reading::NotALine("the operating segments' sum, which the total states"),
        );
        reads_as(&[(GEOGRAPHY, "country:US")], Reading::NotALine("its axes name no revenue line"));
    }
}
