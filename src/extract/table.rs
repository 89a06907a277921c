//! A grid of cell texts → revenue [`Fact`]s.
//!
//! HTML tables (after colspan/rowspan expansion) and PDF tables (after line grouping) both arrive
//! here as `Vec<Vec<String>>`, so one reader serves both. It finds the header rows above the
//! figures and the period each figure column stands for, the scale stated in or near the table,
//! and the rows that are revenue lines (by their label, or because they sit under a "Revenue:"
//! heading); every figure of such a row becomes a fact. A table whose revenue figures are small and
//! whose scale is stated nowhere near it is read in whole dollars, with a warning naming it.

use std::collections::HashSet;

use thiserror::Error;

use super::Rules;
use super::cell::{Amount, Cell, parse_cell, scale_in};
use super::period::parse_header;
use super::segment::{classify, classify_or_warn, is_revenue_line};
use crate::model::{Extractor, Fact, FiscalYearEnd, Period, Segment};

/// Largest grid read, in cells; bigger grids are refused rather than read slowly.
pub const MAX_CELLS: usize = 250_000;

/// Confidence of a figure read from a table.
pub const TABLE_CONFIDENCE: f32 = 0.9;

/// Why a table could not be read at all.
#[derive(Debug, Clone, Error)]
#[non_exhaustive]
pub enum TableError {
    #[error("table of {cells} cells exceeds the {MAX_CELLS}-cell limit")]
    TooLarge { cells: usize },
    #[error(transparent)]
    Panicked(#[from] super::ReaderPanic),
}

/// Figures below this, read in whole dollars, make an unstated scale suspect: a listed company's
/// revenue line written out in dollars runs to millions.
const SUSPECT_BELOW_USD: i64 = 1_000_000;

/// What a table is read with: the text near it (scale, period context) and the company's rules.
#[derive(Debug, Clone, Copy)]
pub struct TableContext<'a> {
    /// Its place among the document's tables (from 1), to name it in warnings.
    pub number: usize,
    /// Text about the table: headings, caption, the lines just before it ("(in thousands)").
    pub nearby_text: &'a str,
    pub rules: Rules<'a>,
    /// `HtmlTable` or `PdfTable`, per caller.
    pub extractor: Extractor,
}

/// One row, read: its label and the figures by column.
struct Row<'a> {
    label: Option<&'a str>,
    amounts: Vec<(usize, Amount, &'a str)>,
}

impl Row<'_> {
    fn is_data(&self) -> bool {
        self.label.is_some() && !self.amounts.is_empty()
    }
}

