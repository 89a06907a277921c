//! The index schema: one tantivy document per stored document, and the conversions both ways.
//!
//! Ticker, form, CIK, accession and URL are single tokens (exact match, `ticker:WULF`); ticker and
//! form are also fast columns so facet counts read them without touching stored documents. Dates
//! are fast fields so `--from`/`--to` are range scans over a column. Text and title keep positions
//! and are stored, because snippets are cut from the stored text. English stop words are not
//! indexed there, so that words and AND queries skip the posting lists of "the" and "of", which
//! dominate their cost on filing-sized documents. Quoted phrases are exact instead: title and text
//! go again into `exact`, unfiltered, with positions and not stored (see `phrase`), so that
//! "statements of operations" does not match "statements for operations".

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TantivyDocument,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer};
use tantivy::{DateTime, Index, TantivyError};

/// The analyzer of the prose fields (text, title, company name).
const PROSE: &str = "minewatch_prose";

/// The analyzer of the exact field: the prose analyzer without the stop-word filter.
const EXACT: &str = "minewatch_exact";

/// Registers the analyzers; every opened index needs them before writing or querying.
pub(super) fn register_tokenizers(index: &Index) {
    let prose = match StopWordFilter::new(Language::English) {
        Some(stop_words) => words().filter(stop_words).build(),
        None => words().build(),
    };
    index.tokenizers().register(PROSE, prose);
    index.tokenizers().register(EXACT, exact_analyzer());
}

/// Words as both analyzers cut them: split on non-alphanumerics, lowercased, long ones dropped.
fn words() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(40)).filter(LowerCaser)
}

/// The analyzer of the exact field, which phrases are also found in the text with.
pub(super) fn exact_analyzer() -> TextAnalyzer {
    words().build()
}

/// What the index holds about one stored document (an exhibit is a document of its own).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IndexDocument {
    /// The store's document id.
    pub id: i64,
    pub ticker: String,
    pub company: String,
    pub cik: String,
    pub form: Option<String>,
    pub filed: Option<NaiveDate>,
    pub report_period: Option<NaiveDate>,
    pub accession: Option<String>,
    pub url: String,
    pub title: Option<String>,
    /// The visible text (see `extract::text`); empty for a PDF the PDF reader cannot read.
    /// Not returned with hits (their snippet carries the passage that matters).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// The schema's fields, by role.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    pub id: Field,
    pub ticker: Field,
    pub company: Field,
    pub cik: Field,
    pub form: Field,
    pub filed: Field,
    pub report_period: Field,
    pub accession: Field,
    pub url: Field,
    pub title: Field,
    pub text: Field,
    /// Title and text again, stop words kept: where quoted phrases are looked for.
    pub exact: Field,
}

/// Field names, as queries write them (`ticker:WULF`, `form:"10-Q/A"`, `title:release`).
pub(super) mod name {
    pub const ID: &str = "id";
    pub const TICKER: &str = "ticker";
    pub const COMPANY: &str = "company";
    pub const CIK: &str = "cik";
    pub const FORM: &str = "form";
    pub const FILED: &str = "filed";
    pub const REPORT_PERIOD: &str = "report_period";
    pub const ACCESSION: &str = "accession";
    pub const URL: &str = "url";
    pub const TITLE: &str = "title";
    pub const TEXT: &str = "text";
    pub const EXACT: &str = "exact";
}

