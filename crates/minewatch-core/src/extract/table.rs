//! A grid of cell texts → revenue [`Fact`]s.
//!
//! HTML tables (after colspan/rowspan expansion) and PDF tables (after line grouping) both arrive
//! here as `Vec<Vec<String>>`, so one reader serves both. It finds the header rows above the
//! figures and the period each figure column stands for, the scale stated in or near the table,
//! and the rows that are revenue lines (by their label, or because they sit under a "Revenue:"
//! heading, or because the column headers say revenue); every figure of such a row becomes a fact,
//! of the row's line or, where segments head the columns, of the column's. A table whose revenue
//! figures are too small for whole dollars and whose scale is stated nowhere near it is not read:
//! a warning names it.

use std::collections::HashSet;

use thiserror::Error;

use super::Rules;
use super::cell::{Amount, Cell, parse_cell, scale_in, without_scale};
use super::columns::{Header, read_header};
use super::period::mentions;
use super::segment::{classify, classify_or_warn, divides_another_way, is_revenue_line, normalise, strip_footnotes};
use crate::model::{Extractor, Fact, LabelOverride, Period, Segment};

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

/// One figure of a row: its column, the figure and the cell's text.
type Figure<'a> = (usize, Amount, &'a str);

/// One row, read: its label and the figures by column.
struct Row<'a> {
    label: Option<&'a str>,
    amounts: Vec<Figure<'a>>,
    /// "(12)"-like cells: figures where they stand in a column of figures, else footnote marks.
    marks_or_negatives: Vec<Figure<'a>>,
}

