//! Evidence one click away: `GET /companies/{ticker}/quarters/{year}Q{n}` shows where every
//! figure of one quarter was read, so that an analyst can trust (or dispute) it without opening
//! whole filings.
//!
//! Each class of the quarter gets a section (`#hpc`, `#mining`, …: the company page's figures link
//! straight to theirs) with its resolved value and every source of it — the chosen one marked,
//! the others with their values, whether they disagree, and a total's lines-vs-total gap — and
//! under each source the sentences, bullets, cells or tagged iXBRL facts it was read from (a
//! sentence with its line's label marked, a cell or fact with its value marked). "Open at this
//! passage" opens the stored original with a text fragment (`#:~:text=`), which browsers scroll to
//! and highlight: a sentence's first words; a table's row from its label to the cell; for an iXBRL
//! fact, the value in thousands as financial statements show it (the first place that stands,
//! which is not always the tagged fact itself: the store keeps the fact's value, not its markup).

use std::fmt::Write;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};

use super::html::{Esc, Page, millions};
use super::{AppError, AppState};
use crate::model::{Extractor, Fact, Segment, Source};
use crate::store::{NamedQuarter, StoredFact};

/// `GET /companies/{ticker}/quarters/{quarter}`
pub(super) async fn page(State(state): State<AppState>, path: Result<Path<(String, String)>, PathRejection>) -> Page {
    match evidence_page(&state, path).await {
        Ok(page) => page,
        Err(e) => e.into(),
    }
}

/// The path segment of a quarter, as the company page links it: `2026Q1`.
pub(super) fn quarter_segment(q: &NamedQuarter) -> String {
    format!("{}Q{}", q.values.fiscal_year, q.values.fiscal_quarter)
}

async fn evidence_page(
    state: &AppState,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Page, AppError> {
    let Path((ticker, quarter)) = path.map_err(|e| AppError::bad_request(e.body_text()))?;
    let company = state.company(&ticker)?;
    let (year, number) = parse_quarter(&quarter)?;
    let series = state.store.named_series(company).await?;
    let q = series
        .iter()
        .find(|q| (q.values.fiscal_year, q.values.fiscal_quarter) == (year, number))
        .ok_or_else(|| AppError::NotFound(format!("{} has no resolved quarter {quarter}", company.ticker)))?;
    let facts = state.store.facts_of_company(&company.ticker).await?;
    let mut body = format!(
        "<p><a href=\"/companies/{}\">← {}</a> · fiscal quarter {} – {}</p>",
        Esc(&company.ticker),
        Esc(&company.name),
        q.values.period.start,
        q.values.period.end
    );
    for segment in Segment::ALL {
        if let Some(sources) = q.sources.get(&segment) {
            section(&mut body, q, segment, sources, &facts);
        }
    }
    Ok(Page::ok(format!("{} · {} · where each figure was read", company.name, q.quarter), body))
}

/// `2026Q1` → (2026, 1); anything else is a 400 saying what is expected.
fn parse_quarter(text: &str) -> Result<(i32, u8), AppError> {
    let bad = || AppError::bad_request(format!("a quarter is written like 2026Q1, not {text:?}"));
    let (year, number) = text.split_once(['Q', 'q']).ok_or_else(bad)?;
    let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(bad)?;
    let number: u8 = number.parse().ok().filter(|n| (1..=4).contains(n)).ok_or_else(bad)?;
    Ok((year, number))
}

fn section(out: &mut String, q: &NamedQuarter, segment: Segment, sources: &[Source], facts: &[StoredFact]) {
    let value = q.values.value(segment);
    // As the resolver tolerates: more than 1% apart.
    let apart =
        |s: &Source| value.is_some_and(|v| (s.value_usd - v).unsigned_abs() as f64 > 0.01 * v.unsigned_abs() as f64);
    let disagree = sources.iter().any(|s| !s.chosen && !s.comparison && apart(s));
    let _ = write!(
        out,
        "<section class=\"evidence\" id=\"{segment}\"><h2>{segment}: {}{}</h2><table class=\"sources\"><thead><tr>\
         <th>Source</th><th>Read by</th><th>Line</th><th>Value</th><th>Status</th></tr></thead><tbody>",
        millions(value),
        if disagree { " <span class=\"flag disagree\">sources disagree</span>" } else { "" }
    );
    for s in sources {
        let mut status = vec![if s.chosen { "chosen" } else { "not chosen" }];
        if s.comparison {
            status.push("a later document's comparison");
        }
        let gap = s.lines_gap_usd.map(|g| format!("its lines leave {} of it unexplained", millions(Some(g))));
        status.extend(gap.as_deref());
        let _ = write!(
            out,
            "<tr class=\"{}\"><td><a href=\"/documents/{}/original\">{}</a> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if s.chosen { "chosen" } else { "other" },
            s.document_id,
            Esc(&s.form),
            s.filed.map(|f| format!("filed {f}")).unwrap_or_default(),
            Esc(s.extractor.as_str()),
            Esc(&s.labels.join(" + ")),
            millions(Some(s.value_usd)),
            Esc(&status.join("; "))
        );
    }
    out.push_str("</tbody></table>");
    for s in sources {
        let read = facts
            .iter()
            .filter(|f| f.document_id == s.document_id && f.fact.segment == segment && f.fact.period == s.period);
        for f in read {
            passage(out, s, f);
        }
    }
    out.push_str("</section>");
}

/// One passage a value was read from, its label marked, with a link to it in the original.
fn passage(out: &mut String, s: &Source, f: &StoredFact) {
    let text = f.fact.raw_text.trim();
    if text.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<blockquote class=\"passage{}\"><p>{}</p><footer>{} · {} · {} · <a class=\"at\" href=\"/documents/{}/original#:~:text={}\">\
         open at this passage</a></footer></blockquote>",
        if s.chosen { " chosen" } else { "" },
        marked(text, &f.fact.label),
        Esc(&s.form),
        Esc(f.fact.extractor.as_str()),
        millions(Some(f.fact.value_usd)),
        f.document_id,
        fragment(&f.fact)
    );
}

