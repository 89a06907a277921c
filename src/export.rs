//! The resolved series and the signals as CSV, for spreadsheets and pandas.
//!
//! `facts --csv`, `signals --csv`, `GET /api/series.csv` and `GET /api/signals.csv` all write
//! through here, so the four exports cannot drift apart. Both have one row per company, quarter
//! and class (mining, hpc, hosting, other, total) with its value and the documents it was read
//! from; a signal's rows are the compared classes of its quarter, after the signal's own columns.
//!
//! The format is RFC 4180 (comma, `"` quoting with doubled quotes, CRLF line ends), written here
//! rather than with the `csv` crate: the rules fit in [`field`], the rows are built from our own
//! types, and nothing is ever read back. Two choices make the files read right as they are:
//! - columns keep one type each: whole dollars, dates as `YYYY-MM-DD`, `true`/`false`, and a share
//!   as a fraction; several documents behind a derived value are joined by spaces (URLs hold none);
//! - a text field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed
//!   with `'`: labels come from documents on the internet.

use std::collections::BTreeMap;

use crate::model::{Company, PivotRule, PivotTerm, Resolved, ResolvedQuarter, Segment};
use crate::store::{Store, StoreError, StoredSignal};

/// The columns every row ends with: one class of one quarter and where its value came from.
const VALUE_COLUMNS: [&str; 7] = ["class", "line", "value_usd", "derived", "disagreement", "form", "source_url"];

/// The columns before them in the series export.
const SERIES_COLUMNS: [&str; 7] =
    ["ticker", "company", "quarter", "fiscal_year", "fiscal_quarter", "period_start", "period_end"];

/// The columns before them in the signals export.
const SIGNAL_COLUMNS: [&str; 10] = [
    "ticker",
    "company",
    "signal",
    "quarter",
    "fiscal_year",
    "fiscal_quarter",
    "period_start",
    "period_end",
    "hpc_share",
    "raised_at",
];

/// The media type the HTTP exports are served as.
pub const CONTENT_TYPE: &str = "text/csv; charset=utf-8";

/// Every resolved value of `companies`, oldest quarter first within each company.
pub async fn series(store: &Store, companies: &[Company]) -> Result<String, StoreError> {
    let mut out = header(&SERIES_COLUMNS);
    for company in companies {
        for quarter in store.resolved_series(company).await? {
            let p = quarter.period;
            for (segment, resolved) in &quarter.segments {
                let mut row = vec![
                    text(&company.ticker),
                    text(&company.name),
                    quarter.quarter.to_string(),
                    quarter.quarter.fiscal_year.to_string(),
                    quarter.quarter.quarter.to_string(),
                    p.start.to_string(),
                    p.end.to_string(),
                ];
                row.extend(value_fields(*segment, resolved));
                record(&mut out, &row);
            }
        }
    }
    Ok(out)
}

/// Every stored signal, oldest first, each with the values of its quarter that it compares
/// (HPC and the bitcoin side), as the store resolves them now.
pub async fn signals(store: &Store, companies: &[Company]) -> Result<String, StoreError> {
    let mut out = header(&SIGNAL_COLUMNS);
    let mut series: BTreeMap<String, Vec<ResolvedQuarter>> = BTreeMap::new();
    for stored in store.signals().await? {
        let s = &stored.signal;
        if !series.contains_key(&s.ticker) {
            let resolved = match companies.iter().find(|c| c.ticker == s.ticker) {
                Some(company) => store.resolved_series(company).await?,
                None => Vec::new(),
            };
            series.insert(s.ticker.clone(), resolved);
        }
        let quarter = series
            .get(&s.ticker)
            .into_iter()
            .flatten()
            .find(|q| q.quarter.fiscal_year == s.fiscal_year && q.quarter.quarter == s.fiscal_quarter);
        signal_rows(&mut out, &stored, quarter);
    }
    Ok(out)
}