impl Row<'_> {
    fn is_data(&self) -> bool {
        self.label.is_some() && !self.amounts.is_empty()
    }

    /// Takes the "(12)"-like cells that stand in a column of figures as (negative) figures.
    fn adopt(&mut self, numeric_columns: &[usize]) {
        let (figures, marks): (Vec<_>, Vec<_>) =
            self.marks_or_negatives.drain(..).partition(|(col, _, _)| numeric_columns.contains(col));
        self.marks_or_negatives = marks;
        if self.label.is_some() && !figures.is_empty() {
            self.amounts.extend(figures);
            self.amounts.sort_by_key(|a| a.0);
        }
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
    let mut rows: Vec<Row<'_>> = grid.iter().map(|r| read_row(r)).collect();
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
    rows.iter_mut().for_each(|r| r.adopt(&numeric_columns));
    let stated_scale = grid.iter().flatten().find_map(|c| scale_in(c)).or_else(|| scale_in(ctx.nearby_text));
    let scale = stated_scale.unwrap_or(1);
    let caption_period = caption_period(ctx);

    let mut facts = Vec::new();
    let mut seen = HashSet::new();
    let mut header = Header::default();
    let mut header_start = 0;
    let mut under_revenue_heading = false;
    // A short caption right above naming revenue ("Revenue by segment (in thousands)") heads
    // the rows as a "Revenue:" row would, until the total.
    let mut under_caption = caption_says_revenue(ctx);
    // The segment a heading row names ("HPC Hosting Segment") and where its block's facts start.
    let mut block: (Option<Segment>, usize) = (None, 0);
    // Where the facts of the row just read start, when it is a bare "Revenue" row (not "Total
    // revenue"): a counterparty's share right under it makes it a share too.
    let mut bare_total_from: Option<usize> = None;
    // Whether the rows stand under an EDGAR axis of no business ("Geographical [Axis] | UNITED
    // STATES"): revenue split by country or customer, no line.
    let mut other_axis = false;
    for (i, row) in rows.iter().enumerate() {
        let label = row.label.unwrap_or("");
        if !row.is_data() {
            // An EDGAR page's "Segment Reporting Information [Line Items]" row between a member
            // and its rows belongs to the member: it neither opens nor ends a block.
            if let Some(l) = row.label.filter(|l| row.amounts.is_empty() && !is_line_items(l)) {
                under_revenue_heading = heading_continues_revenue(l, under_revenue_heading, ctx);
                let member = member_heading(l);
                other_axis = member == Some(None);
                block = (member.unwrap_or_else(|| segment_heading(l, ctx)), facts.len());
            }
            continue;
        }
        if header_start < i {
            let rules = &ctx.rules;
            let found = read_header(&grid[header_start..i], &numeric_columns, rules.fye, rules.overrides, warnings);
            if found.names_periods() || found.by_segment() {
                header = found;
            }
        }
        header_start = i + 1;
        if other_axis || !is_revenue_line(label, under_revenue_heading || under_caption || header.says_revenue) {
            under_revenue_heading = false;
            continue;
        }
        if !header.by_segment() && divides_another_way(&clean_label(label)) {
            // "Revenue | 42,000" over "Revenue – related party | 3,000" over "Total revenue |
            // 45,000": the first row is the other parties' share, not a second total.
            if let Some(start) = bare_total_from.take() {
                facts.truncate(start);
            }
            warnings.push(format!(
                "table {}: {label:?} divides revenue by something other than its business: no line",
                ctx.number
            ));
            continue;
        }
        let row_start = facts.len();
        let fallback =
            caption_period.filter(|_| !header.names_periods() && (header.by_segment() || numeric_columns.len() == 1));
        let lines = lines_of(row, label, &header, block.0, ctx.rules.overrides, warnings);
        if let Some((segment, _)) =
            lines.iter().flatten().next().filter(|(s, _)| *s != Segment::Total && is_subtotal(label))
        {
            // "Total HPC hosting revenue" stands for the lines of its block above it.
            let (start, segment) = (block.1.min(facts.len()), *segment);
            let mut above = facts.split_off(start);
            above.retain(|f: &Fact| f.segment != segment);
            facts.extend(above);
            block.1 = facts.len();
        }
        let mut done = HashSet::new();
        for (line, &(col, amount, raw)) in lines.iter().zip(&row.amounts) {
            let Some((segment, line_label)) = line else {
                continue;
            };
            let Some(period) = header.column(col).and_then(|c| c.period).or(fallback) else {
                continue;
            };
            let Some(value_usd) = amount.dollars(scale) else {
                continue;
            };
            if !done.insert((period, line_label.clone())) || !seen.insert((period, line_label.clone(), value_usd)) {
                continue;
            }
            facts.push(Fact {
                segment: *segment,
                period,
                value_usd,
                label: line_label.clone(),
                concept: None,
                extractor: ctx.extractor,
                confidence: TABLE_CONFIDENCE,
                raw_text: raw.to_string(),
            });
        }
        let totals = lines.iter().flatten().all(|(segment, _)| *segment == Segment::Total);
        bare_total_from = (totals && !is_subtotal(label) && facts.len() > row_start).then_some(row_start);
        if lines.iter().flatten().any(|(segment, _)| *segment == Segment::Total) {
            under_revenue_heading = false;
            under_caption = false;
        }
    }
    let largest = facts.iter().map(|f| f.value_usd.saturating_abs()).max();
    if stated_scale.is_none()
        && let Some(largest) = largest.filter(|&l| l < SUSPECT_BELOW_USD)
    {
        warnings.push(format!(
            "table {}: no scale (thousands, millions) stated in or near it, and its revenue figures (the largest \
             {largest}) are too small for whole dollars: not read",
            ctx.number
        ));
        return Ok(Vec::new());
    }
    Ok(facts)
}

/// The line (segment and label) each figure of a revenue row stands for: the row's own, or, where
/// segments head the columns, the column's; a "Total" column beside segment figures is their
/// subtotal and stands for nothing.
fn lines_of(
    row: &Row<'_>,
    label: &str,
    header: &Header,
    block: Option<Segment>,
    overrides: &[LabelOverride],
    warnings: &mut Vec<String>,
) -> Vec<Option<(Segment, String)>> {
    let column_segment = |col: usize| header.column(col).and_then(|c| c.segment.clone());
    let has_segment_figures = row.amounts.iter().any(|a| column_segment(a.0).is_some_and(|(s, _)| s != Segment::Total));
    let mut own: Option<(Segment, String)> = None;
    row.amounts
        .iter()
        .map(|&(col, _, _)| match column_segment(col) {
            Some((Segment::Total, _)) if has_segment_figures => None,
            Some((segment, name)) if segment != Segment::Total => Some((segment, name)),
            _ => Some(
                own.get_or_insert_with(|| {
                    let clean = clean_label(label);
                    // Under a segment's heading ("Bitcoin Mining [Member]"), a row named only
                    // "Revenues" is that segment's; "Total revenue" stays the company's.
                    let bare = || classify(&clean, overrides) == Some(Segment::Total) && !is_subtotal(&clean);
                    let segment = match block {
                        Some(segment) if bare() => segment,
                        Some(segment) => classify(&clean, overrides).unwrap_or(segment),
                        None => classify_or_warn(&clean, overrides, warnings),
                    };
                    (segment, clean)
                })
                .clone(),
            ),
        })
        .collect()
}

