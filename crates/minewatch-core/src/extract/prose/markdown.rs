//! A Markdown table whose line breaks a copy lost, so that a whole table, and the prose before
//! it, stand on one line, as machine digests of filings often read:
//!
//! ```text
//! … prior-year period Summary (in thousands) | Metric | Q1 2025 | Q1 2024 | | :--- | :--- | :--- | | Total revenues | $13,814 | $18,771 | | Gross profit | …
//! ```
//!
//! Read as one line, no figure stands beside its row's name. The separator row (`| :--- |`)
//! tells how many cells a row has; with it the line is cut back into the prose, the header row
//! (carrying a scale note the prose just before it states), and one line per row, which
//! [`super::rows`] reads like any table flattened into text. ([`super::inline`] splits a unit
//! that is a table alone; here the separator row cuts the table from the prose around it.)

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::super::cell::scale_in;
use super::super::period::floor_char_boundary;
use super::lexicon::is_change_column;

/// The separator row under a Markdown header: two cells or more of dashes.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\|(?:[ \t]*:?-{3,}:?[ \t]*\|){2,}").unwrap_or_else(|e| unreachable!("{e}")));

/// How far back before the header the prose may state the table's scale ("(in thousands)").
const SCALE_REACH: usize = 80;

/// `text` with every one-line Markdown table cut into lines; the text as it is when it holds none.
pub fn unflattened(text: &str) -> Cow<'_, str> {
    if !SEPARATOR.is_match(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.lines().map(line_unflattened).collect();
    Cow::Owned(lines.join("\n"))
}

/// One line, its tables cut into lines.
fn line_unflattened(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 64);
    let mut rest = line;
    while let Some(sep) = SEPARATOR.find(rest) {
        let cells = sep.as_str().matches('|').count() - 1;
        let bars: Vec<usize> = rest[..sep.start()].match_indices('|').map(|(at, _)| at).collect();
        // The header is the `cells` cells closed just before the separator.
        let Some(&header_at) = bars.len().checked_sub(cells + 1).and_then(|at| bars.get(at)) else {
            out.push_str(&rest[..sep.end()]);
            rest = &rest[sep.end()..];
            continue;
        };
        let prose = rest[..header_at].trim_end();
        out.push_str(prose);
        out.push('\n');
        let near = &prose[floor_char_boundary(prose, prose.len().saturating_sub(SCALE_REACH))..];
        if scale_in(near).is_some_and(|s| s > 1)
            && let Some(note) = near.rfind('(').map(|at| &near[at..]).filter(|n| scale_in(n).is_some())
        {
            out.push_str(note);
            out.push(' ');
        }
        let header = rest[header_at..sep.start()].trim_end();
        // A column of changes ("Change (YoY)": "+$2,194,832") is no period's figures.
        let changes: Vec<usize> = cells_of(header)
            .iter()
            .enumerate()
            .filter(|(_, cell)| cell.split(|c: char| !c.is_alphabetic()).any(|w| is_change_column(&w.to_lowercase())))
            .map(|(i, _)| i)
            .collect();
        out.push_str(&without(header, &changes));
        out.push('\n');
        let (rows, after) = rows(&rest[sep.end()..], cells);
        for row in rows {
            out.push_str(&without(&row, &changes));
            out.push('\n');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The rows of `cells` cells each at the start of `text` (each opened by the bar that closed the
/// one before, then a blank, then its own bar), and the text after the last.
fn rows(text: &str, cells: usize) -> (Vec<String>, &str) {
    let mut found = Vec::new();
    let mut rest = text;
    // "  | Total revenues | $13,814 | $18,771 |": a gap, then a row's cells.
    while let Some(open) = rest.find('|').filter(|&at| rest[..at].trim().is_empty()) {
        let row = &rest[open..];
        let Some(close) = row.match_indices('|').nth(cells).map(|(at, _)| at) else {
            break;
        };
        let label = row[1..].split('|').next().unwrap_or("").trim();
        if label.is_empty() || row[..close].contains('\n') {
            break;
        }
        found.push(row[..=close].to_string());
        rest = &row[close + 1..];
    }
    (found, rest)
}

/// The cells of a row written `| a | b |`, trimmed.
fn cells_of(row: &str) -> Vec<&str> {
    let inner = row.trim().strip_prefix('|').unwrap_or(row).strip_suffix('|').unwrap_or(row);
    inner.split('|').map(str::trim).collect()
}

/// A row written `| a | b | c |` without the cells at `drop`.
fn without(row: &str, drop: &[usize]) -> String {
    if drop.is_empty() {
        return row.to_string();
    }
    let kept: Vec<&str> =
        cells_of(row).into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, c)| c).collect();
    format!("| {} |", kept.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_table_is_cut_into_its_rows_and_keeps_its_scale() {
        let text = "Loss widened from a year ago. Summary (in thousands) | Metric | Q1 2025 | Q1 2024 | \
            | :--- | :--- | :--- | | Total revenues | $13,814 | $18,771 | | Gross profit | $5,923 | $6,985 | Next part";
        assert_eq!(
            unflattened(text),
            "Loss widened from a year ago. Summary (in thousands)\n(in thousands) | Metric | Q1 2025 | Q1 2024 |\n\
             | Total revenues | $13,814 | $18,771 |\n| Gross profit | $5,923 | $6,985 |\n Next part"
        );
    }

    #[test]
    fn a_column_of_changes_is_dropped() {
        let text = "Operations | Metric | Q1 2025 | Q1 2024 | Change (YoY) | | :--- | :--- | :--- | :--- | \
            | Total revenues | $9,100 | $8,000 | +$1,100 |";
        assert_eq!(
            unflattened(text),
            "Operations\n| Metric | Q1 2025 | Q1 2024 |\n| Total revenues | $9,100 | $8,000 |\n"
        );
    }

    #[test]
    fn text_without_a_separator_row_is_left_as_it_is() {
        let text = "Revenue | $5,001 | $6,300 | | Cost | $1 | $2 |";
        assert!(matches!(unflattened(text), Cow::Borrowed(_)));
    }
}
