//! A table flattened into a single line, its header and rows run together: `Revenue 000s 3mo
//! 6/30/25 3mo 6/30/24 YOY Power $5,492 $10,530 -47.8% Compute $34,295 $15,795 117.1% Total
//! Revenue $41,299 $35,215 17.3%`, as a page copy of an article's table reads.
//!
//! Read as one sentence, every figure after the first would be a comparison of the first line.
//! Split into the header line and one row per label, each row is read as the rows of
//! [`super::rows`] are: one figure per column, the scale note of the header. The line is split
//! only when its figures fall into rows exactly: as many per row as the header names periods,
//! nothing but change cells (`-47.8%`) between the figures of a row, and a label before each.

use std::sync::LazyLock;

use regex::Regex;

use super::super::period::mentions;
use super::amounts::{Amount, amounts};
use super::lexicon::is_change_column;
use super::rows::columns_named;
use super::sentences::Unit;
use crate::model::FiscalYearEnd;

/// The units a one-line table stands for: the words before its header, the header, then one
/// row per label (`Power | $5,492 | $10,530`) under the header's lead ("Revenue"); `None` when
/// `unit` is no such line.
pub fn split(unit: &Unit, fye: FiscalYearEnd) -> Option<Vec<Unit>> {
    let text = unit.text.as_str();
    let found = amounts(text);
    // A signed amount in a row ("+$844,222", "-$4,956,936") is its change column's cell.
    let signed = |a: &&Amount| text.get(..a.start).is_some_and(|t| t.ends_with(['+', '-', '−']));
    let figures: Vec<&Amount> = found.iter().filter(|a| !a.change).filter(|a| !signed(a)).collect();
    let first = figures.first()?;
    let (header_end, first_label) = label_before(text.get(..first.start)?);
    let header = text.get(..header_end)?;
    let columns = columns_named(header, fye).len();
    if columns < 2 || figures.len() < 2 * columns || !figures.len().is_multiple_of(columns) {
        return None;
    }
    let mut rows = Vec::new();
    for row in figures.chunks(columns) {
        let cells_only = row.windows(2).all(|pair| text.get(pair[0].end..pair[1].start).is_some_and(no_words));
        if !cells_only {
            return None;
        }
        rows.push(row);
    }
    let mut labels = vec![first_label];
    for pair in rows.windows(2) {
        let (last, next) = (pair[0].last()?, pair[1].first()?);
        labels.push(words_only(text.get(last.end..next.start)?));
    }
    if labels.iter().any(String::is_empty) {
        return None;
    }
    // Words before the header proper ("By segment, it broke out as follows:") are their own unit.
    let periods_at = mentions(header, fye).first()?.at;
    let opens = header.get(..periods_at)?.rfind([':', '.']).map_or(0, |at| at + 1);
    let lead = words_only(header.get(opens..periods_at)?);
    let mut units = Vec::new();
    if opens > 0 {
        units.push(Unit { text: header.get(..opens)?.trim().to_string(), ..unit.clone() });
    }
    units.push(Unit { text: header.get(opens..)?.trim().to_string(), heading: true, ..unit.clone() });
    for (label, row) in labels.into_iter().zip(rows) {
        let cells = row.iter().filter_map(|a| text.get(a.start..a.end));
        let text = std::iter::once(label).chain(cells.map(str::to_string)).collect::<Vec<_>>().join(" | ");
        units.push(Unit { text, parent: Some(lead.clone()), heading: false, follows: false });
    }
    Some(units)
}

/// Where the label right before a row's first figure starts, and the label: the words back to
/// a figure, a date or a change column's name ("3mo 6/30/24 YOY Power" → "Power"), cell bars
/// after it left out ("… | Total revenues | $13,814,373").
fn label_before(text: &str) -> (usize, String) {
    let mut start = text.len();
    let mut words = Vec::new();
    for token in TOKEN.find_iter(text).collect::<Vec<_>>().into_iter().rev() {
        if token.as_str() == "|" && words.is_empty() {
            start = token.start();
            continue;
        }
        if is_change_column(&token.as_str().to_ascii_lowercase()) || !is_word(token.as_str()) {
            break;
        }
        start = token.start();
        words.push(token.as_str());
    }
    words.reverse();
    (start, words.join(" "))
}

/// A run of characters between spaces.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\S+").unwrap_or_else(|e| unreachable!("{e}")));

/// Whether the text between two cells of a row holds no words: spaces, bars, change cells.
fn no_words(between: &str) -> bool {
    !between.chars().any(char::is_alphabetic)
}

/// The words of `text`, without figures, signs and scale notes ("000s"): a row's label from
/// between two rows, or the header's lead.
fn words_only(text: &str) -> String {
    text.split_whitespace().filter(|w| is_word(w)).collect::<Vec<_>>().join(" ")
}

/// Whether a token is a word of a label ("Self-mining", "R&D"), not a figure, date or note.
fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphabetic) && token.chars().all(|c| c.is_alphabetic() || c == '-' || c == '&')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<(String, Option<String>)> {
        let unit = Unit { text: line.into(), parent: None, heading: false, follows: false };
        split(&unit, crate::model::test_dates::DEC)
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.text, u.parent))
            .collect()
    }

    #[test]
    fn a_one_line_table_is_its_header_and_rows() {
        let got = texts(
            "The lines broke out so: Sales 000s 3mo 9/30/24 3mo 9/30/23 Y/Y Hosting $2,100 $1,900 10.5% \
             Self-mining $7,250 $6,000 20.8% Total Sales $9,350 $7,900 18.4%",
        );
        let lead = Some("Sales".to_string());
        assert_eq!(
            got,
            vec![
                ("The lines broke out so:".into(), None),
                ("Sales 000s 3mo 9/30/24 3mo 9/30/23 Y/Y".into(), None),
                ("Hosting | $2,100 | $1,900".into(), lead.clone()),
                ("Self-mining | $7,250 | $6,000".into(), lead.clone()),
                ("Total Sales | $9,350 | $7,900".into(), lead),
            ]
        );
    }

    #[test]
    fn a_markdown_table_in_one_line_with_a_change_column() {
        let got = texts(
            "Operations | Metric | Q1 2025 | Q1 2024 | Change (YoY) | | :--- | :--- | :--- | :--- | \
             | Total revenues | $9,100,000 | $8,000,000 | +$1,100,000 | | Hosting revenue | $6,000,000 | \
             $6,500,000 | -$500,000 |",
        );
        let rows: Vec<&str> = got.iter().skip(1).map(|(text, _)| text.as_str()).collect();
        assert_eq!(rows, ["Total revenues | $9,100,000 | $8,000,000", "Hosting revenue | $6,000,000 | $6,500,000"]);
        assert!(got[0].0.starts_with("Operations | Metric | Q1 2025 | Q1 2024 | Change (YoY)"));
    }

    #[test]
    fn a_sentence_of_figures_is_no_table() {
        assert!(texts("Revenue in Q3 2024 was $9.4 million, against $7.9 million in Q3 2023.").is_empty());
        // Figures that fall into no rows of the header's width.
        assert!(texts("Q3 2024 Q3 2023 Hosting $2,100 $1,900 Mining $7,250").is_empty());
        // Words between the figures of a row.
        assert!(texts("Q3 2024 Q3 2023 Hosting $2,100 up from $1,900 Mining $7,250 $6,000").is_empty());
    }
}