/// Reads every revenue figure of `grid`; unknown revenue lines add a warning.
pub fn read_table(
    grid: &[Vec<String>],
    ctx: &TableContext<'_>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Fact>, TableError> {
    let cells: usize = grid.iter().map(Vec::len).sum();
    if cells > MAX_CELLS {
        return Err(TableError::TooLarge { cells });
    }
    let rows: Vec<Row<'_>> = grid.iter().map(|r| read_row(r)).collect();
    let numeric_columns: Vec<usize> = {
        let mut cols: Vec<usize> =
            rows.iter().filter(|r| r.is_data()).flat_map(|r| r.amounts.iter().map(|a| a.0)).collect();
        cols.sort_unstable();
        cols.dedup();
        cols
    };
    if numeric_columns.is_empty() {
        return Ok(Vec::new());
    }
    let stated_scale = grid.iter().flatten().find_map(|c| scale_in(c)).or_else(|| scale_in(ctx.nearby_text));
    let scale = stated_scale.unwrap_or(1);

    let mut facts = Vec::new();
    let mut seen = HashSet::new();
    let mut column_periods: Vec<Option<Period>> = Vec::new();
    let mut header_start = 0;
    let mut under_revenue_heading = false;
    for (i, row) in rows.iter().enumerate() {
        let label = row.label.unwrap_or("");
        if !row.is_data() {
            under_revenue_heading = match row.label {
                Some(l) if row.amounts.is_empty() => heading_continues_revenue(l, under_revenue_heading, ctx),
                _ => under_revenue_heading,
            };
            continue;
        }
        if header_start < i {
            let found = periods_by_column(&grid[header_start..i], &numeric_columns, ctx.rules.fye, warnings);
            if found.iter().any(Option::is_some) {
                column_periods = found;
            }
        }
        header_start = i + 1;
        if !is_revenue_line(label, under_revenue_heading) {
            under_revenue_heading = false;
            continue;
        }
        let segment = classify_or_warn(label, ctx.rules.overrides, warnings);
        let mut done_periods = HashSet::new();
        for &(col, amount, raw) in &row.amounts {
            let Some(Some(period)) = column_periods.get(col) else {
                continue;
            };
            let Some(value_usd) = amount.dollars(scale) else {
                continue;
            };
            if !done_periods.insert(*period) || !seen.insert((*period, label, value_usd)) {
                continue;
            }
            facts.push(Fact {
                segment,
                period: *period,
                value_usd,
                label: label.to_string(),
                concept: None,
                extractor: ctx.extractor,
                confidence: TABLE_CONFIDENCE,
                raw_text: raw.to_string(),
            });
        }
        if segment == Segment::Total {
            under_revenue_heading = false;
        }
    }
    let largest = facts.iter().map(|f| f.value_usd.saturating_abs()).max();
    if stated_scale.is_none()
        && let Some(largest) = largest.filter(|&l| l < SUSPECT_BELOW_USD)
    {
        warnings.push(format!(
            "table {}: no scale (thousands, millions) stated in or near it; its revenue figures, the largest {largest}, \
             are read as whole dollars",
            ctx.number
        ));
    }
    Ok(facts)
}

/// The row's label (first text cell, left of the figures) and its figures.
fn read_row(cells: &[String]) -> Row<'_> {
    let mut label = None;
    let mut amounts = Vec::new();
    for (col, text) in cells.iter().enumerate() {
        match parse_cell(text) {
            Cell::Amount(a) if label.is_some() => amounts.push((col, a, text.trim())),
            Cell::Text if label.is_none() => label = Some(text.trim()),
            _ => {}
        }
    }
    Row { label, amounts }
}

/// Whether a row with a label and no figures keeps (or opens) a "Revenue:" section.
fn heading_continues_revenue(label: &str, under: bool, ctx: &TableContext<'_>) -> bool {
    match classify(label, ctx.rules.overrides) {
        Some(Segment::Total) => is_revenue_line(label, false),
        Some(_) => under && is_revenue_line(label, true),
        None => false,
    }
}

