//! Inline-XBRL facts → revenue [`Fact`]s.
//!
//! A 10-Q states revenue as `us-gaap:Revenues` (or the contract-revenue concept) for the total and
//! the same concept under one member of a product/segment axis for each line; lease income and
//! company extension concepts ("wulf:HPCLeaseRevenue") carry lines too. Costs, instants and other
//! currencies are not revenue lines and are left out; a revenue fact whose dimensions make it no
//! line's whole ([`dimensions`]) is left out with a warning naming its concept and axes.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::dimensions::{self, PRODUCT_AXIS, Reading, SEGMENTS_AXIS};
use crate::extract::segment::{classify_or_warn, is_revenue_label};
use crate::model::{Extractor, Fact, LabelOverride, Period, Segment, TOTAL_CONCEPTS, XbrlFact};

/// Confidence of a figure tagged in a filing.
pub const XBRL_CONFIDENCE: f32 = 1.0;

/// Standard concepts of lease income, a revenue line of their own (HPC leases, for the miners).
pub const LEASE_CONCEPTS: &[&str] =
    &["us-gaap:OperatingLeaseLeaseIncome", "us-gaap:OperatingLeasesIncomeStatementLeaseRevenue", "us-gaap:LeaseIncome"];

/// Taxonomies whose concepts are not company extensions.
const STANDARD_PREFIXES: &[&str] = &["us-gaap", "srt", "dei", "ifrs-full", "country", "currency", "iso4217"];

/// What a concept says about revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Concept {
    Total,
    /// A line named by the concept itself (lease income, extension revenue concepts).
    Line,
}

fn concept_kind(concept: &str) -> Option<Concept> {
    if TOTAL_CONCEPTS.contains(&concept) {
        return Some(Concept::Total);
    }
    if LEASE_CONCEPTS.contains(&concept) {
        return Some(Concept::Line);
    }
    let (prefix, local) = concept.split_once(':')?;
    (!STANDARD_PREFIXES.contains(&prefix) && local.contains("Revenue") && is_revenue_label(local))
        .then_some(Concept::Line)
}

/// Why a business segment's line is left out where product lines are read.
const RESTATED: &str =
    "a business segment of a period its product lines break down, which beside them would count twice";

/// The revenue facts among `facts`; members no rule knows become Other with a warning, and
/// revenue facts that are no line's whole are left out with one warning per concept and axes.
/// A period broken down both by product and by business segment is read by product.
pub fn revenue_facts(facts: &[XbrlFact], overrides: &[LabelOverride], warnings: &mut Vec<String>) -> Vec<Fact> {
    let by_product = periods_with_lines_on(PRODUCT_AXIS, facts);
    let mut seen = HashSet::new();
    let mut left_out = LeftOut::default();
    let mut out = Vec::new();
    for f in facts {
        let (Some(kind), Some(start), Some(value)) = (concept_kind(&f.concept), f.period_start, f.value.as_deref())
        else {
            continue;
        };
        if !is_usd(f.unit.as_deref()) {
            continue;
        }
        let Some(value_usd) = whole_dollars(value) else {
            warnings.push(format!("{}: value {value:?} is not a number", f.concept));
            continue;
        };
        let (segment, label) = match (dimensions::read(&f.dimensions), kind) {
            (Reading::Undimensioned, Concept::Total) => (Segment::Total, f.concept.clone()),
            (Reading::Undimensioned, Concept::Line) => {
                (classify_or_warn(&f.concept, overrides, warnings), f.concept.clone())
            }
            (Reading::Line { axis, .. }, _)
                if axis == SEGMENTS_AXIS && by_product.contains(&(f.period_start, f.period_end)) =>
            {
                left_out.add(f, RESTATED);
                continue;
            }
            (Reading::Line { member, .. }, _) => (classify_or_warn(member, overrides, warnings), member.to_string()),
            (Reading::NotALine(why), _) => {
                left_out.add(f, why);
                continue;
            }
        };
        let period = Period { start, end: f.period_end };
        if !seen.insert((f.concept.as_str(), period, label.clone(), value_usd)) {
            continue;
        }
        out.push(Fact {
            segment,
            period,
            value_usd,
            label,
            concept: Some(f.concept.clone()),
            extractor: Extractor::Ixbrl,
            confidence: XBRL_CONFIDENCE,
            raw_text: value.to_string(),
        });
    }
    warnings.extend(left_out.warnings());
    out
}

/// The periods (start, end) of the USD revenue facts that are whole lines on `axis`.
fn periods_with_lines_on(axis: &str, facts: &[XbrlFact]) -> HashSet<(Option<NaiveDate>, NaiveDate)> {
    facts
        .iter()
        .filter(|f| concept_kind(&f.concept).is_some() && is_usd(f.unit.as_deref()))
        .filter(|f| matches!(dimensions::read(&f.dimensions), Reading::Line { axis: a, .. } if a == axis))
        .map(|f| (f.period_start, f.period_end))
        .collect()
}

