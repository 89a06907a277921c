//! Tables flattened into text: a header of a few short lines (`Key Metrics ($ in thousands)`,
//! `Three Months Ended`, `Q2 2025`, `Three Months Ended`, `Q2 2024`), then rows of a label and
//! one figure per column (`Revenue $47,636 $35,574`).
//!
//! Read as sentences, such a row has no verb to tie its figures to periods, and its scale note
//! stands lines above it. [`Columns`] gathers the header's scale and periods as the lines go by;
//! a row takes one period per figure, in column order, and the scale for figures written
//! without one. A sentence ends the table.

use std::sync::LazyLock;

use regex::Regex;

use super::super::cell::scale_in;
use super::super::period::{ColumnGroup, lengths_without_years, mentions, under_lengths};
use super::amounts::Amount;
use super::attach::{ASIDE, Reading, Role};
use super::lexicon::{CHANGE_NOUNS, NOT_REVENUE, OTHER_METRIC, is_forecast_word};
use crate::model::{FiscalYearEnd, Period};

/// The header of the table the text is in, as far as it has been read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The columns, left to right: the period of each, or `None` for a column of someone
    /// else's figures ("Q2 2025 Estimate", "Consensus").
    pub periods: Vec<Option<Period>>,
    /// The scale note ("($ in thousands)" → 1,000).
    pub scale: Option<i64>,
    /// Whether the line just read was part of the header, so the next header line adds to it.
    open: bool,
    /// Column groups named without their years, for the line of years under them.
    groups: Vec<ColumnGroup>,
    /// Whether the header names revenue ("Revenue by source | Three months ended …"): its rows
    /// are revenue lines, as under a "Revenue:" heading.
    pub revenue: bool,
}

impl Columns {
    /// Reads a line without figures. A short line naming periods or a scale is header (a new
    /// header, unless it continues the one just read); a sentence ends the table.
    pub fn line(&mut self, text: &str, short: bool, fye: FiscalYearEnd) {
        let scale = scale_in(text).filter(|s| *s > 1);
        let named = columns_named(text, fye);
        if !short {
            *self = Self::default();
            return;
        }
        // A line of cells naming two periods or more is a whole header row: it starts the table
        // afresh (a title line naming the quarter above it is no column).
        let whole_row = text.matches('|').count() >= 2 && named.len() >= 2;
        // "Three Months Ended September 30, | Nine Months Ended …" over "2024 | 2023 | 2024 | 2023".
        let groups = lengths_without_years(text);
        let periods = if named.is_empty() && self.open {
            under_lengths(&self.groups, text).into_iter().map(Some).collect()
        } else {
            named
        };
        if scale.is_none() && periods.is_empty() && groups.is_empty() {
            return;
        }
        // So is a line of column groups over a line of years ("Three Months Ended … | Nine
        // Months Ended …"); a lone "Three Months Ended" may be a word-wrapped header's middle.
        let group_row = !groups.is_empty()
            && (text.contains('|') || groups.len() >= 2 || groups.iter().any(|g| g.ends_on.is_some()));
        if !self.open {
            *self = Self { open: true, ..Self::default() };
        } else if whole_row || group_row {
            // The scale note just above stays with the header it stands over.
            *self = Self { open: true, scale: self.scale, ..Self::default() };
        }
        self.scale = scale.or(self.scale);
        self.revenue |= names_revenue(text);
        self.periods.extend(periods);
        if !groups.is_empty() {
            self.groups = groups;
        }
    }

