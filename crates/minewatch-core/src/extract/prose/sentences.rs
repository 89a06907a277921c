//! Text → the units a reader takes one at a time: sentences, bullet items and clauses.
//!
//! Wire copies wrap lines anywhere ("Total revenue of" / "$19.2 million ;"), so a line that does
//! not end its thought is joined to the next; bullets (`•`, `●`, `--`, `-`) start a new unit and
//! their markers are dropped. A short line ending in a colon ("HPC Hosting:") is the parent of the
//! units under it.

use super::super::cell::scale_in;
use super::super::period::YEAR;
use super::rows::is_plain_figure;

/// One sentence, bullet item or clause, with the short "Name:" heading it stands under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub text: String,
    pub parent: Option<String>,
    /// A short line without an amount or a full stop: a heading, which may name the quarter.
    pub heading: bool,
    /// A later clause of the sentence before ("…; that is down from $50.6 million"): its subject
    /// may be the line that sentence stated.
    pub follows: bool,
}

/// Most words a heading or a "Name:" parent line has.
const HEADING_WORDS: usize = 10;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "vs", "inc", "corp", "ltd", "co", "no", "approx", "adj", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "st", "mr", "ms", "dr",
];

/// Words after which a wrapped line goes on.
const CONTINUES: &[&str] = &["in", "of", "to", "from", "and", "the", "was", "were", "by", "at", "for", "with"];

const BULLETS: &[char] = &['•', '●', '▪', '◦', '*', '-', '–', '—'];

/// Every unit of `text`, in order.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut parent: Option<String> = None;
    for line in joined_lines(text) {
        let line = line.trim();
        let words = line.split_whitespace().count();
        if let Some(name) = line.strip_suffix(':').filter(|_| words <= HEADING_WORDS) {
            parent = Some(strip_bullet(name).to_string());
            continue;
        }
        // An EDGAR R page names each member over its rows ("HPC Hosting [Member]"), between
        // lines that only mark the table's structure ("Segment Reporting Information [Line Items]").
        match xbrl_marker(line) {
            Some((name, marker)) if marker == "member" => {
                parent = Some(name.to_string());
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        // A row of figure cells ("Hosting | 1,200 | 3,400") is no heading, though it is short.
        // A year is a header's cell and a lone hyphen a dash in prose, neither a figure here.
        let figure_cell = |c: &str| is_plain_figure(c) && c != "-" && !YEAR.is_match(c);
        let figure_cells = line.split(['|', ' ', '\t']).map(str::trim).filter(|c| figure_cell(c)).count() >= 2;
        let heading = words <= HEADING_WORDS && !line.contains('$') && !line.ends_with('.') && !figure_cells;
        if heading {
            parent = None;
        }
        for item in line.split(" -- ").flat_map(|s| s.split(" • ")).flat_map(|s| s.split(" ● ")) {
            for sentence in split_sentences(item) {
                for (n, clause) in sentence.split("; ").enumerate() {
                    let text = strip_bullet(clause);
                    if text.chars().any(char::is_alphanumeric) {
                        out.push(Unit { text: text.to_string(), parent: parent.clone(), heading, follows: n > 0 });
                    }
                }
            }
        }
    }
    out
}

/// A line of an EDGAR R page that ends in an XBRL marker: its name and the marker, lower case
/// ("HPC Hosting [Member]" → ("HPC Hosting", "member")).
fn xbrl_marker(line: &str) -> Option<(&str, String)> {
    let (name, marker) = line.strip_suffix(']')?.rsplit_once(" [")?;
    let marker = marker.to_ascii_lowercase();
    matches!(marker.as_str(), "member" | "line items" | "abstract" | "table" | "axis" | "domain")
        .then(|| (name.trim(), marker))
}

/// Lines, with a wrapped line joined to the one it continues.
fn joined_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let continues = lines.last().is_some_and(|last| {
            let open = !last.ends_with(['.', ';', ':', '!', '?']);
            let last_word = last.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
            let starts_on = line.starts_with(|c: char| c.is_lowercase() || "(),;%".contains(c));
            let mid_clause = last.ends_with([',', '(', '[', '“']) || CONTINUES.contains(&last_word.as_str());
            // A line of table cells (`(in thousands) | Q4 2024 | Q4 2023`) is a row of its own, and
            // so is a line that opens with a table's scale note ("(in thousands)   Three Months …").
            let cells = line.matches('|').count() >= 2;
            let scale_note =
                line.starts_with('(') && line.split_once(')').is_some_and(|(note, _)| scale_in(note).is_some());
            open && !cells && !scale_note && !line.starts_with(BULLETS) && (starts_on || mid_clause)
        });
        match lines.last_mut() {
            Some(last) if continues => {
                last.push(' ');
                last.push_str(line);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines
}

/// Splits at a full stop (or `!`, `?`) followed by a space and a capital, digit, `$` or quote,
/// unless the word before it is an abbreviation ("vs.", "Dec.", "U.S.").
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = text.get(at + 1..).unwrap_or("");
        let next = rest.strip_prefix(' ').and_then(|r| r.chars().next());
        // A bullet run into the sentence before ("… quarter. - Total revenue …") starts one too.
        let bullet = rest.strip_prefix(' ').is_some_and(|r| {
            let mut chars = r.chars();
            matches!((chars.next(), chars.next()), (Some(b), Some(' ')) if BULLETS.contains(&b))
        });
        let starts_sentence =
            bullet || next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "$“\"(".contains(n));
        let word = text.get(start..at).unwrap_or("").rsplit([' ', '.', '(']).next().unwrap_or("").to_ascii_lowercase();
        let abbreviation = ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1;
        if c == '.' && abbreviation || !starts_sentence {
            continue;
        }
        out.push(text.get(start..=at).unwrap_or(""));
        start = at + 2;
    }
    out.push(text.get(start..).unwrap_or(""));
    out
}

