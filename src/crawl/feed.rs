//! RSS 2.0 and Atom feeds → the releases they list (link, title, publish date).
//!
//! Newswires (GlobeNewswire RSS, Business Wire Atom) and IR sites publish a company's releases as
//! feeds. Only what the crawler needs is read: each item's link resolved against the feed URL,
//! its title and its publish date. A feed that is not well-formed XML — a body cut off mid-way,
//! an HTML error page served with a 200 — is an error naming the feed, never a silent empty list.

use std::borrow::Cow;

use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use reqwest::Url;

use super::dates;

/// One release a feed or listing page links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Absolute URL of the release.
    pub url: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

/// Why a feed could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum FeedError {
    #[error("{url}: malformed feed: {message}")]
    Malformed { url: String, message: String },
    #[error("{url}: not an RSS 2.0 or Atom feed (root element <{root}>)")]
    NotAFeed { url: String, root: String },
}

/// What a feed holds: its entries, and items it had to skip (no usable link), by title.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Feed {
    pub entries: Vec<Entry>,
    pub skipped: Vec<String>,
}

/// The item being read and the child element whose text is being collected.
#[derive(Debug, Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    guid: Option<String>,
    date: Option<String>,
}

/// Parses an RSS 2.0 (`<rss><channel><item>`) or Atom (`<feed><entry>`) document fetched from `url`.
pub fn parse(bytes: &[u8], url: &str) -> Result<Feed, FeedError> {
    let base = Url::parse(url).map_err(|e| FeedError::Malformed { url: url.to_string(), message: e.to_string() })?;
    let text = String::from_utf8_lossy(bytes);
    let malformed = |message: String| FeedError::Malformed { url: url.to_string(), message };
    let mut reader = Reader::from_str(&text);
    let mut open: Vec<String> = Vec::new();
    let mut item: Option<Item> = None;
    let mut field = String::new();
    let mut feed = Feed::default();
    let mut root: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| malformed(format!("at byte {}: {e}", reader.error_position())))?;
        match event {
            Event::Start(e) => {
                let name = local_name(&e);
                if root.is_none() {
                    check_root(url, &name)?;
                    root = Some(name.clone());
                }
                if matches!(name.as_str(), "item" | "entry") {
                    item = Some(Item::default());
                } else if let Some(current) = item.as_mut().filter(|_| name == "link") {
                    take_atom_link(&e, current);
                }
                field.clear();
                open.push(name);
            }
            Event::Empty(e) => {
                let name = local_name(&e);
                if root.is_none() {
                    check_root(url, &name)?;
                    root = Some(name.clone());
                }
                if let Some(current) = item.as_mut().filter(|_| name == "link") {
                    take_atom_link(&e, current);
                }
            }
            Event::Text(t) => field.push_str(&t.xml10_content()),
            Event::CData(t) => field.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let raw = format!("&{};", r.xml10_content());
                field.push_str(&quick_xml::escape::unescape(&raw).unwrap_or(Cow::Borrowed(raw.as_str())));
            }
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                let value = std::mem::take(&mut field).trim().to_string();
                match (item.as_mut(), name.as_str()) {
                    (Some(_), "item" | "entry") => {
                        if let Some(done) = item.take() {
                            push_item(&base, done, &mut feed);
                        }
                    }
                    (Some(current), "title") => current.title = Some(collapse(&value)),
                    (Some(current), "link") if !value.is_empty() => current.link = Some(value),
                    (Some(current), "guid" | "id") => current.guid = Some(value),
                    (Some(current), "pubDate" | "published" | "date") => current.date = Some(value),
                    (Some(current), "updated") if current.date.is_none() => current.date = Some(value),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (root, open.last()) {
        (None, _) => Err(malformed("no root element".into())),
        (Some(_), Some(unclosed)) => Err(malformed(format!("ends inside <{unclosed}> (cut off?)"))),
        (Some(_), None) => Ok(feed),
    }
}

fn check_root(url: &str, name: &str) -> Result<(), FeedError> {
    match name {
        "rss" | "feed" | "RDF" => Ok(()),
        other => Err(FeedError::NotAFeed { url: url.to_string(), root: other.to_string() }),
    }
}

fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// Atom's `<link href rel="alternate">` (a missing rel means alternate).
fn take_atom_link(e: &BytesStart<'_>, item: &mut Item) {
    let mut href = None;
    let mut rel = None;
    for attr in e.attributes().flatten() {
        let value = attr.normalized_value(XmlVersion::Implicit1_0).map(Cow::into_owned).ok();
        match attr.key.local_name().as_ref() {
            "href" => href = value,
            "rel" => rel = value,
            _ => {}
        }
    }
    if rel.as_deref().is_none_or(|r| r == "alternate") && item.link.is_none() {
        item.link = href;
    }
}