/// One row per compared class the quarter resolves; a signal whose quarter is gone from the
/// series keeps one row with its HPC figure as the signal recorded it.
fn signal_rows(out: &mut String, stored: &StoredSignal, quarter: Option<&ResolvedQuarter>) {
    let s = &stored.signal;
    let lead = [
        text(&s.ticker),
        text(&s.company),
        s.kind.as_str().to_string(),
        s.quarter.clone(),
        s.fiscal_year.to_string(),
        s.fiscal_quarter.to_string(),
        s.period.start.to_string(),
        s.period.end.to_string(),
        s.evidence.current.share.to_string(),
        stored.raised_at.clone(),
    ];
    // The classes compared: the miners' rule's, or a rule's class terms (its lines are no class).
    let compared: Vec<Segment> = match &s.rule {
        None => std::iter::once(Segment::Hpc).chain(s.evidence.bitcoin_side.segments().iter().copied()).collect(),
        Some(rule) => rule
            .rising
            .iter()
            .chain(&rule.falling)
            .filter_map(|t| match t {
                PivotTerm::Class(segment) => Some(*segment),
                PivotTerm::Line(_) => None,
            })
            .collect(),
    };
    let mut wrote = false;
    for segment in compared {
        if let Some(resolved) = quarter.and_then(|q| q.segments.get(&segment)) {
            let row: Vec<String> = lead.iter().cloned().chain(value_fields(segment, resolved)).collect();
            record(out, &row);
            wrote = true;
        }
    }
    if !wrote {
        // No class row: the compared figures themselves, named as the rule names its sides.
        let (current, rule) = (&s.evidence.current, s.rule.as_ref());
        let mut sides = vec![(rule.map_or("hpc".to_string(), PivotRule::rising_name), current.hpc_usd)];
        sides.extend(rule.map(|r| (r.falling_name(), current.bitcoin_usd)));
        for (name, value) in sides {
            let tail =
                [name, String::new(), value.to_string(), "false".into(), "false".into(), String::new(), String::new()];
            record(out, &lead.iter().cloned().chain(tail).collect::<Vec<_>>());
        }
    }
}

/// A class's value and the documents it was read from (a derived value's: every input).
fn value_fields(segment: Segment, resolved: &Resolved) -> [String; 7] {
    let mut labels: Vec<&str> = Vec::new();
    let mut forms: Vec<&str> = Vec::new();
    let mut urls: Vec<&str> = Vec::new();
    for source in resolved.chosen() {
        for label in &source.labels {
            if !labels.contains(&label.as_str()) {
                labels.push(label);
            }
        }
        if !forms.contains(&source.form.as_str()) {
            forms.push(&source.form);
        }
        if !urls.contains(&source.url.as_str()) {
            urls.push(&source.url);
        }
    }
    [
        segment.as_str().to_string(),
        text(&labels.join(" + ")),
        resolved.value_usd.to_string(),
        resolved.derived.to_string(),
        resolved.disagreement.to_string(),
        text(&forms.join(" ")),
        text(&urls.join(" ")),
    ]
}

fn header(columns: &[&str]) -> String {
    let mut out = String::new();
    let names: Vec<String> = columns.iter().chain(&VALUE_COLUMNS).map(|c| (*c).to_string()).collect();
    record(&mut out, &names);
    out
}

/// A text field a spreadsheet will not run: a leading `=`, `+`, `-` or `@` is escaped with `'`.
fn text(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() }
}

/// One record: fields joined by commas, CRLF at the end.
fn record(out: &mut String, fields: &[String]) {
    for (i, value) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, value);
    }
    out.push_str("\r\n");
}

/// One field, quoted when it holds a comma, a quote or a line break (quotes doubled).
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_commas_quotes_and_breaks_are_quoted() {
        let mut out = String::new();
        let row = ["plain", "a, b", "say \"HPC\"", "two\nlines", ""].map(String::from);
        record(&mut out, &row);
        assert_eq!(out, "plain,\"a, b\",\"say \"\"HPC\"\"\",\"two\nlines\",\r\n");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_escaped() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("HPC lease revenue"), "HPC lease revenue");
    }
}