/// The segment a figure-less row heads ("HPC Hosting Segment"): lines below it that no rule
/// knows ("Licensing revenue") are that segment's.
fn segment_heading(label: &str, ctx: &TableContext<'_>) -> Option<Segment> {
    classify(label, ctx.rules.overrides).filter(|s| *s != Segment::Total && !is_revenue_line(label, false))
}

/// Members of an EDGAR page that group segments rather than name one.
const GROUPING_MEMBERS: &[&str] = &["operating segments", "reportable segments", "segments"];

/// Members of an EDGAR page that stand for the whole company.
const WHOLE_MEMBERS: &[&str] = &["consolidated", "consolidated entities", "consolidation", "total"];

/// The business an EDGAR page's heading row names by its members ("Product and Service [Axis]
/// | Self-Mining [Member]" → mining; "Operating Segments [Member] | HPC [Member]" → HPC): `None`
/// when the row is no such heading, `Some(None)` when it names members of no business
/// ("Geographical [Axis] | UNITED STATES"), the total for the whole ("Consolidated [Member]").
fn member_heading(label: &str) -> Option<Option<Segment>> {
    if !label.contains("[Member]") && !label.contains("[Axis]") {
        return None;
    }
    let members = label.split('|').map(str::trim).filter_map(|part| part.strip_suffix("[Member]")).map(str::trim);
    let named: Vec<String> =
        members.map(str::to_ascii_lowercase).filter(|m| !GROUPING_MEMBERS.contains(&m.as_str())).collect();
    if named.iter().any(|m| WHOLE_MEMBERS.contains(&m.as_str())) {
        return Some(Some(Segment::Total));
    }
    Some(named.iter().filter_map(|m| classify(m, &[])).find(|s| *s != Segment::Total))
}

/// Whether a row only groups an EDGAR page's items ("Segment Reporting Information [Line
/// Items]", "Revenue [Abstract]").
fn is_line_items(label: &str) -> bool {
    let lower = label.to_ascii_lowercase();
    lower.ends_with("[line items]") || lower.ends_with("[abstract]") || lower.ends_with("[table]")
}

/// "Total HPC hosting revenue": a segment's subtotal (a total revenue line is classified Total).
fn is_subtotal(label: &str) -> bool {
    normalise(label).starts_with("total ")
}

/// A row label as a fact's label: footnote marks ("(a)", "revenue(1)") and a scale ("($
/// millions)") dropped, spaces collapsed.
fn clean_label(label: &str) -> String {
    strip_footnotes(&without_scale(label)).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Most words of a caption line that heads a table's rows.
const CAPTION_WORDS: usize = 12;

/// Whether the line right above the table is a short caption naming revenue and nothing that is
/// not revenue ("Revenue by segment (in thousands)", not "Revenue and cost of revenue").
fn caption_says_revenue(ctx: &TableContext<'_>) -> bool {
    let line = ctx.nearby_text.lines().rev().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let caption = without_scale(line);
    caption.split_whitespace().count() <= CAPTION_WORDS && is_revenue_line(&caption, false)
}

/// The period a caption or line above the table names ("Three Months Ended June 30, 2025"), for
/// tables whose headers name none: the closest one stated with its end date.
fn caption_period(ctx: &TableContext<'_>) -> Option<Period> {
    mentions(ctx.nearby_text, ctx.rules.fye).into_iter().rfind(|m| m.dated).map(|m| m.period)
}

/// The row's label (first text cell, left of the figures) and its figures.
fn read_row(cells: &[String]) -> Row<'_> {
    let mut row = Row { label: None, amounts: Vec::new(), marks_or_negatives: Vec::new() };
    for (col, text) in cells.iter().enumerate() {
        match parse_cell(text) {
            Cell::Amount(a) if row.label.is_some() => row.amounts.push((col, a, text.trim())),
            Cell::MarkOrNegative(a) if row.label.is_some() => row.marks_or_negatives.push((col, a, text.trim())),
            Cell::Text if row.label.is_none() => row.label = Some(text.trim()),
            _ => {}
        }
    }
    row
}