/// Resolves the item's link (or a permalink guid) and adds it, or records it as skipped.
fn push_item(base: &Url, item: Item, feed: &mut Feed) {
    let target = item.link.or(item.guid.filter(|g| g.starts_with("http")));
    let url = target.and_then(|t| base.join(&t).ok()).filter(|u| matches!(u.scheme(), "http" | "https"));
    match url {
        Some(url) => feed.entries.push(Entry {
            url: url.to_string(),
            title: item.title.filter(|t| !t.is_empty()),
            published: item.date.as_deref().and_then(dates::parse_timestamp),
        }),
        None => feed.skipped.push(item.title.unwrap_or_else(|| "(untitled)".into())),
    }
}

/// Whitespace runs → one space.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED_URL: &str = "https://www.globenewswire.com/RssFeed/organization/abc==";

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn rss_items_with_cdata_entities_and_rfc_2822_dates() {
        let rss = br#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>
<link>https://www.globenewswire.com/</link>
<item><guid isPermaLink="false">3129999</guid>
<link>https://www.globenewswire.com/news-release/2026/08/06/3129999/0/en/Q2.html</link>
<title><![CDATA[TeraWulf Reports Second Quarter 2026 Results]]></title>
<pubDate>Thu, 06 Aug 2026 20:05 GMT</pubDate></item>
<item><title>Fluidstack &amp; TeraWulf Expand &#8220;Lake Mariner&#8221;</title>
<link>/news-release/2026/07/01/1/0/en/x.html</link><dc:date>2026-07-01T12:00:00Z</dc:date></item>
</channel></rss>"#;
        let feed = parse(rss, FEED_URL).unwrap();
        assert_eq!(
            feed.entries,
            vec![
                Entry {
                    url: "https://www.globenewswire.com/news-release/2026/08/06/3129999/0/en/Q2.html".into(),
                    title: Some("TeraWulf Reports Second Quarter 2026 Results".into()),
                    published: d(2026, 8, 6),
                },
                Entry {
                    url: "https://www.globenewswire.com/news-release/2026/07/01/1/0/en/x.html".into(),
                    title: Some("Fluidstack & TeraWulf Expand \u{201c}Lake Mariner\u{201d}".into()),
                    published: d(2026, 7, 1),
                },
            ]
        );
        assert!(feed.skipped.is_empty());
    }

    #[test]
    fn atom_entries_with_alternate_links_and_rfc_3339_dates() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Core Scientific</title><updated>2026-05-06T20:05:00Z</updated>
<entry><title type="html">Core Scientific Announces
  First Quarter 2026 Results</title>
<link rel="enclosure" href="https://example.com/logo.png"/>
<link href="https://www.businesswire.com/news/home/20260506/en/Q1"/>
<id>tag:businesswire.com,2026:20260506</id>
<updated>2026-05-07T01:00:00Z</updated><published>2026-05-06T16:05:00-04:00</published></entry>
<entry><title>No date</title><link rel="alternate" href="release.html"/></entry>
</feed>"#;
        let feed = parse(atom, "https://feed.businesswire.com/atom/core.xml?lang=en").unwrap();
        assert_eq!(feed.entries.len(), 2);
        assert_eq!(feed.entries[0].url, "https://www.businesswire.com/news/home/20260506/en/Q1");
        assert_eq!(feed.entries[0].title.as_deref(), Some("Core Scientific Announces First Quarter 2026 Results"));
        assert_eq!(feed.entries[0].published, d(2026, 5, 6), "published wins over updated");
        assert_eq!(feed.entries[1].url, "https://feed.businesswire.com/atom/release.html", "relative to the feed");
        assert_eq!(feed.entries[1].published, None);
    }

    #[test]
    fn an_empty_feed_is_empty_and_an_item_without_link_is_skipped() {
        let empty = parse(b"<rss version=\"2.0\"><channel><title>x</title></channel></rss>", FEED_URL).unwrap();
        assert_eq!(empty, Feed::default());
        let linkless = parse(b"<rss><channel><item><title>Orphan</title></item></channel></rss>", FEED_URL).unwrap();
        assert_eq!(linkless.skipped, ["Orphan"]);
    }

    #[test]
    fn malformed_feeds_name_the_feed() {
        let cut = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Half";
        let e = parse(cut, FEED_URL).unwrap_err();
        assert!(matches!(&e, FeedError::Malformed { url, .. } if url == FEED_URL), "{e}");
        assert!(e.to_string().contains("cut off"), "{e}");
        let mismatched = parse(b"<rss><channel><item></channel></rss>", FEED_URL).unwrap_err();
        assert!(mismatched.to_string().starts_with(FEED_URL), "{mismatched}");
        let html = parse(b"<html><body>Service unavailable</body></html>", FEED_URL).unwrap_err();
        assert_eq!(html, FeedError::NotAFeed { url: FEED_URL.into(), root: "html".into() });
        assert!(parse(b"", FEED_URL).is_err());
        assert!(parse(b"not xml at all", FEED_URL).is_err());
    }
}
