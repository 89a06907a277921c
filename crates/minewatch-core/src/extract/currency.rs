//! Whether a document says its amounts are in a currency other than the US dollar.
//!
//! minewatch stores US dollars. A Canadian filer's release ("All dollar figures are in Canadian
//! dollars", "(In thousands of Canadian Dollars)") writes `$31.7 million` for C$31.7 million;
//! read as US dollars that figure is wrong by the exchange rate, and it would move the series.
//! Such a document's text and tables are not read, with a warning naming the currency. Inline
//! XBRL needs no such check: every fact there carries its unit (`iso4217:CAD`).
//!
//! Only a statement about the document's figures as a whole counts ("amounts are in", "expressed
//! in", a table's "(in thousands of … dollars)"): a share price in C$ or a loan "denominated in
//! Canadian dollars" says nothing about how the revenue is written.

use std::sync::LazyLock;

use regex::Regex;

/// Currencies a filer may report in, as their names are written, and the code to name them by.
const CURRENCIES: &[(&str, &str)] = &[
    (r"canadian\s+dollars?|cad\b|cdn\b", "CAD"),
    (r"australian\s+dollars?|aud\b", "AUD"),
    (r"hong\s+kong\s+dollars?|hkd\b", "HKD"),
    (r"singapore\s+dollars?|sgd\b", "SGD"),
    (r"renminbi|rmb\b|cny\b", "CNY"),
    (r"euros?\b|eur\b", "EUR"),
    (r"pounds?\s+sterling|gbp\b", "GBP"),
];

/// A statement about how the document's amounts are written, up to the currency's name.
static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = CURRENCIES.iter().map(|(pattern, code)| format!("(?P<{code}>{pattern})")).collect();
    Regex::new(&format!(
        r"(?ix)
        (?: \b(?:all\s+)?(?:(?:dollar|financial|monetary)\s+)?(?:figures|amounts|references|numbers|values)\b [^.;]{{0,30}}? \bare\s+(?:in|expressed\s+in|stated\s+in)
          | \b(?:expressed|presented|reported|stated)\s+in
          | \(\s*in )
        \s+ (?:thousands\s+of\s+|millions\s+of\s+)? (?:the\s+)? (?:{})",
        names.join("|")
    ))
    .unwrap_or_else(|e| unreachable!("currency regex: {e}"))
});

/// The ISO code of the currency `text` says its amounts are in, when that is not the US dollar.
pub fn foreign_currency(text: &str) -> Option<&'static str> {
    let found = STATEMENT.captures(text)?;
    CURRENCIES.iter().map(|(_, code)| *code).find(|code| found.name(code).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_about_the_documents_figures_names_the_currency() {
        assert_eq!(
            foreign_currency("Unless noted, every dollar amount here is stated in Canadian dollars."),
            Some("CAD")
        );
        assert_eq!(foreign_currency("All figures are in Canadian dollars (\"CAD\") unless noted."), Some("CAD"));
        assert_eq!(foreign_currency("Dollar amounts are expressed in CAD, except per-share data."), Some("CAD"));
        assert_eq!(foreign_currency("(In thousands of Canadian Dollars, except share data)"), Some("CAD"));
        assert_eq!(foreign_currency("Figures are presented in Australian dollars."), Some("AUD"));
        assert_eq!(foreign_currency("(in millions of euros)"), Some("EUR"));
        assert_eq!(foreign_currency("All financial references are in Canadian Dollars unless noted."), Some("CAD"));
        assert_eq!(foreign_currency("Monetary values are stated in Hong Kong dollars."), Some("HKD"));
    }

    #[test]
    fn us_dollars_and_passing_mentions_are_not_a_statement() {
        assert_eq!(foreign_currency("All amounts are in U.S. dollars unless otherwise stated."), None);
        assert_eq!(foreign_currency("(In thousands of US dollars)"), None);
        assert_eq!(foreign_currency("Shares closed at C$ 5.99; market cap C$ 512,148,061."), None);
        assert_eq!(foreign_currency("A credit facility denominated in Canadian dollars was repaid."), None);
    }
}