/// Revenue facts left out for their dimensions, counted by concept, axes and reason in the order
/// first met.
#[derive(Debug, Default)]
struct LeftOut(Vec<((String, String, &'static str), usize)>);

impl LeftOut {
    fn add(&mut self, f: &XbrlFact, why: &'static str) {
        let axes = f.dimensions.keys().map(String::as_str).collect::<Vec<_>>().join(" × ");
        let key = (f.concept.clone(), axes, why);
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += 1,
            None => self.0.push((key, 1)),
        }
    }

    fn warnings(self) -> impl Iterator<Item = String> {
        self.0.into_iter().map(|((concept, axes, why), count)| {
            let facts = if count == 1 { "1 fact".to_string() } else { format!("{count} facts") };
            format!("{concept} on {axes}: {facts} left out, {why}")
        })
    }
}

fn is_usd(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| u.rsplit(':').next().is_some_and(|m| m.eq_ignore_ascii_case("USD")))
}

/// A decimal string rounded to whole dollars ("21047000", "-3.5", "1.2E7" is refused).
fn whole_dollars(value: &str) -> Option<i64> {
    let v = value.trim();
    let (negative, digits) = v.strip_prefix('-').map_or((false, v), |d| (true, d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut units: i64 = whole.parse().ok()?;
    if fraction.chars().next().is_some_and(|c| c >= '5') {
        units = units.checked_add(1)?;
    }
    Some(if negative { -units } else { units })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    fn fact(concept: &str, dims: &[(&str, &str)], unit: &str, value: &str) -> XbrlFact {
        XbrlFact {
            concept: concept.into(),
            period_start: Some(d(1, 1)),
            period_end: d(3, 31),
            dimensions: dims.iter().map(|(a, m)| (a.to_string(), m.to_string())).collect::<BTreeMap<_, _>>(),
            unit: Some(unit.into()),
            decimals: Some("-3".into()),
            value: Some(value.into()),
        }
    }

    fn read(facts: &[XbrlFact]) -> Vec<(Segment, i64, String)> {
        revenue_facts(facts, &[], &mut Vec::new()).into_iter().map(|f| (f.segment, f.value_usd, f.label)).collect()
    }

    const USD: &str = "iso4217:USD";
    const PRODUCT: &str = "srt:ProductOrServiceAxis";

    #[test]
    fn totals_members_and_lease_income() {
        let facts = [
            fact("us-gaap:Revenues", &[], USD, "34012000"),
            fact("us-gaap:Revenues", &[(PRODUCT, "wulf:HPCLeaseRevenueMember")], USD, "21047000"),
            fact("us-gaap:Revenues", &[(PRODUCT, "wulf:DigitalAssetRevenueMember")], USD, "12965000"),
            fact("us-gaap:OperatingLeaseLeaseIncome", &[], USD, "21047000"),
            fact("apld:TenantFitOutRevenue", &[], USD, "500.5"),
        ];
        assert_eq!(
            read(&facts),
            vec![
                (Segment::Total, 34_012_000, "us-gaap:Revenues".into()),
                (Segment::Hpc, 21_047_000, "wulf:HPCLeaseRevenueMember".into()),
                (Segment::Mining, 12_965_000, "wulf:DigitalAssetRevenueMember".into()),
                (Segment::Hpc, 21_047_000, "us-gaap:OperatingLeaseLeaseIncome".into()),
                (Segment::Hpc, 501, "apld:TenantFitOutRevenue".into()),
            ]
        );
        let full = revenue_facts(&facts[..1], &[], &mut Vec::new());
        assert_eq!(full[0].concept.as_deref(), Some("us-gaap:Revenues"));
        assert_eq!((full[0].extractor, full[0].confidence), (Extractor::Ixbrl, 1.0));
    }

    #[test]
    fn not_revenue_lines_are_left_out() {
        let mut instant = fact("us-gaap:Revenues", &[], USD, "1");
        instant.period_start = None;
        let facts = [
            instant,
            fact("us-gaap:CostOfRevenue", &[], USD, "16798000"),
            fact("us-gaap:Revenues", &[], "iso4217:EUR", "5"),
            fact("us-gaap:Revenues", &[("srt:SegmentGeographicalAxis", "country:US")], USD, "7"),
            fact("us-gaap:Revenues", &[(PRODUCT, "x:AMember"), ("srt:ConsolidationItemsAxis", "x:B")], USD, "8"),
            fact("wulf:DeferredRevenueCurrent", &[], USD, "9"),
        ];
        assert_eq!(read(&facts), vec![]);
    }

    const CONSOLIDATION: &str = "srt:ConsolidationItemsAxis";
    const OPERATING: &str = "us-gaap:OperatingSegmentsMember";
    const SEGMENT: &str = "us-gaap:StatementBusinessSegmentsAxis";

    fn read_and_warn(facts: &[XbrlFact]) -> (Vec<(Segment, i64, String)>, Vec<String>) {
        let mut warnings = Vec::new();
        let got = revenue_facts(facts, &[], &mut warnings).into_iter().map(|f| (f.segment, f.value_usd, f.label));
        (got.collect(), warnings)
    }

    /// Issue 13.6: revenue facts on two or more axes, or on an axis outside the known list, were
    /// dropped silently.
    #[test]
    fn a_segment_stated_by_the_operating_segments_is_read_and_parts_of_lines_are_warned() {
        let geography = "srt:StatementGeographicalAxis";
        let facts = [
            fact("us-gaap:Revenues", &[], USD, "34012000"),
            fact(
                "us-gaap:Revenues",
                &[(SEGMENT, "x:HostingSegmentMember"), (CONSOLIDATION, OPERATING)],
                USD,
                "12965000",
            ),
            fact("us-gaap:Revenues", &[(SEGMENT, "x:HPCSegmentMember"), (CONSOLIDATION, OPERATING)], USD, "21047000"),
            fact("us-gaap:Revenues", &[(PRODUCT, "x:HostingMember"), (geography, "country:US")], USD, "5000000"),
            fact("us-gaap:Revenues", &[(PRODUCT, "x:HostingMember"), (geography, "country:CA")], USD, "4000000"),
            fact("us-gaap:Revenues", &[(CONSOLIDATION, OPERATING)], USD, "34112000"),
            fact("us-gaap:Revenues", &[(CONSOLIDATION, "us-gaap:IntersegmentEliminationMember")], USD, "-100000"),
        ];
        let (got, warnings) = read_and_warn(&facts);
        assert_eq!(
            got,
            vec![
                (Segment::Total, 34_012_000, "us-gaap:Revenues".into()),
                (Segment::Hosting, 12_965_000, "x:HostingSegmentMember".into()),
                (Segment::Hpc, 21_047_000, "x:HPCSegmentMember".into()),
            ]
        );
        assert_eq!(
            warnings,
            [
                "us-gaap:Revenues on srt:ProductOrServiceAxis × srt:StatementGeographicalAxis: 2 facts left out, \
                 a part of a line, which beside the line's whole would count twice",
                "us-gaap:Revenues on srt:ConsolidationItemsAxis: 1 fact left out, \
                 the operating segments' sum, which the total states",
                "us-gaap:Revenues on srt:ConsolidationItemsAxis: 1 fact left out, \
                 a reconciling item between the segments and the total",
            ]
        );
    }

    /// Segments and product lines are two breakdowns of one revenue: summing both counted it twice.
    #[test]
    fn a_period_broken_down_by_product_and_by_segment_is_read_by_product() {
        let mut other_quarter = fact("us-gaap:Revenues", &[(SEGMENT, "x:HPCSegmentMember")], USD, "9000000");
        other_quarter.period_start = Some(d(4, 1));
        other_quarter.period_end = d(6, 30);
        let facts = [
            fact("us-gaap:Revenues", &[(PRODUCT, "x:HPCLeaseMember")], USD, "21047000"),
            fact("us-gaap:Revenues", &[(PRODUCT, "x:DigitalAssetMember")], USD, "12965000"),
            fact("us-gaap:Revenues", &[(SEGMENT, "x:HPCSegmentMember"), (CONSOLIDATION, OPERATING)], USD, "21047000"),
            fact("us-gaap:Revenues", &[(SEGMENT, "x:MiningSegmentMember")], USD, "12965000"),
            other_quarter,
        ];
        let (got, warnings) = read_and_warn(&facts);
        assert_eq!(
            got,
            vec![
                (Segment::Hpc, 21_047_000, "x:HPCLeaseMember".into()),
                (Segment::Mining, 12_965_000, "x:DigitalAssetMember".into()),
                (Segment::Hpc, 9_000_000, "x:HPCSegmentMember".into()),
            ]
        );
        let restated =
            "a business segment of a period its product lines break down, which beside them would count twice";
        assert_eq!(
            warnings,
            [
                format!(
                    "us-gaap:Revenues on srt:ConsolidationItemsAxis × us-gaap:StatementBusinessSegmentsAxis: 1 fact left out, {restated}"
                ),
                format!("us-gaap:Revenues on us-gaap:StatementBusinessSegmentsAxis: 1 fact left out, {restated}"),
            ]
        );
    }

    #[test]
    fn duplicates_collapse_and_unknown_members_warn() {
        let dup = fact("us-gaap:Revenues", &[(PRODUCT, "x:WidgetsMember")], USD, "10");
        let mut warnings = Vec::new();
        let facts = revenue_facts(&[dup.clone(), dup], &[], &mut warnings);
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].segment, Segment::Other);
        assert!(warnings.iter().any(|w| w.contains("x:WidgetsMember")));
    }
}
