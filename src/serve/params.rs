//! Query strings → a validated [`Query`], and back (the search page's paging links).
//!
//! The raw query string is parsed leniently (a stray `%` is kept, not refused) and then checked
//! strictly: an unknown parameter, a malformed date or a page beyond the caps is a 400 naming it,
//! before the index is touched. `ticker` and `form` repeat; empty values (an HTML form's blank
//! fields) do not filter.

use chrono::NaiveDate;

use super::AppError;
use crate::index::{DEFAULT_LIMIT, Query};

/// Most hits one request may ask for.
pub const MAX_LIMIT: usize = 100;
/// Deepest offset one request may ask for: past it ranking work grows with no one reading.
pub const MAX_OFFSET: usize = 10_000;
/// Longest query text accepted, in bytes.
const MAX_TEXT: usize = 2_000;
/// Most ticker or form values in one request.
const MAX_VALUES: usize = 50;

/// The search a query string asks for.
pub(super) fn search_query(raw: Option<&str>) -> Result<Query, AppError> {
    let mut query = Query::new("");
    for (key, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        let value = value.trim();
        match key.as_ref() {
            "q" if value.len() > MAX_TEXT => {
                return Err(AppError::bad_request(format!("q is longer than {MAX_TEXT} bytes")));
            }
            "q" => query.text = value.to_string(),
            "ticker" | "form" if value.is_empty() => {}
            "ticker" => query.tickers.push(value.to_string()),
            "form" => query.forms.push(value.to_string()),
            "from" => query.from = date("from", value)?,
            "to" => query.to = date("to", value)?,
            "limit" => query.limit = number("limit", value, 1, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT),
            "offset" => query.offset = number("offset", value, 0, MAX_OFFSET)?.unwrap_or(0),
            other => {
                return Err(AppError::bad_request(format!(
                    "unknown parameter {other:?} (known: q, ticker, form, from, to, limit, offset)"
                )));
            }
        }
    }
    if query.tickers.len() > MAX_VALUES || query.forms.len() > MAX_VALUES {
        return Err(AppError::bad_request(format!("at most {MAX_VALUES} tickers and {MAX_VALUES} forms")));
    }
    Ok(query)
}

/// The query string that asks for `query` starting at `offset`.
pub(super) fn query_string(query: &Query, offset: usize) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("q", &query.text);
    for ticker in &query.tickers {
        s.append_pair("ticker", ticker);
    }
    for form in &query.forms {
        s.append_pair("form", form);
    }
    for (key, date) in [("from", query.from), ("to", query.to)] {
        if let Some(date) = date {
            s.append_pair(key, &date.to_string());
        }
    }
    if query.limit != DEFAULT_LIMIT {
        s.append_pair("limit", &query.limit.to_string());
    }
    if offset > 0 {
        s.append_pair("offset", &offset.to_string());
    }
    s.finish()
}

fn date(key: &str, value: &str) -> Result<Option<NaiveDate>, AppError> {
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse()
        .map(Some)
        .map_err(|_| AppError::bad_request(format!("{key} must be a date YYYY-MM-DD, not {value:?}")))
}

fn number(key: &str, value: &str, min: usize, max: usize) -> Result<Option<usize>, AppError> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
        _ => Err(AppError::bad_request(format!("{key} must be a whole number from {min} to {max}, not {value:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_filters_collect_and_blank_fields_do_not_filter() {
        let q =
            search_query(Some("q=%22HPC+lease%22&ticker=wulf&ticker=CORZ&form=&from=2026-01-01&to=&limit=5")).unwrap();
        assert_eq!((q.text.as_str(), q.tickers.len(), q.forms.len(), q.limit), ("\"HPC lease\"", 2, 0, 5));
        assert_eq!((q.from, q.to), (NaiveDate::from_ymd_opt(2026, 1, 1), None));
        assert_eq!(search_query(Some(&query_string(&q, 20))).unwrap(), Query { offset: 20, ..q });
    }

    #[test]
    fn out_of_range_and_unknown_parameters_are_refused() {
        for bad in ["limit=0", "limit=101", "offset=10001", "offset=-1", "offset=1e9", "from=2026-13-01", "page=2"] {
            assert!(matches!(search_query(Some(bad)), Err(AppError::BadRequest { .. })), "{bad}");
        }
        assert_eq!(search_query(Some("offset=10000")).unwrap().offset, MAX_OFFSET);
    }
}