impl Fields {
    /// The schema this version of minewatch writes.
    pub fn schema() -> Schema {
        let date =
            DateOptions::default().set_indexed().set_fast().set_stored().set_precision(DateTimePrecision::Seconds);
        let prose = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PROSE)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let exact = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let mut b = Schema::builder();
        b.add_i64_field(name::ID, INDEXED | FAST | STORED);
        b.add_text_field(name::TICKER, STRING | FAST | STORED);
        b.add_text_field(name::COMPANY, prose.clone());
        b.add_text_field(name::CIK, STRING | STORED);
        b.add_text_field(name::FORM, STRING | FAST | STORED);
        b.add_date_field(name::FILED, date.clone());
        b.add_date_field(name::REPORT_PERIOD, date);
        b.add_text_field(name::ACCESSION, STRING | STORED);
        b.add_text_field(name::URL, STRING | STORED);
        b.add_text_field(name::TITLE, prose.clone());
        b.add_text_field(name::TEXT, prose);
        b.add_text_field(name::EXACT, exact);
        b.build()
    }

    /// Looks the fields up in an (opened) index's schema.
    pub fn of(schema: &Schema) -> Result<Fields, TantivyError> {
        Ok(Fields {
            id: schema.get_field(name::ID)?,
            ticker: schema.get_field(name::TICKER)?,
            company: schema.get_field(name::COMPANY)?,
            cik: schema.get_field(name::CIK)?,
            form: schema.get_field(name::FORM)?,
            filed: schema.get_field(name::FILED)?,
            report_period: schema.get_field(name::REPORT_PERIOD)?,
            accession: schema.get_field(name::ACCESSION)?,
            url: schema.get_field(name::URL)?,
            title: schema.get_field(name::TITLE)?,
            text: schema.get_field(name::TEXT)?,
            exact: schema.get_field(name::EXACT)?,
        })
    }

    pub fn write(&self, doc: &IndexDocument) -> TantivyDocument {
        let mut d = TantivyDocument::new();
        d.add_i64(self.id, doc.id);
        d.add_text(self.ticker, &doc.ticker);
        d.add_text(self.company, &doc.company);
        d.add_text(self.cik, &doc.cik);
        d.add_text(self.url, &doc.url);
        d.add_text(self.text, &doc.text);
        if let Some(title) = &doc.title {
            d.add_text(self.exact, title);
        }
        d.add_text(self.exact, &doc.text);
        let optional = [(self.form, &doc.form), (self.accession, &doc.accession), (self.title, &doc.title)];
        for (field, value) in optional {
            if let Some(value) = value {
                d.add_text(field, value);
            }
        }
        for (field, date) in [(self.filed, doc.filed), (self.report_period, doc.report_period)] {
            if let Some(date) = date {
                d.add_date(field, to_datetime(date));
            }
        }
        d
    }

    /// Reads a stored document back (every field but the text, which only snippets need).
    pub fn read(&self, d: &TantivyDocument) -> IndexDocument {
        let text = |field| d.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let date = |field| d.get_first(field).and_then(|v| v.as_datetime()).and_then(from_datetime);
        IndexDocument {
            id: d.get_first(self.id).and_then(|v| v.as_i64()).unwrap_or_default(),
            ticker: text(self.ticker).unwrap_or_default(),
            company: text(self.company).unwrap_or_default(),
            cik: text(self.cik).unwrap_or_default(),
            form: text(self.form),
            filed: date(self.filed),
            report_period: date(self.report_period),
            accession: text(self.accession),
            url: text(self.url).unwrap_or_default(),
            title: text(self.title),
            text: String::new(),
        }
    }
}

/// Midnight UTC of `date`, as tantivy stores dates.
pub(super) fn to_datetime(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(date.and_time(NaiveTime::MIN).and_utc().timestamp())
}

fn from_datetime(value: DateTime) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(value.into_timestamp_secs(), 0).map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_round_trips_through_the_schema_but_its_text() {
        let schema = Fields::schema();
        let fields = Fields::of(&schema).unwrap();
        let doc = IndexDocument {
            id: 42,
            ticker: "WULF".into(),
            company: "TeraWulf Inc.".into(),
            cik: "1083301".into(),
            form: Some("10-Q/A".into()),
            filed: NaiveDate::from_ymd_opt(2025, 9, 19),
            report_period: NaiveDate::from_ymd_opt(2025, 6, 30),
            accession: Some("0001083301-25-000088".into()),
            url: "http://127.0.0.1/a.htm".into(),
            title: None,
            text: "HPC lease revenue".into(),
        };
        let back = fields.read(&fields.write(&doc));
        assert_eq!(back, IndexDocument { text: String::new(), ..doc });
    }
}
