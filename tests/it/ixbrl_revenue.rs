//! Revenue facts of a real 10-Q whose segments are stated on several axes (issue 13.6), with the
//! values Arelle reports (`../shared/corpus/real/arelle/nvda-10-q-2025-08-27.html.facts.json`).
//!
//! NVIDIA states its quarter's revenue three ways: in total, by product line (one axis), and by
//! business segment as the operating segments report it (two axes). The product lines are read;
//! the segments, a second breakdown of the same revenue, are warned about instead of silently
//! dropped; without the product lines the segments are read.

use chrono::NaiveDate;
use minewatch::extract::ixbrl::{self, revenue::revenue_facts};
use minewatch::model::{Segment, XbrlFact};

use crate::support::manifest_dir;

fn nvidia() -> Vec<XbrlFact> {
    let bytes = std::fs::read(manifest_dir().join("../shared/corpus/real/ixbrl/nvda-10-q-2025-08-27.html")).unwrap();
    ixbrl::parse(&bytes).unwrap()
}

/// The revenue facts of the quarter from 28 April 2025: (segment, value, label), and every warning.
fn second_quarter(facts: &[XbrlFact]) -> (Vec<(Segment, i64, String)>, Vec<String>) {
    let mut warnings = Vec::new();
    let facts = revenue_facts(facts, &[], &mut warnings);
    let start = NaiveDate::from_ymd_opt(2025, 4, 28);
    let quarter = facts.into_iter().filter(|f| Some(f.period.start) == start && f.period.months() == Some(3));
    (quarter.map(|f| (f.segment, f.value_usd, f.label)).collect(), warnings)
}

#[test]
fn nvidia_is_read_by_product_and_its_segments_are_warned_not_dropped() {
    let (facts, warnings) = second_quarter(&nvidia());
    let line = |value: i64, member: &str| (Segment::Other, value, format!("nvda:{member}Member"));
    assert_eq!(
        facts,
        vec![
            (Segment::Total, 46_743_000_000, "us-gaap:Revenues".into()),
            line(41_096_000_000, "DataCenter"),
            line(33_844_000_000, "Compute"),
            line(7_252_000_000, "Networking"),
            line(4_287_000_000, "Gaming"),
            line(601_000_000, "ProfessionalVisualization"),
            line(586_000_000, "Automotive"),
            line(173_000_000, "OEMAndOther"),
        ]
    );
    let left_out: Vec<&str> = warnings.iter().filter(|w| w.contains(" left out, ")).map(String::as_str).collect();
    assert_eq!(
        left_out,
        [
            "us-gaap:Revenues on srt:ConsolidationItemsAxis × us-gaap:StatementBusinessSegmentsAxis: 8 facts left out, \
             a business segment of a period its product lines break down, which beside them would count twice",
            "us-gaap:Revenues on srt:ConsolidationItemsAxis: 4 facts left out, \
             the operating segments' sum, which the total states",
            "us-gaap:Revenues on srt:StatementGeographicalAxis: 20 facts left out, its axes name no revenue line",
        ]
    );
}

#[test]
fn nvidia_segments_as_the_operating_segments_state_them_add_up_to_the_total() {
    let without_products: Vec<XbrlFact> =
        nvidia().into_iter().filter(|f| !f.dimensions.contains_key("srt:ProductOrServiceAxis")).collect();
    let (facts, _) = second_quarter(&without_products);
    assert_eq!(
        facts,
        vec![
            (Segment::Total, 46_743_000_000, "us-gaap:Revenues".into()),
            (Segment::Other, 41_331_000_000, "nvda:ComputeAndNetworkingSegmentMember".into()),
            (Segment::Other, 5_412_000_000, "nvda:GraphicsSegmentMember".into()),
        ]
    );
    assert_eq!(41_331_000_000 + 5_412_000_000, facts[0].1);
}