/// Whether a row with a label and no figures opens a revenue section ("Revenue:", "Reportable
/// segment revenue:") or, under one, keeps it ("Colocation"). A scale stated in it ("Revenue
/// (000s)") is not part of its name.
fn heading_continues_revenue(label: &str, under: bool, ctx: &TableContext<'_>) -> bool {
    let label = without_scale(label);
    let segment_line = || classify(&label, ctx.rules.overrides).is_some_and(|s| s != Segment::Total);
    is_revenue_line(&label, false) || under && segment_line() && is_revenue_line(&label, true)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::FiscalYearEnd;

    const DEC: FiscalYearEnd = FiscalYearEnd { month: 12, day: 31 };

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn ctx(nearby_text: &str) -> TableContext<'_> {
        TableContext {
            number: 1,
            nearby_text,
            rules: Rules { fye: DEC, overrides: &[], name: "", published: None },
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
                (Segment::Hpc, 2026, 21_034_000, "HPC lease revenue"),
                (Segment::Hpc, 2025, 0, "HPC lease revenue"),
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

    /// Issue 13.4: "(12)" and "(5)" were taken for footnote marks and dropped without a warning.
    #[test]
    fn small_negatives_in_parentheses_are_figures_in_a_column_of_figures() {
        let g = grid(&[
            &["(in thousands)", "", "Q1 2026", "Q1 2025"],
            &["Mining revenue", "(1)", "12,950", "34,400"],
            &["Eliminations revenue", "", "(12)", "(5)"],
            &["Total revenue(2)", "", "12,938", "34,395"],
        ]);
        let mut warnings = Vec::new();
        let facts = read_table(&g, &ctx(""), &mut warnings).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Mining, 2026, 12_950_000, "Mining revenue"),
                (Segment::Mining, 2025, 34_400_000, "Mining revenue"),
                (Segment::Other, 2026, -12_000, "Eliminations revenue"),
                (Segment::Other, 2025, -5_000, "Eliminations revenue"),
                (Segment::Total, 2026, 12_938_000, "Total revenue"),
                (Segment::Total, 2025, 34_395_000, "Total revenue"),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn segments_as_column_headers_with_the_period_above() {
        let g = grid(&[
            &["", "", "Digital asset mining", "", "Cloud services", "", "Total"],
            &["Revenue from external customers", "$", "6,631,838", "$", "16,595,315", "$", "23,227,153"],
            &["Other revenue (a)", "", "", "", "", "", "337,930"],
            &["Total consolidated revenue", "", "", "", "", "", "23,565,083"],
            &["Electricity costs", "", "4,334,282", "", "601,655", "", "4,935,937"],
        ]);
        let facts = read_table(&g, &ctx("Three Months Ended March 31, 2026"), &mut Vec::new()).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Mining, 2026, 6_631_838, "Digital asset mining"),
                (Segment::Hpc, 2026, 16_595_315, "Cloud services"),
                (Segment::Other, 2026, 337_930, "Other revenue"),
                (Segment::Total, 2026, 23_565_083, "Total consolidated revenue"),
            ]
        );
        assert!(facts.iter().all(|f| f.period == q(2026)));
    }

    #[test]
    fn a_segment_subtotal_stands_for_the_lines_of_its_block() {
        let g = grid(&[
            &["($ in thousands)", "Q1 2026"],
            &["HPC Hosting Segment", ""],
            &["Licensing revenue", "17,571"],
            &["Power fees passed through to customer", "6,807"],
            &["Total HPC hosting revenue", "24,378"],
        ]);
        let facts = read_table(&g, &ctx(""), &mut Vec::new()).unwrap_or_default();
        assert_eq!(summary(&facts), vec![(Segment::Hpc, 2026, 24_378_000, "Total HPC hosting revenue")]);
    }

    #[test]
    fn huge_grids_are_refused() {
        let row = vec!["1".to_string(); 1000];
        let g = vec![row; 300];
        assert!(matches!(read_table(&g, &ctx(""), &mut Vec::new()), Err(TableError::TooLarge { cells: 300_000 })));
    }

    #[test]
    fn revenue_split_by_counterparty_or_shown_as_a_ratio_is_no_line() {
        let g = grid(&[
            &["(in thousands)", "Three Months Ended September 30, 2025", "Three Months Ended September 30, 2024"],
            &["Revenue", "$ 18,250", "$ 15,100"],
            &["Revenue – related parties", "2,750", "1,900"],
            &["Total revenue", "21,000", "17,000"],
            &["Revenue recognized over time", "9,000", "7,000"],
            &["Adjusted revenue (non-GAAP)", "20,400", "16,800"],
            &["Revenue growth (%)", "23.5", "11.0"],
        ]);
        let mut warnings = Vec::new();
        let facts = read_table(&g, &ctx(""), &mut warnings).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Total, 2025, 21_000_000, "Total revenue"),
                (Segment::Total, 2024, 17_000_000, "Total revenue")
            ]
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn a_scale_in_a_row_label_is_not_part_of_its_name() {
        let g = grid(&[&["", "Q4 2025", "Q4 2024"], &["Total revenue ($ millions)", "58.4", "47.9"]]);
        let facts = read_table(&g, &ctx(""), &mut Vec::new()).unwrap_or_default();
        assert_eq!(summary(&facts)[0], (Segment::Total, 2025, 58_400_000, "Total revenue"));
    }

    #[test]
    fn a_short_caption_naming_revenue_heads_rows_that_do_not() {
        let g = grid(&[
            &["", "Three Months Ended December 31, 2025", "Three Months Ended December 31, 2024"],
            &["Self-mining", "$ 36,704", "$ 30,911"],
            &["Total", "$ 50,924", "$ 32,946"],
            &["Hashrate (EH/s)", "41", "30"],
        ]);
        let facts =
            read_table(&g, &ctx("Intro.\nRevenue by business (in thousands)"), &mut Vec::new()).unwrap_or_default();
        assert_eq!(
            summary(&facts),
            vec![
                (Segment::Mining, 2025, 36_704_000, "Self-mining"),
                (Segment::Mining, 2024, 30_911_000, "Self-mining"),
                (Segment::Total, 2025, 50_924_000, "Total"),
                (Segment::Total, 2024, 32_946_000, "Total"),
            ]
        );
        let facts =
            read_table(&g, &ctx("Revenue and cost of revenue (in thousands)"), &mut Vec::new()).unwrap_or_default();
        assert!(facts.is_empty());
    }

    #[test]
    fn an_edgar_pages_members_name_the_rows_under_them() {
        let g = grid(&[
            &["Revenue by Segment (Details) - USD ($) $ in Thousands", "3 Months Ended", "3 Months Ended"],
            &["", "Sep. 30, 2025", "Sep. 30, 2024"],
            &["Segment Reporting Information [Line Items]"],
            &["Revenues", "$ 50,000", "$ 40,000"],
            &["Operating Segments [Member] | Self-Mining [Member]"],
            &["Segment Reporting Information [Line Items]"],
            &["Revenues", "30,000", "35,000"],
            &["Geographical [Axis] | NORWAY"],
            &["Revenues", "12,000", "9,000"],
            &["Consolidated [Member]"],
            &["Revenue from Contract with Customer, Excluding Assessed Tax", "50,000", "40,000"],
            &["Business Acquisition, Pro Forma Revenue", "61,000", "52,000"],
        ]);
        let facts = read_table(&g, &ctx(""), &mut Vec::new()).unwrap_or_default();
        let in_2025: Vec<_> = summary(&facts).into_iter().filter(|f| f.1 == 2025).map(|f| (f.0, f.2)).collect();
        // The consolidated member restates the total under the taxonomy's label.
        assert_eq!(
            in_2025,
            vec![(Segment::Total, 50_000_000), (Segment::Mining, 30_000_000), (Segment::Total, 50_000_000)]
        );
    }
}