    /// A row of this table whose figures are written without a dollar sign, as a statement
    /// writes every row but its first and its total (`Hosting revenue | 5,001 | 6,300`), with
    /// each figure written as an amount (`$5,001`, a dash as `nil`); `None` when `text` is not
    /// such a row: it names no line, or its figures are not one per column.
    pub fn dollar_cells(&self, text: &str, fye: FiscalYearEnd) -> Option<String> {
        // A line naming periods ("Q3 2025", "2025 | 2024") is the header, not a row.
        if self.periods.is_empty() || !columns_named(text, fye).is_empty() || YEAR_CELL.is_match(text) {
            return None;
        }
        let cells: Vec<&str> = if text.contains('|') {
            text.split('|').map(str::trim).filter(|c| !c.is_empty()).collect()
        } else {
            text.split_whitespace().collect()
        };
        let first_figure = cells.iter().position(|c| PLAIN_FIGURE.is_match(c))?;
        let (label, figures) = cells.split_at(first_figure);
        let named = label.iter().any(|c| c.chars().any(char::is_alphabetic));
        let all_figures = figures.iter().all(|c| PLAIN_FIGURE.is_match(c));
        if !named || !all_figures || figures.len() != self.periods.len() {
            return None;
        }
        let label = label.join(if text.contains('|') { " | " } else { " " });
        let amounts = figures
            .iter()
            .map(|c| if c.chars().any(|ch| ch.is_ascii_digit()) { format!("${c}") } else { "nil".into() });
        Some(std::iter::once(label).chain(amounts).collect::<Vec<_>>().join(" | "))
    }

    /// Whether `text` is a row of figures under a header whose columns it does not match: its
    /// figures cannot be told apart, and are not read.
    pub fn unmatched_row(&self, text: &str, figures: &[&Amount]) -> bool {
        let in_table = !self.periods.is_empty() || self.scale.is_some();
        in_table && figures.len() >= 2 && figures.first().is_some_and(|first| is_row(text, first.start))
    }

    /// Marks the end of a header run: the next header line starts a new table.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// The period of each figure of a row, in order, when `text` is a row of this table (or of
    /// a header written on the same line: "Three Months Ended Sep 30 2025 2024 … Revenue $ 31,205
    /// $ 22,140"); `None` when it is not a row or the columns do not match its figures. A row of
    /// one figure is a row only in cells under a header of one period ("| Segment | Q1 2024
    /// Revenue | YoY Change |" over "| Bitcoin Mining | $74.6 million | +55% |"): in running
    /// text a lone figure is a sentence's.
    pub fn of_row(&self, text: &str, figures: &[&Amount], fye: FiscalYearEnd) -> Option<Vec<Option<Period>>> {
        let first = figures.first()?;
        let one_column = figures.len() == 1 && self.periods.len() == 1 && text.matches('|').count() >= 2;
        if (figures.len() < 2 && !one_column) || !is_row(text, first.start) {
            return None;
        }
        let inline = columns_named(text.get(..first.start)?, fye);
        let periods = if inline.len() >= 2 { inline } else { self.periods.clone() };
        (periods.len() == figures.len()).then_some(periods)
    }
}

/// The columns a header line names: one per period it names, and one per cell of someone
/// else's figures (an estimate, a consensus). Cells are told apart by `|` when the text keeps
/// them; otherwise an estimate word right after a period makes that column an estimate.
pub fn columns_named(text: &str, fye: FiscalYearEnd) -> Vec<Option<Period>> {
    let text = unglued(text);
    let text = text.as_ref();
    if text.matches('|').count() >= 2 {
        return text
            .split('|')
            .flat_map(|cell| {
                let periods: Vec<Period> = mentions(cell, fye).into_iter().map(|m| m.period).collect();
                match (names_estimate(cell), periods.is_empty()) {
                    (true, _) => vec![None],
                    (false, true) => Vec::new(),
                    (false, false) => periods.into_iter().map(Some).collect(),
                }
            })
            .collect();
    }
    let found = mentions(text, fye);
    found
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let end = found.get(i + 1).map_or(text.len(), |next| next.at);
            let own = text.get(m.at..end).unwrap_or("");
            (!names_estimate(own)).then_some(m.period)
        })
        .collect()
}

static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([a-z])([A-Z])|(\d)([A-Z])").unwrap_or_else(|e| unreachable!("glued regex: {e}")));

/// A header whose cells a page copy ran together ("MetricQ2 2025Q2 2025 EstimateQ2 2024Y/Y
/// Change") with a space where one cell ends and the next begins.
fn unglued(text: &str) -> std::borrow::Cow<'_, str> {
    GLUED.replace_all(text, "$1$3 $2$4")
}

/// Whether a header cell names someone's estimate rather than a reported figure.
fn names_estimate(cell: &str) -> bool {
    let lower = cell.to_ascii_lowercase();
    lower.split(|c: char| !c.is_ascii_alphabetic()).any(is_forecast_word)
}

