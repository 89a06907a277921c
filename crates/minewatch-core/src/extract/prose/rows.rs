//! Tables flattened into text: a header of a few short lines (`Key Metrics ($ in thousands)`,
//! `Three Months Ended`, `Q2 2025`, `Three Months Ended`, `Q2 2024`), then rows of a label and
//! one figure per column (`Revenue $47,636 $35,574`).
//!
//! Read as sentences, such a row has no verb to tie its figures to periods, and its scale note
//! stands lines above it. [`Columns`] gathers the header's scale and periods as the lines go by;
//! a row takes one period per figure, in column order, and the scale for figures written
//! without one. A sentence ends the table.

use super::super::cell::scale_in;
use super::super::period::mentions;
use super::amounts::Amount;
use crate::model::{FiscalYearEnd, Period};

/// The header of the table the text is in, as far as it has been read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The column periods, left to right.
    pub periods: Vec<Period>,
    /// The scale note ("($ in thousands)" → 1,000).
    pub scale: Option<i64>,
    /// Whether the line just read was part of the header, so the next header line adds to it.
    open: bool,
}

impl Columns {
    /// Reads a line without figures. A short line naming periods or a scale is header (a new
    /// header, unless it continues the one just read); a sentence ends the table.
    pub fn line(&mut self, text: &str, short: bool, fye: FiscalYearEnd) {
        let scale = scale_in(text).filter(|s| *s > 1);
        let periods: Vec<Period> = mentions(text, fye).into_iter().map(|m| m.period).collect();
        if !short {
            *self = Self::default();
            return;
        }
        if scale.is_none() && periods.is_empty() {
            return;
        }
        if !self.open {
            *self = Self { open: true, ..Self::default() };
        }
        self.scale = scale.or(self.scale);
        self.periods.extend(periods);
    }

    /// Marks the end of a header run: the next header line starts a new table.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// The period of each figure of a row, in order, when `text` is a row of this table (or of
    /// a header written on the same line: "Three Months Ended Sep 30 2025 2024 … Revenue $ 31,205
    /// $ 22,140"); `None` when it is not a row or the columns do not match its figures.
    pub fn of_row(&self, text: &str, figures: &[&Amount], fye: FiscalYearEnd) -> Option<Vec<Period>> {
        let first = figures.first()?;
        if figures.len() < 2 || !is_row(text, first.start) {
            return None;
        }
        let inline: Vec<Period> = mentions(text.get(..first.start)?, fye).into_iter().map(|m| m.period).collect();
        let periods = if inline.len() >= 2 { inline } else { self.periods.clone() };
        (periods.len() == figures.len()).then_some(periods)
    }
}

/// Scale words a row's figures may carry ("$1.2 million $0.9 million").
const SCALE_WORDS: &[&str] = &["million", "billion", "thousand", "m", "mm", "bn", "k"];

/// Whether the text from the first figure on holds only figures: no words, as a table row.
fn is_row(text: &str, first: usize) -> bool {
    let rest = text.get(first..).unwrap_or("").to_ascii_lowercase();
    let mut words = rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1);
    words.all(|w| SCALE_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::super::amounts::amounts;
    use super::*;
    use crate::model::test_dates::*;

    fn row(columns: &Columns, text: &str) -> Option<Vec<Period>> {
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
        assert_eq!(row(&columns, "Revenue $47,636 $35,574"), Some(vec![q2(2025), q2(2024)]));
        assert_eq!(row(&columns, "Revenue $47,636 $35,574 $1"), None);
        assert_eq!(row(&columns, "Revenue was $47,636 against $35,574 a year before."), None);
        columns.line("Revenue rose on a larger fleet and higher prices for power.", false, DEC);
        assert_eq!(row(&columns, "Revenue $47,636 $35,574"), None);
    }

    #[test]
    fn a_header_on_the_rows_own_line() {
        let text = "Three Months Ended Sep 30 2025 2024 % Change Total revenue $ 31,205 $ 22,140 41 %";
        let q3 = |y| p(d(y, 7, 1), d(y, 9, 30));
        assert_eq!(row(&Columns::default(), text), Some(vec![q3(2025), q3(2024)]));
    }
}
