//! Lines of cells → table grids shaped like an HTML table after colspan expansion.
//!
//! A table is found from its figure rows (a label at the left, then only figures); it grows down
//! over more figure rows and label-only lines ("Revenue:") and up over header lines whose text
//! sits over the figure columns ("Three Months Ended March 31,", "2026   2025"). Columns come
//! from the figure cells of all its rows together, so a missing figure leaves an empty cell
//! rather than shifting the row; a header cell spanning several columns is repeated into each,
//! as the HTML reader (`html/grid.rs`) does with `colspan`.

use super::layout::{Cell, Line};

/// Rows further apart than this many em do not belong to one table.
const MAX_ROW_GAP_EM: f64 = 3.2;

/// Header lines looked at above a table's first figure row.
const MAX_HEADER_LINES: usize = 4;

/// Lines above a table kept as its context (scale, period, title).
const CONTEXT_LINES: usize = 3;

/// Characters a figure cell may hold besides digits.
const FIGURE_CHARS: &str = ",.()$€£%*—–- \u{a0}";

/// A table found on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTable {
    pub grid: Vec<Vec<String>>,
    /// Leading rows of `grid` that are headers.
    pub header_rows: usize,
    pub context: String,
    /// Lines on the page above the table and below it (to tell a table running across pages).
    pub lines_above: usize,
    pub lines_below: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A label, then only figures.
    Figures,
    /// Only figures (years in a header, a row without label), at least two.
    Bare,
    Text,
}

fn kind(line: &Line) -> Kind {
    let figures = line.cells.iter().filter(|c| is_figure(&c.text)).count();
    match line.cells.len() {
        n if n >= 2 && figures == n => Kind::Bare,
        n if n >= 2 && figures == n - 1 && !line.cells.first().is_some_and(|c| is_figure(&c.text)) => Kind::Figures,
        _ => Kind::Text,
    }
}

/// Whether a cell holds a figure: "184.7", "$ (1,234)", "—", "12%".
pub fn is_figure(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || FIGURE_CHARS.contains(c))
        && t.chars().any(|c| c.is_ascii_digit() || "—–-".contains(c))
}

/// Finds every table among a page's lines (top to bottom).
pub fn tables(lines: &[Line]) -> Vec<FoundTable> {
    let mut found = Vec::new();
    let mut i = 0;
    let mut previous_end = 0;
    while let Some(line) = lines.get(i) {
        if kind(line) != Kind::Figures {
            i += 1;
            continue;
        }
        let (first_data, end, left) = extend_down(lines, i);
        let start = extend_up(lines, first_data, left, previous_end);
        found.push(build(lines, start, first_data, end, left, previous_end));
        previous_end = end + 1;
        i = end + 1;
    }
    found
}

/// The figure area's left edge on a figure line: where its first figure starts.
fn figures_left(line: &Line) -> f64 {
    line.cells.iter().skip(1).map(|c| c.x0).fold(f64::INFINITY, f64::min)
}

fn close_enough(above: &Line, below: &Line) -> bool {
    above.y - below.y <= MAX_ROW_GAP_EM * above.size.max(below.size)
}

/// From figure line `first`: the last line of the table and the figure area's left edge.
fn extend_down(lines: &[Line], first: usize) -> (usize, usize, f64) {
    let mut left = lines.get(first).map(figures_left).unwrap_or(f64::INFINITY);
    let mut end = first;
    let mut j = first + 1;
    while let (Some(above), Some(line)) = (lines.get(j - 1), lines.get(j)) {
        if !close_enough(above, line) {
            break;
        }
        match kind(line) {
            Kind::Figures => {
                left = left.min(figures_left(line));
                end = j;
            }
            Kind::Bare => end = j,
            Kind::Text if line.cells.len() == 1 && line.cells.iter().all(|c| c.x1 < left) => {}
            Kind::Text => break,
        }
        j += 1;
    }
    (first, end, left)
}

/// Walks up from the first figure line over header lines, and over section headings ("Revenue:")
/// below them; returns the table's first line.
fn extend_up(lines: &[Line], first_data: usize, left: f64, floor: usize) -> usize {
    let mut start = first_data;
    let mut seen_header = false;
    while start > floor && first_data - start < MAX_HEADER_LINES {
        let (Some(line), Some(below)) = (lines.get(start - 1), lines.get(start)) else { break };
        let heading = !seen_header && line.cells.len() == 1 && line.text().ends_with(':');
        if !close_enough(line, below) || !(heading || is_header(line, left)) {
            break;
        }
        seen_header |= !heading;
        start -= 1;
    }
    start
}

/// A header line: some text over the figure columns, and whatever is at the left ends before
/// them.
fn is_header(line: &Line, left: f64) -> bool {
    let over = |c: &Cell| c.center() >= left - line.size;
    line.cells.iter().any(over) && line.cells.iter().enumerate().all(|(i, c)| over(c) || (i == 0 && c.x1 < left))
}

/// Lays lines `start..=end` out on common columns.
fn build(lines: &[Line], start: usize, first_data: usize, end: usize, left: f64, floor: usize) -> FoundTable {
    let rows = lines.get(start..=end).unwrap_or_default();
    let columns = columns(rows, left);
    let grid: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, line)| row(line, &columns, left, start + i < first_data))
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    let context_from = start.saturating_sub(CONTEXT_LINES).max(floor);
    let context = lines.get(context_from..start).unwrap_or_default().iter().map(Line::text).collect::<Vec<_>>();
    FoundTable {
        grid,
        header_rows: first_data - start,
        context: context.join("\n"),
        lines_above: start,
        lines_below: lines.len().saturating_sub(end + 1),
    }
}