/// The readings of a table row: every figure is the row's line (as the unit's first statement
/// reads it, else the row's own label), the first figure its own statement, the others its
/// comparisons (their periods come from the columns).
pub fn row_readings(text: &str, readings: &[Reading], found: &[Amount], under_revenue: bool) -> Vec<Reading> {
    let mut figures = found.iter().enumerate().filter(|(_, a)| !a.change).map(|(i, _)| i).peekable();
    let Some(&first) = figures.peek() else {
        return Vec::new();
    };
    let head = readings.iter().find(|r| r.role == Role::Head).map(|r| (r.label.clone(), r.by_mining));
    let label = head.or_else(|| {
        let line = row_line(text.get(..found[first].start).unwrap_or(""), under_revenue)?;
        Some((line, false))
    });
    let Some((label, by_mining)) = label else {
        return Vec::new();
    };
    figures
        .map(|amount| Reading {
            amount,
            label: label.clone(),
            role: if amount == first { Role::Head } else { Role::Comparison { head: first } },
            by_mining,
        })
        .collect()
}

/// The line a row names before its first figure ("Revenue (GAAP) |" → "Revenue"), when it is
/// revenue and nothing else (not "Cost of revenue", not "Revenue per bitcoin"). Under a
/// "Revenue:" heading every row names a revenue line ("Self-mining |").
pub fn row_line(before_first: &str, under_revenue: bool) -> Option<String> {
    let cell = before_first.rsplit('|').map(str::trim).find(|c| !c.is_empty())?;
    let name = ASIDE.replace_all(cell, "");
    let name = name.trim().trim_end_matches(':').trim();
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let named = words.iter().any(|w| matches!(*w, "revenue" | "revenues"));
    // Under a revenue heading, a row counting things ("Bitcoin mined", "Energy sold (MWh)") is an
    // operating figure, not a line.
    let counts = ASIDE.is_match(cell)
        || words.iter().any(|w| matches!(*w, "mined" | "sold" | "produced" | "hashrate" | "units"));
    let revenue = named || (under_revenue && !counts);
    let other = words.iter().any(|w| NOT_REVENUE.contains(w) || OTHER_METRIC.contains(w) || is_forecast_word(w));
    // A row of a ratio or a change ("Revenue growth (%)", "HPC revenue as % of total") holds no
    // amount of money, whatever scale the table's caption gives.
    let ratio =
        cell.contains('%') || words.iter().any(|w| CHANGE_NOUNS.contains(w) || matches!(*w, "percent" | "percentage"));
    let other = other || ratio;
    (revenue && !other && words.len() <= MAX_ROW_LABEL_WORDS).then(|| name.to_string())
}

/// Whether a header line names revenue and no other metric ("Revenue by source (in
/// thousands) | Three months ended …", "Segment | Q1 2024 Revenue | YoY Change").
fn names_revenue(text: &str) -> bool {
    let lower = ASIDE.replace_all(text, "").to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| matches!(*w, "revenue" | "revenues"))
        && !words.iter().any(|w| NOT_REVENUE.contains(w) || OTHER_METRIC.contains(w))
}

/// Most words of a row's label.
const MAX_ROW_LABEL_WORDS: usize = 6;

/// Whether `cell` is a figure as a statement's cell writes it without a currency sign
/// (`5,001`, `412.5`), or a dash standing for none.
pub fn is_plain_figure(cell: &str) -> bool {
    PLAIN_FIGURE.is_match(cell)
}

/// A figure as a statement's cell writes it without a currency sign (`5,001`, `412.5`), or a
/// dash standing for none.
static PLAIN_FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[—–-]$").unwrap_or_else(|e| unreachable!("figure regex: {e}"))
});

static YEAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[|\s])(?:19|20)\d{2}(?:$|[|\s])").unwrap_or_else(|e| unreachable!("{e}")));

/// Scale words a row's figures may carry ("$1.2 million $0.9 million").
const SCALE_WORDS: &[&str] = &["million", "billion", "thousand", "m", "mm", "mln", "mn", "bn", "k"];

