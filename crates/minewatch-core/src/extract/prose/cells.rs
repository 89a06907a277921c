//! A table copied out of a filing page with every cell on a line of its own and the cell
//! borders left as lines holding a bar alone, as text copies of EDGAR exhibits often read:
//!
//! ```text
//! |
//! Revenues
//! |
//! 10,407
//! |
//! 13,097
//! |
//! |
//! ```
//!
//! Read line by line, no figure stands beside its row's name or its column's period. Joined
//! back into one line per row (`Revenues | 10,407 | 13,097`), it is a table flattened into text
//! that [`super::rows`] reads like any other: a single bar line ends a cell, two bar lines in a
//! row end the row, and lines with no bar between them are one cell ("Three months ended 30
//! Sept 2023" over "(unaudited)").

use std::borrow::Cow;

/// Fewest bar-only lines that make a text such a table: fewer are a stray border or two.
const MIN_BARS: usize = 6;

/// `text` with its cell-per-line tables joined into one line per row; the text as it is when
/// it holds none.
pub fn joined(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let bars = lines.iter().filter(|line| is_bar(line)).count();
    let doubled = lines.windows(2).any(|pair| is_bar(pair[0]) && is_bar(pair[1]));
    let (Some(first), Some(last)) = (lines.iter().copied().position(is_bar), lines.iter().copied().rposition(is_bar))
    else {
        return Cow::Borrowed(text);
    };
    if bars < MIN_BARS || !doubled {
        return Cow::Borrowed(text);
    }
    let mut out: Vec<String> = lines[..first].iter().map(|line| (*line).to_string()).collect();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Vec<&str> = Vec::new();
    let mut after_bar = false;
    for line in &lines[first..=last] {
        if is_bar(line) {
            if !cell.is_empty() {
                row.push(cell.join(" "));
                cell.clear();
            }
            if after_bar && !row.is_empty() {
                out.push(row.join(" | "));
                row.clear();
            }
            after_bar = true;
        } else {
            cell.extend(Some(line.trim()).filter(|l| !l.is_empty()));
            after_bar = false;
        }
    }
    if !row.is_empty() {
        out.push(row.join(" | "));
    }
    out.extend(lines[last + 1..].iter().map(|line| (*line).to_string()));
    Cow::Owned(out.join("\n"))
}

/// Whether a line is a cell border alone.
fn is_bar(line: &str) -> bool {
    line.trim() == "|"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_on_their_own_lines_become_rows() {
        let text = "Acme Q2 results\n|\n|\nQuarter to 30 June 2024\n(unaudited)\n|\nQuarter to 30 June 2023\n|\n|\n\
                    Sales\n|\n7,215\n|\n6,980\n|\n|\nCosts\n|\n(4,100)\n|\n(3,900)\n|\n|\nClosing words.";
        let got = joined(text);
        let want = "Acme Q2 results\nQuarter to 30 June 2024 (unaudited) | Quarter to 30 June 2023\n\
                    Sales | 7,215 | 6,980\nCosts | (4,100) | (3,900)\nClosing words.";
        assert_eq!(got, want);
    }

    #[test]
    fn text_without_such_a_table_is_left_alone() {
        let text = "Revenue | $5.0 million\n|\nA stray border above.";
        assert!(matches!(joined(text), Cow::Borrowed(_)));
        let markdown = "| Line | Q2 2024 |\n|---|---|\n| Revenue | $5.0 |";
        assert!(matches!(joined(markdown), Cow::Borrowed(_)));
    }
}
