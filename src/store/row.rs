//! Reading the values both backends return: dates stored as ISO-8601 text, flags as 0/1.

use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::{Error, Row};

pub(super) trait RowExt {
    /// A 0/1 column (or an expression computed as one).
    fn flag(&self, column: &str) -> Result<bool, Error>;
    fn date(&self, column: &str) -> Result<NaiveDate, Error>;
    fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, Error>;
}

impl RowExt for AnyRow {
    fn flag(&self, column: &str) -> Result<bool, Error> {
        Ok(self.try_get::<i64, _>(column)? != 0)
    }

    fn date(&self, column: &str) -> Result<NaiveDate, Error> {
        parse_date(column, &self.try_get::<String, _>(column)?)
    }

    fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, Error> {
        self.try_get::<Option<String>, _>(column)?.map(|text| parse_date(column, &text)).transpose()
    }
}

fn parse_date(column: &str, text: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| Error::ColumnDecode {
        index: column.to_string(),
        source: format!("{text:?} is not a YYYY-MM-DD date: {e}").into(),
    })
}

/// A date as stored.
pub(super) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(super) fn opt_day(date: Option<NaiveDate>) -> Option<String> {
    date.map(day)
}