/// A sentence escaped with its first occurrence of `label` (any case) in `<mark>`; a cell or a
/// fact, which does not hold its label, as the label and the value marked.
fn marked(text: &str, label: &str) -> String {
    let found = (!label.is_empty()).then(|| text.to_lowercase().find(&label.to_lowercase())).flatten();
    match found.filter(|&at| text.is_char_boundary(at) && text.is_char_boundary(at + label.len())) {
        Some(at) => {
            let end = at + label.len();
            format!("{}<mark>{}</mark>{}", Esc(&text[..at]), Esc(&text[at..end]), Esc(&text[end..]))
        }
        None => format!("<span class=\"line\">{}</span> <mark>{}</mark>", Esc(label), Esc(text)),
    }
}

/// The text fragment (`#:~:text=…`) that finds where `fact` stands in its document.
fn fragment(fact: &Fact) -> String {
    match fact.extractor {
        Extractor::Prose => {
            let words: Vec<&str> = fact.raw_text.split_whitespace().take(12).collect();
            encode(&words.join(" "))
        }
        Extractor::HtmlTable | Extractor::PdfTable => {
            format!("{},{}", encode(&fact.label), encode(fact.raw_text.trim()))
        }
        Extractor::Ixbrl => encode(&thousands(fact.value_usd)),
    }
}

/// Whole dollars in thousands with comma groups: 21047000 → "21,047".
fn thousands(value_usd: i64) -> String {
    let digits = (value_usd / 1000).unsigned_abs().to_string();
    let mut out = String::from(if value_usd < 0 { "-" } else { "" });
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Percent-encoded for a text fragment, with the `-`, `,` and `&` its syntax reserves.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_parse_strictly() {
        assert_eq!(parse_quarter("2026Q1").ok(), Some((2026, 1)));
        for bad in ["2026Q5", "2026", "Q1", "99999Q1", "2026Q-1", ""] {
            assert!(parse_quarter(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_label_is_marked_and_the_rest_escaped() {
        assert_eq!(
            marked("HPC lease revenue of $21.0 million <b>", "hpc lease revenue"),
            "<mark>HPC lease revenue</mark> of $21.0 million &lt;b&gt;"
        );
        assert_eq!(marked("no label here", ""), "<span class=\"line\"></span> <mark>no label here</mark>");
    }

    fn fact(extractor: Extractor, label: &str, raw_text: &str, value_usd: i64) -> Fact {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default();
        Fact {
            segment: Segment::Hpc,
            period: crate::model::Period { start: day, end: day },
            value_usd,
            label: label.into(),
            concept: None,
            extractor,
            confidence: 1.0,
            raw_text: raw_text.into(),
        }
    }

    #[test]
    fn fragments_find_a_sentence_a_row_or_a_fact_and_encode_what_their_syntax_reserves() {
        let prose = fact(Extractor::Prose, "HPC lease revenue", "HPC lease revenue, up 117%-ish & more", 21_000_000);
        assert_eq!(fragment(&prose), "HPC%20lease%20revenue%2C%20up%20117%25%2Dish%20%26%20more");
        let cell = fact(Extractor::HtmlTable, "HPC lease revenue", "21,047", 21_047_000);
        assert_eq!(fragment(&cell), "HPC%20lease%20revenue,21%2C047");
        let tagged = fact(Extractor::Ixbrl, "wulf:HPCLeaseRevenueMember", "21047000", 21_047_000);
        assert_eq!(fragment(&tagged), "21%2C047");
        assert_eq!(thousands(-1_234_567_000), "-1,234,567");
        assert_eq!(
            marked("21,047", "HPC lease revenue"),
            "<span class=\"line\">HPC lease revenue</span> <mark>21,047</mark>"
        );
    }
}
