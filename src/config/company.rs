//! `[[company]]`: the universe, one entry per company. A ticker, CIK or fiscal-year end that is
//! wrong would send requests for the wrong filer or date its quarters wrongly, so each is checked
//! here with the line it is on; press sources must be absolute http(s) URLs, and a page source's
//! CSS selector must parse, so a typo fails at start rather than as an empty crawl.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use super::value::At;
use crate::model::{Company, FilerKind, FiscalYearEnd, LabelOverride, PressSource};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCompany {
    ticker: Spanned<String>,
    name: String,
    cik: Spanned<toml::Value>,
    fiscal_year_end: Spanned<String>,
    filer: FilerKind,
    #[serde(default)]
    overrides: Vec<LabelOverride>,
    press: Option<Spanned<Vec<PressSource>>>,
}

/// Checks every `[[company]]`: tickers upper-cased and unique, CIKs and fiscal-year ends well
/// formed, press sources fetchable.
pub(super) fn validate(raw: Vec<RawCompany>, at: At) -> Result<Vec<Company>, ConfigError> {
    let mut companies: Vec<Company> = Vec::with_capacity(raw.len());
    for c in raw {
        let ticker = c.ticker.get_ref().trim().to_ascii_uppercase();
        if ticker.is_empty() || !ticker.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.') {
            return Err(at(c.ticker.span(), format!("malformed ticker {:?}", c.ticker.get_ref())));
        }
        if companies.iter().any(|known| known.ticker == ticker) {
            return Err(at(c.ticker.span(), format!("duplicate ticker {ticker}")));
        }
        let cik = parse_cik(c.cik.get_ref()).map_err(|m| at(c.cik.span(), m))?;
        let fiscal_year_end =
            parse_month_day(c.fiscal_year_end.get_ref()).map_err(|m| at(c.fiscal_year_end.span(), m))?;
        for o in &c.overrides {
            if o.pattern.trim().is_empty() || o.line.as_deref().is_some_and(|l| l.trim().is_empty()) {
                return Err(at(
                    c.ticker.span(),
                    format!("{ticker} overrides: an override needs a pattern, and a line, when given, a name"),
                ));
            }
        }
        let press = match c.press {
            Some(press) => {
                for source in press.get_ref() {
                    check_press_source(source).map_err(|m| at(press.span(), format!("{ticker} press: {m}")))?;
                }
                press.into_inner()
            }
            None => Vec::new(),
        };
        companies.push(Company {
            ticker,
            name: c.name,
            cik,
            fiscal_year_end,
            filer_kind: c.filer,
            overrides: c.overrides,
            press,
        });
    }
    Ok(companies)
}

fn parse_cik(value: &toml::Value) -> Result<u64, String> {
    let digits = match value {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => return Err(format!("malformed CIK {other}: expected up to 10 digits")),
    };
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("malformed CIK {value}: expected up to 10 digits"));
    }
    match digits.parse::<u64>() {
        Ok(0) | Err(_) => Err(format!("malformed CIK {value}: expected up to 10 digits")),
        Ok(cik) => Ok(cik),
    }
}

/// A press source needs an absolute http(s) URL, and a page source a CSS selector that parses.
fn check_press_source(source: &PressSource) -> Result<(), String> {
    let url = source.url();
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("malformed URL {url:?}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!("URL {url:?} is not an absolute http(s) URL"));
    }
    if let PressSource::Page { selector, .. } = source {
        scraper::Selector::parse(selector).map_err(|e| format!("malformed selector {selector:?} for {url}: {e}"))?;
    }
    Ok(())
}

fn parse_month_day(s: &str) -> Result<FiscalYearEnd, String> {
    let bad = || format!("malformed fiscal_year_end {s:?}: expected MM-DD, e.g. \"06-30\"");
    let (m, d) = s.split_once('-').ok_or_else(bad)?;
    let (month, day): (u32, u32) = (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    // 2024 is a leap year, so 02-29 is accepted.
    NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
    Ok(FiscalYearEnd { month, day })
}

#[cfg(test)]
mod tests {
    use super::super::{Config, UA, company_entry, refused};

    #[test]
    fn duplicate_ticker_names_its_line() {
        let text = format!("{UA}{}{}", company_entry("WULF", "1083301"), company_entry("wulf", "1"));
        assert_eq!(refused(&text), "test.toml:10: duplicate ticker WULF");
    }

    #[test]
    fn malformed_cik_names_its_line() {
        let text = format!("{UA}{}", company_entry("WULF", "\"10833O1\""));
        assert_eq!(refused(&text), "test.toml:6: malformed CIK \"10833O1\": expected up to 10 digits");
        let text = format!("{UA}{}", company_entry("WULF", "123456789012"));
        assert!(refused(&text).starts_with("test.toml:6: malformed CIK"));
    }

    #[test]
    fn unknown_field_names_its_line() {
        let text = format!("{UA}{}tickr = \"X\"\n", company_entry("WULF", "1"));
        let e = refused(&text);
        assert!(e.starts_with("test.toml:9: unknown field `tickr`"), "{e}");
    }

    #[test]
    fn fiscal_year_end_is_checked() {
        let text = format!("{UA}{}", company_entry("A", "1")).replace("12-31", "13-01");
        assert!(refused(&text).starts_with("test.toml:7: malformed fiscal_year_end"));
    }

    #[test]
    fn overrides_are_checked() {
        let with = |o: &str| format!("{UA}{}overrides = [{o}]\n", company_entry("A", "1"));
        assert!(
            Config::parse(&with(r#"{ pattern = "hdc", segment = "hpc", line = "Colocation" }"#), "t", None).is_ok()
        );
        let e = refused(&with(r#"{ pattern = "hdc", segment = "hpc", line = " " }"#));
        assert!(e.contains("A overrides: an override needs a pattern, and a line, when given, a name"), "{e}");
        let e = refused(&with(r#"{ pattern = "hdc", segment = "hpc", lines = "Colocation" }"#));
        assert!(e.contains("unknown field `lines`"), "{e}");
    }

    #[test]
    fn press_sources_are_checked() {
        let page = |url: &str, selector: &str| {
            format!(
                "{UA}{}press = [{{ kind = \"page\", url = \"{url}\", selector = \"{selector}\" }}]\n",
                company_entry("A", "1")
            )
        };
        assert!(Config::parse(&page("https://iren.com/news", "a.release"), "t", None).is_ok());
        let e = refused(&page("/news", "a"));
        assert!(e.starts_with("test.toml:9: A press: malformed URL \"/news\""), "{e}");
        let e = refused(&page("https://iren.com/news", "a[["));
        assert!(e.starts_with("test.toml:9: A press: malformed selector"), "{e}");
    }
}