/// Whether the text from the first figure on holds only figures (no words) and the label before
/// it is no clause ("total revenue was $141.9 million, $20.7 million more" is a sentence): a
/// table row.
fn is_row(text: &str, first: usize) -> bool {
    let label = text.get(..first).unwrap_or("").to_ascii_lowercase();
    if label.split(|c: char| !c.is_ascii_alphabetic()).any(|w| matches!(w, "was" | "were" | "is" | "are")) {
        return false;
    }
    let rest = text.get(first..).unwrap_or("").to_ascii_lowercase();
    let mut words = rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1);
    // "nil" is a cell's dash, a stated zero.
    words.all(|w| SCALE_WORDS.contains(&w) || w == "nil")
}

#[cfg(test)]
mod tests {
    use super::super::amounts::amounts;
    use super::*;
    use crate::model::test_dates::*;

    fn row(columns: &Columns, text: &str) -> Option<Vec<Option<Period>>> {
        let found = amounts(text);
        let figures: Vec<&Amount> = found.iter().filter(|a| !a.change).collect();
        columns.of_row(text, &figures, DEC)
    }

    #[test]
    fn a_header_over_several_lines_gives_each_column_its_period() {
        let mut columns = Columns::default();
        for line in ["Key Metrics ($ in thousands) Three Months", "Ended", "Q2 2025", "Three Months Ended", "Q2 2024"] {
            columns.line(line, true, DEC);
        }
        columns.close();
        assert_eq!(columns.scale, Some(1_000));
        let q2 = |y| p(d(y, 4, 1), d(y, 6, 30));
        assert_eq!(row(&columns, "Revenue $47,636 $35,574"), Some(vec![Some(q2(2025)), Some(q2(2024))]));
        assert_eq!(row(&columns, "Revenue $47,636 $35,574 $1"), None);
        assert_eq!(row(&columns, "Revenue was $47,636 against $35,574 a year before."), None);
        columns.line("Revenue rose on a larger fleet and higher prices for power.", false, DEC);
        assert_eq!(row(&columns, "Revenue $47,636 $35,574"), None);
    }

    #[test]
    fn a_header_of_lengths_over_a_line_of_years() {
        let q3 = |y| Some(p(d(y, 7, 1), d(y, 9, 30)));
        let nine = |y| Some(p(d(y, 1, 1), d(y, 9, 30)));
        for (first, second) in [
            (
                "(in thousands) | Three Months Ended September 30, | Nine Months Ended September 30,",
                "| 2025 | 2024 | 2025 | 2024",
            ),
            (
                "Statements of Operations - USD ($) $ in Thousands | 3 Months Ended | 9 Months Ended",
                "Sep. 30, 2025 | Sep. 30, 2024 | Sep. 30, 2025 | Sep. 30, 2024",
            ),
        ] {
            let mut columns = Columns::default();
            columns.line(first, true, DEC);
            columns.line(second, true, DEC);
            columns.close();
            assert_eq!(columns.scale, Some(1_000));
            assert_eq!(columns.periods, vec![q3(2025), q3(2024), nine(2025), nine(2024)], "{first}");
        }
        // A title naming the quarter above the groups is no column.
        let mut columns = Columns::default();
        columns.line("Acme Q3 2025", true, DEC);
        columns.line("Three Months Ended September 30, | Nine Months Ended September 30,", true, DEC);
        columns.line("| 2025 | 2024 | 2025 | 2024", true, DEC);
        assert_eq!(columns.periods, vec![q3(2025), q3(2024), nine(2025), nine(2024)]);
        // Years that do not divide among the groups give no columns.
        let mut columns = Columns::default();
        columns.line("Three Months Ended June 30, | Six Months Ended June 30,", true, DEC);
        columns.line("2025 | 2024 | 2025", true, DEC);
        assert!(columns.periods.is_empty());
    }

    #[test]
    fn a_header_whose_cells_ran_together() {
        let mut columns = Columns::default();
        columns.line("MetricQ3 2025Q3 2025 ConsensusQ3 2024Y/Y Change", true, DEC);
        let q3 = |y| Some(p(d(y, 7, 1), d(y, 9, 30)));
        assert_eq!(columns.periods, vec![q3(2025), None, q3(2024)]);
        assert_eq!(unglued("FY2025 Q2 2025"), "FY2025 Q2 2025");
    }

