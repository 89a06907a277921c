//! An investor-relations listing page → the releases it links to.
//!
//! IR sites have no feed more often than not, only a page of links. The company's entry in
//! `companies.toml` names the links with a CSS selector; each one's `href` is resolved against the
//! page URL, its text is the title, and the date comes from a `<time datetime>` or a written date
//! in the link's own enclosing elements (the list item or table row it sits in): the walk up stops
//! at the first ancestor that holds another release link, whose dates belong to other releases.
//! The page is parsed by the one HTML reader (`extract::html`), within its nesting budget: a page
//! nested thousands deep is an error, not minutes of work.

use reqwest::Url;
use scraper::{ElementRef, Selector};

use super::dates;
use super::feed::{Entry, collapse};
use crate::extract::html;

/// The releases the page at `url` links to with `selector`, in page order.
/// A selector that does not parse, or a page nested past the HTML reader's budget, is an error;
/// a selector that matches nothing is an empty list.
pub fn parse(bytes: &[u8], url: &str, selector: &str) -> Result<Vec<Entry>, String> {
    let base = Url::parse(url).map_err(|e| e.to_string())?;
    let selector = Selector::parse(selector).map_err(|e| format!("selector {selector:?}: {e}"))?;
    let time = Selector::parse("time[datetime]").map_err(|e| e.to_string())?;
    let page = html::tree(bytes, None).map_err(|e| e.to_string())?;
    Ok(page
        .select(&selector)
        .filter_map(|link| {
            let href = link.value().attr("href")?;
            let target = base.join(href.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
            let title = collapse(&link.text().collect::<String>());
            Some(Entry {
                url: target.to_string(),
                title: (!title.is_empty()).then_some(title),
                published: published_near(link, &selector, &time),
            })
        })
        .collect())
}

/// The date in the link itself or in the closest enclosing element that has one and holds no
/// other release link.
fn published_near(link: ElementRef<'_>, links: &Selector, time: &Selector) -> Option<chrono::NaiveDate> {
    let own = link.ancestors().filter_map(ElementRef::wrap).take_while(|scope| scope.select(links).count() <= 1);
    std::iter::once(link).chain(own).find_map(|scope| {
        let from_time = scope.select(time).find_map(|t| t.value().attr("datetime").and_then(dates::parse_timestamp));
        from_time.or_else(|| dates::find_in_text(&scope.text().collect::<Vec<_>>().join(" ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = "https://iren.com/investors/news-releases";

    #[test]
    fn links_are_resolved_and_dated_from_time_or_text() {
        let html = br#"<html><body><ul class="news">
<li><time datetime="2026-04-14T08:00:00+10:00">14 April 2026</time>
  <a class="release" href="/news/iren-q3-fy26">IREN Reports  Q3 FY26 Results</a></li>
<li><span class="date">March 9, 2026</span> <a class="release" href="monthly-update-feb-2026.html">February Update</a></li>
<li><a class="release" href="https://cdn.iren.com/deck.pdf">Investor deck</a></li>
<li><a class="other" href="/careers">Careers</a></li>
<li><a class="release">No href</a></li>
</ul></body></html>"#;
        let entries = parse(html, PAGE, "ul.news a.release").unwrap();
        let got: Vec<_> = entries.iter().map(|e| (e.url.as_str(), e.title.as_deref(), e.published)).collect();
        assert_eq!(
            got,
            [
                (
                    "https://iren.com/news/iren-q3-fy26",
                    Some("IREN Reports Q3 FY26 Results"),
                    NaiveDate::from_ymd_opt(2026, 4, 14)
                ),
                (
                    "https://iren.com/investors/monthly-update-feb-2026.html",
                    Some("February Update"),
                    NaiveDate::from_ymd_opt(2026, 3, 9)
                ),
                ("https://cdn.iren.com/deck.pdf", Some("Investor deck"), None),
            ]
        );
    }

    /// Found by fuzzing (issue 13.19): 20,000 nested `<div>`s took 9 s in the listing parser.
    #[test]
    fn a_listing_page_nested_twenty_thousand_deep_is_refused() {
        let page = format!("{}<a href=\"/news/x\">x</a>{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let refused = parse(page.as_bytes(), PAGE, "a").unwrap_err();
        assert!(
            refused.starts_with("elements nested ") && refused.ends_with(" deep, beyond the 512-deep limit"),
            "{refused}"
        );
    }

    #[test]
    fn a_bad_selector_is_an_error_and_no_match_is_empty() {
        assert!(parse(b"<a href=x>x</a>", PAGE, "a[[").is_err());
        assert_eq!(parse(b"<p>nothing</p>", PAGE, "a.release").unwrap(), []);
    }
}
