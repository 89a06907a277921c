//! What each figure column of a table stands for, read from the header rows above the figures:
//! its period ("Three Months Ended" / "March 31," / "2026"), or its segment where segments are
//! the column headers (EDGAR segment notes: "Digital asset mining | Cloud services | … | Total"),
//! and whether the headers say the figures are revenue ("Q1 FY25 Revenue").

use super::period::parse_header;
use super::segment::{classify, is_revenue_label};
use crate::model::{FiscalYearEnd, LabelOverride, Period, Segment};

/// Header words of a column that holds no period's actual figures, even when it names a period
/// ("Q2 2025 Estimate", "Consensus", "Y/Y Change").
const NOT_ACTUAL: &[&str] = &["estimate", "estimates", "consensus", "guidance", "outlook", "forecast", "change", "%"];

/// What one figure column stands for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column {
    pub period: Option<Period>,
    /// The segment its header names, and the header as written, when it names no period.
    pub segment: Option<(Segment, String)>,
}

/// The figure columns of one block of header rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// By grid column.
    pub columns: Vec<Column>,
    /// Every period column's header says revenue ("Q1 FY25 Revenue"): the rows are revenue lines.
    pub says_revenue: bool,
}

impl Header {
    pub fn column(&self, col: usize) -> Option<&Column> {
        self.columns.get(col)
    }

    pub fn names_periods(&self) -> bool {
        self.columns.iter().any(|c| c.period.is_some())
    }

    /// Whether segments head the columns (a "Total" column beside them is their subtotal).
    pub fn by_segment(&self) -> bool {
        self.columns.iter().any(|c| c.segment.as_ref().is_some_and(|(s, _)| *s != Segment::Total))
    }
}

/// Reads the header rows above a block of figures.
///
/// Each figure column's header is its cells stacked top to bottom. Neighbouring columns with the
/// same stack share one header cell: one period each when it names as many ("…March 31, 2026 and
/// 2025"), else split evenly.
pub fn read_header(
    header: &[Vec<String>],
    numeric_columns: &[usize],
    fye: FiscalYearEnd,
    overrides: &[LabelOverride],
    warnings: &mut Vec<String>,
) -> Header {
    let width = numeric_columns.iter().max().map_or(0, |m| m + 1);
    let mut columns = vec![Column::default(); width];
    let stack = |col: usize| -> String {
        let cells = header.iter().filter_map(|r| r.get(col)).map(|s| s.trim());
        let mut parts: Vec<&str> = cells.filter(|s| !s.is_empty()).collect();
        parts.dedup();
        parts.join(" ")
    };
    let stacks: Vec<(usize, String)> = numeric_columns.iter().map(|&c| (c, stack(c))).collect();
    let mut says_revenue = true;
    for group in stacks.chunk_by(|a, b| a.1 == b.1) {
        let Some((_, text)) = group.first() else {
            continue;
        };
        let lower = text.to_lowercase();
        if NOT_ACTUAL.iter().any(|w| lower.split(|c: char| !c.is_alphanumeric() && c != '%').any(|x| x == *w)) {
            continue;
        }
        let named = parse_header(text, fye);
        if named.is_empty() {
            let segment = classify(text, overrides).filter(|_| !text.is_empty()).map(|s| (s, text.clone()));
            for (col, _) in group {
                if let Some(slot) = columns.get_mut(*col) {
                    slot.segment = segment.clone();
                }
            }
            continue;
        }
        says_revenue &= is_revenue_label(text);
        if group.len() % named.len() != 0 {
            warnings.push(format!("header {text:?} names {} periods over {} columns", named.len(), group.len()));
            continue;
        }
        let per_period = group.len() / named.len();
        for (chunk, period) in group.chunks(per_period).zip(&named) {
            for (col, _) in chunk {
                if let Some(slot) = columns.get_mut(*col) {
                    slot.period = Some(*period);
                }
            }
        }
    }
    let says_revenue = says_revenue && columns.iter().any(|c| c.period.is_some());
    Header { columns, says_revenue }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_dates::*;

    fn header(rows: &[&[&str]], numeric: &[usize]) -> Header {
        let grid: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        read_header(&grid, numeric, DEC, &[], &mut Vec::new())
    }

    #[test]
    fn a_year_row_under_three_months_ended() {
        let h = header(
            &[
                &["", "Three Months Ended", "Three Months Ended"],
                &["", "March 31,", "March 31,"],
                &["", "2026", "2025"],
            ],
            &[1, 2],
        );
        let periods: Vec<_> = h.columns.iter().map(|c| c.period).collect();
        assert_eq!(periods, vec![None, Some(p(d(2026, 1, 1), d(2026, 3, 31))), Some(p(d(2025, 1, 1), d(2025, 3, 31)))]);
        assert!(!h.says_revenue && !h.by_segment());
    }

    #[test]
    fn estimates_and_changes_are_no_period_and_revenue_headers_say_so() {
        let h = header(&[&["Metric", "Q2 2025", "Q2 2025 Estimate", "Y/Y Change"]], &[1, 2, 3]);
        let periods: Vec<_> = h.columns.iter().map(|c| c.period.is_some()).collect();
        assert_eq!(periods, vec![false, true, false, false]);
        assert!(header(&[&["Segment", "Q1 FY25 Revenue", "Q4 FY24 Revenue"]], &[1, 2]).says_revenue);
    }

    #[test]
    fn segments_as_column_headers() {
        let h = header(&[&["", "$", "Digital asset mining", "Cloud services", "Total"]], &[2, 3, 4]);
        let segments: Vec<_> = h.columns.iter().map(|c| c.segment.as_ref().map(|s| s.0)).collect();
        assert_eq!(segments, vec![None, None, Some(Segment::Mining), Some(Segment::Hpc), Some(Segment::Total)]);
        assert!(h.by_segment() && !h.names_periods());
    }
}