    #[test]
    fn a_header_on_the_rows_own_line() {
        let text = "Three Months Ended Sep 30 2025 2024 % Change Total revenue $ 31,205 $ 22,140 41 %";
        let q3 = |y| p(d(y, 7, 1), d(y, 9, 30));
        assert_eq!(row(&Columns::default(), text), Some(vec![Some(q3(2025)), Some(q3(2024))]));
    }

    #[test]
    fn a_rows_figures_without_a_sign_are_its_amounts() {
        let mut columns = Columns::default();
        columns.line("(in thousands) | Q3 2025 | Q3 2024", true, DEC);
        columns.close();
        columns.line("Acme results for the fourth quarter 2024", true, DEC);
        columns.line("(in thousands) | Q3 2025 | Q3 2024", true, DEC);
        columns.close();
        assert_eq!(columns.periods.len(), 2, "a title naming a quarter is not a column");
        assert_eq!(
            columns.dollar_cells("Hosting fees | 5,001 | —", DEC).as_deref(),
            Some("Hosting fees | $5,001 | nil")
        );
        assert_eq!(columns.dollar_cells("Mined coins 812 640", DEC).as_deref(), Some("Mined coins | $812 | $640"));
        assert_eq!(columns.dollar_cells("Hosting fees | 5,001 | 6,300 | 12.0", DEC), None);
        assert_eq!(columns.dollar_cells("| 5,001 | 6,300", DEC), None);
        assert_eq!(columns.dollar_cells("Fleet of 5,001 machines and 6,300 more", DEC), None);
        assert_eq!(Columns::default().dollar_cells("Hosting fees | 5,001 | 6,300", DEC), None);
        assert_eq!(columns.dollar_cells("Period | 2025 | 2024", DEC), None);
    }

    #[test]
    fn a_rows_own_label_names_its_line() {
        assert_eq!(row_line("Revenue (GAAP) | ", false).as_deref(), Some("Revenue"));
        assert_eq!(row_line("| Total revenues: ", false).as_deref(), Some("Total revenues"));
        assert_eq!(row_line("Cost of revenue | ", false), None);
        assert_eq!(row_line("Revenue per bitcoin | ", false), None);
        assert_eq!(row_line("Net income | ", false), None);
        assert_eq!(row_line("Self-mining | ", true).as_deref(), Some("Self-mining"));
        assert_eq!(row_line("Cost of sales | ", true), None);
    }

    #[test]
    fn a_header_naming_revenue_makes_its_rows_revenue_lines() {
        let mut columns = Columns::default();
        columns.line("Revenue by line (in thousands) | Three months ended June 30, 2025 | 2024", true, DEC);
        assert!(columns.revenue);
        let mut columns = Columns::default();
        columns.line("Cost of revenue (in thousands) | Three months ended June 30, 2025 | 2024", true, DEC);
        assert!(!columns.revenue);
        assert_eq!(row_line("Self-mining |", true).as_deref(), Some("Self-mining"));
        assert_eq!(row_line("Bitcoin mined |", true), None);
        assert_eq!(row_line("Energy sold (MWh) |", true), None);
    }

    #[test]
    fn an_estimate_column_is_no_period_of_the_company() {
        let q2 = |y| Some(p(d(y, 4, 1), d(y, 6, 30)));
        let mut columns = Columns::default();
        columns.line("| Metric | Q2 2025 | Q2 Estimate | Q2 2024 | Y/Y Change |", true, DEC);
        assert_eq!(
            row(&columns, "| Revenue | $41.3 million | $48.55 million | $35.2 million | 17.3% |"),
            Some(vec![q2(2025), None, q2(2024)])
        );
        let mut columns = Columns::default();
        columns.line("Metric Q2 2025 Q2 2025 Estimate Q2 2024 Y/Y Change", true, DEC);
        assert_eq!(
            row(&columns, "Revenue $41.3 million $48.55 million $35.2 million 17.3%"),
            Some(vec![q2(2025), None, q2(2024)])
        );
    }
}