/// Figure columns `(x0, x1)`, left to right: overlapping figure cells of label rows merged.
fn columns(rows: &[Line], left: f64) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = rows
        .iter()
        .filter(|l| kind(l) == Kind::Figures)
        .flat_map(|l| l.cells.iter().skip(1))
        .filter(|c| c.x0 >= left)
        .map(|c| (c.x0, c.x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (x0, x1) in spans {
        match merged.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    merged
}

/// One grid row: the label (text left of the figures), then one cell per column.
fn row(line: &Line, columns: &[(f64, f64)], left: f64, header: bool) -> Vec<String> {
    let mut out = vec![String::new(); columns.len() + 1];
    for (i, cell) in line.cells.iter().enumerate() {
        let is_label = i == 0 && (kind(line) == Kind::Figures || cell.x1 < left);
        let targets = if is_label {
            vec![0]
        } else if header {
            spanned(cell, columns)
        } else {
            vec![nearest(cell, columns)]
        };
        for t in targets {
            if let Some(slot) = out.get_mut(t) {
                if !slot.is_empty() {
                    slot.push(' ');
                }
                slot.push_str(&cell.text);
            }
        }
    }
    out
}

/// Grid indexes (1-based: 0 is the label) of every column a header cell covers.
fn spanned(cell: &Cell, columns: &[(f64, f64)]) -> Vec<usize> {
    let covered: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|&(_, &(x0, x1))| cell.x1.min(x1) - cell.x0.max(x0) > 0.25 * (x1 - x0))
        .map(|(i, _)| i + 1)
        .collect();
    if covered.is_empty() { vec![nearest(cell, columns)] } else { covered }
}

/// Grid index of the column a cell belongs to: the one it overlaps most, else the one whose
/// stretch (from the previous column's right edge to its own) holds its center.
fn nearest(cell: &Cell, columns: &[(f64, f64)]) -> usize {
    let overlap = |&(x0, x1): &(f64, f64)| cell.x1.min(x1) - cell.x0.max(x0);
    let best = columns.iter().enumerate().max_by(|a, b| overlap(a.1).total_cmp(&overlap(b.1)));
    if let Some((i, span)) = best
        && overlap(span) > 0.0
    {
        return i + 1;
    }
    let center = cell.center();
    columns.iter().position(|&(_, x1)| center <= x1).map_or(columns.len(), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f64, cells: &[(f64, f64, &str)]) -> Line {
        Line { y, size: 10.0, cells: cells.iter().map(|&(x0, x1, t)| Cell { x0, x1, text: t.to_string() }).collect() }
    }

    fn page() -> Vec<Line> {
        vec![
            line(760.0, &[(50.0, 400.0, "Revenue grew strongly in the quarter, and HPC lease revenue rose.")]),
            line(740.0, &[(50.0, 160.0, "Revenue (in thousands)")]),
            line(722.0, &[(250.0, 400.0, "Three Months Ended March 31,")]),
            line(708.0, &[(290.0, 310.0, "2026"), (370.0, 390.0, "2025")]),
            line(694.0, &[(50.0, 90.0, "Revenue:")]),
            line(
                680.0,
                &[(60.0, 160.0, "Bitcoin mining revenue"), (265.0, 320.0, "$ 167,400"), (345.0, 400.0, "$ 50,000")],
            ),
            line(666.0, &[(60.0, 160.0, "HPC lease revenue"), (290.0, 320.0, "17,300")]),
            line(652.0, &[(60.0, 160.0, "Other"), (285.0, 320.0, "(1,250)"), (380.0, 400.0, "—")]),
            line(638.0, &[(60.0, 160.0, "Total revenue"), (265.0, 320.0, "$ 183,450"), (345.0, 400.0, "$ 50,000")]),
            line(600.0, &[(50.0, 400.0, "Prose again, with 3 numbers like 2026 in it.")]),
        ]
    }

    #[test]
    fn a_revenue_table_becomes_a_grid_with_repeated_spanning_headers() {
        let found = tables(&page());
        assert_eq!(found.len(), 1);
        let t = &found[0];
        let expected: Vec<Vec<&str>> = vec![
            vec!["", "Three Months Ended March 31,", "Three Months Ended March 31,"],
            vec!["", "2026", "2025"],
            vec!["Revenue:", "", ""],
            vec!["Bitcoin mining revenue", "$ 167,400", "$ 50,000"],
            vec!["HPC lease revenue", "17,300", ""],
            vec!["Other", "(1,250)", "—"],
            vec!["Total revenue", "$ 183,450", "$ 50,000"],
        ];
        assert_eq!(t.grid, expected);
        assert_eq!(t.header_rows, 3);
        assert_eq!(
            t.context,
            "Revenue grew strongly in the quarter, and HPC lease revenue rose.\nRevenue (in thousands)"
        );
        assert_eq!((t.lines_above, t.lines_below), (2, 1));
    }

    #[test]
    fn figures_are_recognised() {
        for yes in ["184.7", "$ (1,234)", "—", "12%", "2026", "$167.4"] {
            assert!(is_figure(yes), "{yes}");
        }
        for no in ["", "$", "Q1 2026", "n/a", "()"] {
            assert!(!is_figure(no), "{no}");
        }
    }

    #[test]
    fn prose_alone_makes_no_table() {
        assert!(tables(&[line(700.0, &[(50.0, 400.0, "Revenue was 184.7 million")])]).is_empty());
    }
}
