//! Lines add up: where one document gives a total and its lines for a period, the lines should sum
//! to the total within the rounding of the figures as written. What they leave unexplained
//! beyond it is flagged on the document's statement of the total (issue 12 item 4).
//!
//! A figure's rounding is read from the figure itself: trailing zeros are the coarsest precision
//! it can have been written in ($14,700,000 was at most "$14.7 million": ±$50,000), so rounding
//! is never taken for a gap.

use std::collections::BTreeMap;

use super::{SourcedFact, document_lines};
use crate::model::{Period, Segment};

/// Per (document, period): total minus the sum of its lines, where that is beyond their rounding.
pub fn lines_gaps(facts: &[SourcedFact]) -> BTreeMap<(i64, Period), i64> {
    let mut by_statement: BTreeMap<(i64, Period), BTreeMap<Segment, Vec<&SourcedFact>>> = BTreeMap::new();
    for f in facts {
        by_statement.entry((f.document_id, f.fact.period)).or_default().entry(f.fact.segment).or_default().push(f);
    }
    by_statement.into_iter().filter_map(|(key, segments)| Some((key, gap(&segments)?))).collect()
}

/// The gap of one document's period: one total, at least one line, and a sum beyond rounding.
fn gap(segments: &BTreeMap<Segment, Vec<&SourcedFact>>) -> Option<i64> {
    let totals = segments.get(&Segment::Total)?;
    let mut values: Vec<i64> = totals.iter().map(|f| f.fact.value_usd).collect();
    values.sort_unstable();
    values.dedup();
    let [total] = values[..] else {
        // Two different totals are an extraction error of their own, warned at extraction.
        return None;
    };
    let lines: Vec<i64> = segments
        .iter()
        .filter(|(segment, _)| **segment != Segment::Total)
        .flat_map(|(_, group)| document_lines(group))
        .map(|f| f.fact.value_usd)
        .collect();
    if lines.is_empty() {
        return None;
    }
    let tolerance: i64 = lines.iter().chain([&total]).map(|&v| rounding(v)).sum();
    let gap = total - lines.iter().sum::<i64>();
    (gap.abs() > tolerance).then_some(gap)
}

/// Half the coarsest unit a figure can have been written in: 14,700,000 → 50,000; 35,215,000 →
/// 500; 900,000 → 50,000; 0 → 0.
fn rounding(value: i64) -> i64 {
    if value == 0 {
        return 0;
    }
    let mut unit = 1_i64;
    while unit < 1_000_000_000 && value % (unit * 10) == 0 {
        unit *= 10;
    }
    unit / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_dates::*;
    use crate::model::{Extractor, Fact};

    fn fact(document_id: i64, segment: Segment, value_usd: i64, label: &str) -> SourcedFact {
        SourcedFact {
            fact: Fact {
                segment,
                period: p(d(2023, 10, 1), d(2023, 12, 31)),
                value_usd,
                label: label.into(),
                concept: None,
                extractor: Extractor::Prose,
                confidence: 0.5,
                raw_text: String::new(),
            },
            document_id,
            form: "press release".into(),
            filed: None,
            url: format!("https://example.test/{document_id}"),
        }
    }

    #[test]
    fn rounding_is_read_from_the_figure() {
        let got: Vec<_> = [14_700_000, 35_215_000, 900_000, 14_710_000, 0, 7].into_iter().map(rounding).collect();
        assert_eq!(got, vec![50_000, 500, 50_000, 5_000, 0, 0]);
    }

    #[test]
    fn lines_missing_from_their_total_are_flagged_and_rounding_is_not() {
        let q = p(d(2023, 10, 1), d(2023, 12, 31));
        let facts = vec![
            // HIVE fiscal Q3 2024: 31.3 total vs 30.1 + 0.9 (±0.15 rounding): 0.3 unexplained.
            fact(1, Segment::Total, 31_300_000, "QUARTERLY REVENUE"),
            fact(1, Segment::Mining, 30_100_000, "revenue"),
            fact(1, Segment::Hpc, 900_000, "high performance computing business unit"),
            // Core Scientific Q2 2024: 141.1 vs 110.7 + 24.8 + 5.5 = 141.0, within ±0.2.
            fact(2, Segment::Total, 141_100_000, "Total revenue"),
            fact(2, Segment::Mining, 110_700_000, "Digital asset self-mining revenue"),
            fact(2, Segment::Hosting, 24_800_000, "Digital asset hosted mining revenue"),
            fact(2, Segment::Hpc, 5_500_000, "Colocation revenue"),
            // Hut 8 Q2 2024 in thousands, an elimination among the lines: exact.
            fact(3, Segment::Total, 35_215_000, "Total segment and consolidated revenue"),
            fact(3, Segment::Mining, 13_912_000, "Digital Assets Mining"),
            fact(3, Segment::Other, 9_017_000, "Managed Services"),
            fact(3, Segment::Hpc, 3_365_000, "High Performance Computing – Colocation and Cloud"),
            fact(3, Segment::Other, 13_474_000, "Other"),
            fact(3, Segment::Other, -4_553_000, "Eliminations"),
            // A total alone, and a line stated twice in the same words: counted once.
            fact(4, Segment::Total, 50_600_000, "Revenue"),
            fact(5, Segment::Total, 22_800_000, "Quarterly Revenue"),
            fact(5, Segment::Mining, 22_800_000, "revenue"),
            fact(5, Segment::Mining, 22_800_000, "revenue"),
        ];
        assert_eq!(lines_gaps(&facts), BTreeMap::from([((1, q), 300_000)]));
    }
}
