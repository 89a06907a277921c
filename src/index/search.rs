//! A query → a page of BM25-ranked hits with highlighted snippets, the total, and facet counts.
//!
//! The text is tantivy's query syntax over the visible text and the title (exact phrases in
//! quotes, see `phrase`; AND/OR/NOT, `field:term`); terms are ANDed unless OR is written, because an analyst typing
//! `Core42 colocation` means both. Ticker, form and date filters are separate clauses that narrow
//! without changing the ranking. A text that does not parse is a [`QueryError`] saying where.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, QueryParser, QueryParserError, RangeQuery, TermSetQuery};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::IndexError;
use super::facets::TermCounts;
use super::handle::SearchIndex;
use super::heading;
use super::phrase;
use super::schema::{name, to_datetime};

type TantivyQuery = Box<dyn tantivy::query::Query>;

/// Hits per page unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// What to look for. Empty lists and `None` dates do not filter; an empty text matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    /// Any of these tickers (case-insensitive).
    pub tickers: Vec<String>,
    /// Any of these forms (case-insensitive), e.g. `10-Q`, `10-Q/A`, `8-K`.
    pub forms: Vec<String>,
    /// Filed on or after.
    pub from: Option<NaiveDate>,
    /// Filed on or before.
    pub to: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query::new("")
    }
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            text: text.to_string(),
            tickers: Vec::new(),
            forms: Vec::new(),
            from: None,
            to: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// A page of hits and what is known about all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// Documents matching the query and filters (not just this page).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Hits per ticker and per form over all hits, most first.
    pub tickers: Vec<FacetCount>,
    pub forms: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub score: f32,
    /// Company · form (and exhibit) · what the document is (see `heading`).
    pub heading: String,
    #[serde(flatten)]
    pub document: super::IndexDocument,
    pub snippet: Snippet,
}

/// The best passage of the text, with the matched terms located.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub highlights: Vec<(usize, usize)>,
    /// `text` HTML-escaped with matches in `<b>…</b>`.
    pub html: String,
}

impl Snippet {
    /// The text with each match between `open` and `close` (ANSI bold, `**`, …).
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        for (part, matched) in self.parts() {
            let (before, after) = if matched { (open, close) } else { ("", "") };
            out.push_str(before);
            out.push_str(part);
            out.push_str(after);
        }
        out
    }

    /// The snippet with `html` written from its text and highlights.
    pub(super) fn with_html(self) -> Snippet {
        let mut html = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        for (part, matched) in self.parts() {
            let escaped = part.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            if matched { html.push_str(&format!("<b>{escaped}</b>")) } else { html.push_str(&escaped) }
        }
        Snippet { html, ..self }
    }

    /// The text cut into consecutive parts, each with whether it matched (ranges that overlap or
    /// do not fall on character boundaries are skipped).
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::with_capacity(2 * self.highlights.len() + 1);
        let mut at = 0;
        for &(start, end) in &self.highlights {
            let (Some(before), Some(matched)) = (self.text.get(at..start), self.text.get(start..end)) else { continue };
            parts.extend([(before, false), (matched, true)].into_iter().filter(|(p, _)| !p.is_empty()));
            at = end;
        }
        parts.extend(self.text.get(at..).filter(|rest| !rest.is_empty()).map(|rest| (rest, false)));
        parts
    }
}

/// A query text that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    pub query: String,
    /// Byte offset in `query` where parsing failed, when known.
    pub position: Option<usize>,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(position) = self.position else {
            return write!(f, "the query does not parse: {}\n  {}", self.message, self.query);
        };
        let column = self.query.get(..position).map_or(position, |before| before.chars().count());
        write!(
            f,
            "the query does not parse at column {}: {}\n  {}\n  {}^",
            column + 1,
            self.message,
            self.query,
            " ".repeat(column)
        )
    }
}

