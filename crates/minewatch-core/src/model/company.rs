//! Companies: the universe minewatch watches, as `companies.toml` describes it.

use serde::{Deserialize, Serialize};

use super::{FiscalYearEnd, Segment};

/// Which SEC forms a company files its results on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilerKind {
    /// 10-Q, 10-K, 8-K.
    Domestic,
    /// 6-K, 20-F, 40-F (some later switch to 10-Q; both are crawled).
    Foreign,
}

/// A company-specific rule: a label or XBRL member matching `pattern`
/// (case-insensitive substring) belongs to `segment`, and, with `line`, is that line as reported
/// (a label or member): how a rename the company states outside the label ("formerly presented
/// as …" in a footnote) keeps one line with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelOverride {
    pub pattern: String,
    pub segment: Segment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
}

/// A press-release source for one company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PressSource {
    /// An RSS 2.0 or Atom feed.
    Feed { url: String },
    /// An investor-relations listing page; `selector` picks the release links.
    Page { url: String, selector: String },
}

impl PressSource {
    /// The feed's or page's URL.
    pub fn url(&self) -> &str {
        let (PressSource::Feed { url } | PressSource::Page { url, .. }) = self;
        url
    }
}

/// One company of the universe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub ticker: String,
    pub name: String,
    pub cik: u64,
    pub fiscal_year_end: FiscalYearEnd,
    pub filer_kind: FilerKind,
    pub overrides: Vec<LabelOverride>,
    pub press: Vec<PressSource>,
}