/// The period each column stands for, from the header rows above the figures.
///
/// Each figure column's header is its cells stacked top to bottom ("Three Months Ended" /
/// "March 31," / "2026"). Neighbouring columns with the same stack share one header cell: one
/// period each when it names as many ("…March 31, 2026 and 2025"), else split evenly.
fn periods_by_column(
    header: &[Vec<String>],
    numeric_columns: &[usize],
    fye: FiscalYearEnd,
    warnings: &mut Vec<String>,
) -> Vec<Option<Period>> {
    let width = numeric_columns.iter().max().map_or(0, |m| m + 1);
    let mut periods = vec![None; width];
    let stack = |col: usize| -> String {
        header.iter().filter_map(|r| r.get(col)).map(|s| s.trim()).collect::<Vec<_>>().join(" ")
    };
    let stacks: Vec<(usize, String)> = numeric_columns.iter().map(|&c| (c, stack(c))).collect();
    for group in stacks.chunk_by(|a, b| a.1 == b.1) {
        let Some((_, text)) = group.first() else {
            continue;
        };
        let named = parse_header(text, fye);
        if named.is_empty() {
            continue;
        }
        if group.len() % named.len() != 0 {
            warnings.push(format!("header {text:?} names {} periods over {} columns", named.len(), group.len()));
            continue;
        }
        let per_period = group.len() / named.len();
        for (chunk, period) in group.chunks(per_period).zip(&named) {
            for (col, _) in chunk {
                if let Some(slot) = periods.get_mut(*col) {
                    *slot = Some(*period);
                }
            }
        }
    }
    periods
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    const DEC: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn ctx(nearby_text: &str) -> TableContext<'_> {
        TableContext {
            number: 1,
            nearby_text,
            rules: Rules { fye: DEC, overrides: &[] },
            extractor: Extractor::HtmlTable,
        }
    }

    fn q(year: i32) -> Period {
        let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).unwrap_or_default();
        Period { start: d(1, 1), end: d(3, 31) }
    }

    fn summary(facts: &[Fact]) -> Vec<(Segment, i32, i64, &str)> {
        use chrono::Datelike;
        facts.iter().map(|f| (f.segment, f.period.end.year(), f.value_usd, f.label.as_str())).collect()
    }

    #[test]
    fn spanned_headers_dollar_cells_and_sections() {
        let g = grid(&[
            &["(in thousands)", "Three Months Ended", "Three Months Ended", "Three Months Ended", "Three Months Ended"],
            &["", "March 31,", "March 31,", "March 31,", "March 31,"],
            &["", "2026", "2026", "2025", "2025"],
            &["Revenue:", "", "", "", ""],
            &["Digital asset revenue", "$", "12,950", "$", "34,400"],
            &["HPC lease revenue (1)", "", "21,034", "", "—"],
            &["Total revenue", "$", "33,984", "$", "34,400"],
            &["Cost of revenue", "", "(9,000)", "", "(8,000)"],
            &["Net loss", "", "(1,000)", "", "(2,000)"],
        ]);
        let mut warnings = Vec::new();
        let facts = read_table(&g, &ctx(""), &mut warnings).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Mining, 2026, 12_950_000, "Digital asset revenue"),
                (Segment::Mining, 2025, 34_400_000, "Digital asset revenue"),
                (Segment::Hpc, 2026, 21_034_000, "HPC lease revenue (1)"),
                (Segment::Hpc, 2025, 0, "HPC lease revenue (1)"),
                (Segment::Total, 2026, 33_984_000, "Total revenue"),
                (Segment::Total, 2025, 34_400_000, "Total revenue"),
            ]
        );
        assert_eq!(facts[0].period, q(2026));
        assert_eq!(facts[0].raw_text, "12,950");
        assert_eq!(facts[0].extractor, Extractor::HtmlTable);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn one_header_cell_naming_two_years_and_scale_from_nearby_text() {
        let g = grid(&[
            &["", "Three Months Ended March 31, 2026 and 2025", "Three Months Ended March 31, 2026 and 2025"],
            &["Colocation revenue", "77.5", "12.1"],
            &["Widget revenue", "1.0", "—"],
        ]);
        let mut warnings = Vec::new();
        let facts = read_table(&g, &ctx("Results ($ in millions)"), &mut warnings).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Hpc, 2026, 77_500_000, "Colocation revenue"),
                (Segment::Hpc, 2025, 12_100_000, "Colocation revenue"),
                (Segment::Other, 2026, 1_000_000, "Widget revenue"),
                (Segment::Other, 2025, 0, "Widget revenue"),
            ]
        );
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn quarter_label_headers() {
        let g = grid(&[&["($000s)", "Q1 2026", "Q1 2025"], &["Total revenues", "115,200", "79,500"]]);
        let facts = read_table(&g, &ctx(""), &mut Vec::new()).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Total, 2026, 115_200_000, "Total revenues"),
                (Segment::Total, 2025, 79_500_000, "Total revenues")
            ]
        );
    }

    #[test]
    fn tables_without_figures_or_periods_give_nothing() {
        let words = grid(&[&["About us", "We mine bitcoin"], &["Contact", "ir@example.com"]]);
        assert!(read_table(&words, &ctx(""), &mut Vec::new()).unwrap_or_default().is_empty());
        let no_header = grid(&[&["Total revenue", "1,000"]]);
        assert!(read_table(&no_header, &ctx(""), &mut Vec::new()).unwrap_or_default().is_empty());
    }

    #[test]
    fn huge_grids_are_refused() {
        let row = vec!["1".to_string(); 1000];
        let g = vec![row; 300];
        assert!(matches!(read_table(&g, &ctx(""), &mut Vec::new()), Err(TableError::TooLarge { cells: 300_000 })));
    }
}