impl SearchIndex {
    /// Runs `query` against the last commit.
    pub fn search(&self, query: &Query) -> Result<Results, IndexError> {
        let searcher = self.reader.searcher();
        let (text, phrases) = self.parse(&query.text)?;
        let filtered = self.filtered(text.box_clone(), query);
        let page = TopDocs::with_limit(query.limit.max(1)).and_offset(query.offset).order_by_score();
        let collectors = (Count, page, TermCounts(name::TICKER), TermCounts(name::FORM));
        let (total, top, tickers, forms) = searcher.search(&filtered, &collectors)?;
        let mut snippets = SnippetGenerator::create(&searcher, &*text, self.fields.text)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let hits = top
            .into_iter()
            .take(query.limit)
            .map(|(score, address)| self.hit(&searcher, &snippets, &phrases, score, address))
            .collect::<Result<_, _>>()?;
        Ok(Results { total, hits, tickers: by_count(tickers), forms: by_count(forms) })
    }

    /// The query `text` asks for, its quoted phrases sent to the exact field, and their words.
    fn parse(&self, text: &str) -> Result<(TantivyQuery, Vec<Vec<String>>), QueryError> {
        if text.trim().is_empty() {
            return Ok((Box::new(AllQuery), Vec::new()));
        }
        let mut parser = QueryParser::for_index(&self.index, vec![self.fields.text, self.fields.title]);
        parser.set_conjunction_by_default();
        let mut ast = tantivy::query_grammar::parse_query(text)
            .map_err(|_| query_error(text, &QueryParserError::SyntaxError(text.to_string())))?;
        let phrases = phrase::route(&mut ast);
        let query = parser.build_query_from_user_input_ast(ast).map_err(|e| query_error(text, &e))?;
        Ok((query, phrases))
    }

    /// `text` narrowed by the query's ticker, form and filing-date filters.
    fn filtered(&self, text: TantivyQuery, query: &Query) -> TantivyQuery {
        let f = &self.fields;
        let any_of = |field, values: &[String]| -> TantivyQuery {
            Box::new(TermSetQuery::new(
                values.iter().map(|v| Term::from_field_text(field, &v.trim().to_ascii_uppercase())),
            ))
        };
        let mut clauses = vec![(Occur::Must, text)];
        if !query.tickers.is_empty() {
            clauses.push((Occur::Must, any_of(f.ticker, &query.tickers)));
        }
        if !query.forms.is_empty() {
            clauses.push((Occur::Must, any_of(f.form, &query.forms)));
        }
        if query.from.is_some() || query.to.is_some() {
            let bound = |date: Option<NaiveDate>| {
                date.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_date_for_search(f.filed, to_datetime(d)))
                })
            };
            clauses.push((Occur::Must, Box::new(RangeQuery::new(bound(query.from), bound(query.to)))));
        }
        if clauses.len() == 1 {
            return clauses.remove(0).1;
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        snippets: &SnippetGenerator,
        phrases: &[Vec<String>],
        score: f32,
        at: DocAddress,
    ) -> Result<Hit, IndexError> {
        let stored: TantivyDocument = searcher.doc(at)?;
        let text = stored.get_first(self.fields.text).and_then(|v| v.as_str()).unwrap_or_default();
        let snippet = match phrase::snippet(text, phrases, SNIPPET_CHARS) {
            Some(around_phrase) => around_phrase.with_html(),
            None => {
                let snippet = snippets.snippet_from_doc(&stored);
                Snippet {
                    text: snippet.fragment().to_string(),
                    highlights: snippet.highlighted().iter().map(|r| (r.start, r.end)).collect(),
                    html: snippet.to_html(),
                }
            }
        };
        let document = self.fields.read(&stored);
        Ok(Hit { score, heading: heading::heading(&document, text), document, snippet })
    }
}

/// Where and why `text` failed to parse: the grammar's own position when it is a syntax error,
/// else the position of the field the error names (`nosuchfield:x`).
fn query_error(text: &str, error: &tantivy::query::QueryParserError) -> QueryError {
    use tantivy::query::QueryParserError as E;
    let (_, syntax) = tantivy::query_grammar::parse_query_lenient(text);
    if let Some(first) = syntax.into_iter().next() {
        return QueryError {
            query: text.to_string(),
            position: Some(first.pos.min(text.len())),
            message: first.message,
        };
    }
    let position = match error {
        E::FieldDoesNotExist(field) | E::FieldNotIndexed(field) | E::FieldDoesNotHavePositionsIndexed(field) => {
            text.find(&format!("{field}:"))
        }
        _ => None,
    };
    QueryError { query: text.to_string(), position, message: error.to_string() }
}

fn by_count(counts: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = counts.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts
}