/// The text without a leading bullet marker or a trailing lone dash.
fn strip_bullet(text: &str) -> &str {
    let text = text.trim().trim_start_matches(|c: char| BULLETS.contains(&c) || c.is_whitespace());
    text.strip_suffix(" -").unwrap_or(text).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        units(text).into_iter().map(|u| u.text).collect()
    }

    #[test]
    fn bullets_sentences_and_clauses() {
        let text = "-- Record revenues of $148.1 million -- 24% increase in mining revenue\n\
            • Total revenue was $1.0 million (vs. $2.0 million). Net loss was $3 million; cash was $4 million.";
        assert_eq!(
            texts(text),
            vec![
                "Record revenues of $148.1 million",
                "24% increase in mining revenue",
                "Total revenue was $1.0 million (vs. $2.0 million).",
                "Net loss was $3 million",
                "cash was $4 million."
            ]
        );
    }

    #[test]
    fn a_bullet_run_into_the_sentence_before_starts_a_unit() {
        assert_eq!(
            texts("HPC revenue was $17.8 million [12]. - Total revenue was $52.9 million. • Cash was $1 million."),
            vec!["HPC revenue was $17.8 million [12].", "Total revenue was $52.9 million.", "Cash was $1 million."]
        );
        assert_eq!(
            texts("Revenue rose. •Net loss fell. • Cash was up."),
            vec!["Revenue rose. •Net loss fell.", "Cash was up."]
        );
    }

    #[test]
    fn wrapped_lines_join_and_colon_lines_are_parents() {
        let got = units("Total revenue of\n$19.2 million ;\nHPC Hosting:\nGenerated $26 million in fit-out revenue.");
        assert_eq!(got[0].text, "Total revenue of $19.2 million ;");
        assert_eq!(
            texts("for the period ended September 30,\n2022, as compared to")[0],
            "for the period ended September 30, 2022, as compared to"
        );
        assert_eq!(
            texts("Revenues\n\nwere\nRMB978.2 million\n(\nUS$137.5 million\n), down")[0],
            "Revenues were RMB978.2 million ( US$137.5 million ), down"
        );
        assert_eq!(got[1].parent.as_deref(), Some("HPC Hosting"));
    }
}
