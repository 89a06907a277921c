//! A live morning on the replay server: filings and releases that appear one by one.
//!
//! A timeline file (TOML) lists events, each at an offset from the moment the clock starts. Until
//! then an event's paths answer 404 (`hide`, and the folder of its `filing`), other paths answer
//! with another file (`before`, relative to the timeline file: a submissions JSON or a press feed
//! without the new entry), and
//! its filing is absent from EDGAR's latest-filings feed, which the server builds from the
//! events revealed so far (`/cgi-bin/browse-edgar?action=getcurrent&type=FORM`).
//!
//! ```toml
//! [[event]]
//! at_secs = 5
//! filing = { form = "10-Q", cik = 1083301, company = "TERAWULF INC.", accession = "0001083301-26-000031" }
//! before = { "submissions/CIK0001083301.json" = "timeline/CIK0001083301.before.json" }
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;

/// The events of a replayed morning, in the order they appear.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    #[serde(default, rename = "event")]
    events: Vec<Event>,
    /// The folder `before` files are named relative to.
    #[serde(skip)]
    dir: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    at_secs: f64,
    #[serde(default)]
    filing: Option<Filing>,
    #[serde(default)]
    release: Option<Release>,
    /// Path prefixes (relative to the served folder) that answer 404 until the event.
    #[serde(default)]
    hide: Vec<String>,
    /// Path → the file served at that path until the event.
    #[serde(default)]
    before: BTreeMap<String, String>,
}

/// A filing as the latest-filings feed announces it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filing {
    pub form: String,
    pub cik: u64,
    pub company: String,
    pub accession: String,
    /// The period its figures end (EDGAR's `reportDate`; an 8-K's is its date).
    #[serde(default)]
    pub report_period: Option<chrono::NaiveDate>,
}

/// A press release as the morning's log shows it (its page and feed are `hide` and `before`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub ticker: String,
    pub title: String,
    pub published: chrono::NaiveDate,
}

impl Filing {
    /// The filing's folder under the served root.
    fn folder(&self) -> String {
        format!("Archives/edgar/data/{}/{}/", self.cik, self.accession.replace('-', ""))
    }
}

/// What a path is at a moment of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Not published yet: 404.
    Hidden,
    /// Served from this other file for now.
    Instead(PathBuf),
    /// As the folder has it.
    AsIs,
}

impl Timeline {
    /// Reads a timeline file; an unreadable one is an error naming it.
    pub fn load(path: &Path) -> Result<Timeline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut timeline: Timeline = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(bad) = timeline.events.iter().find(|e| !(e.at_secs >= 0.0 && e.at_secs.is_finite())) {
            return Err(format!("{}: at_secs must be 0 or more, got {}", path.display(), bad.at_secs));
        }
        timeline.events.sort_by(|a, b| a.at_secs.total_cmp(&b.at_secs));
        timeline.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(timeline)
    }

    /// When each filing appears, from the start of the clock.
    pub fn filings(&self) -> impl Iterator<Item = (Duration, &Filing)> {
        self.events.iter().filter_map(|e| Some((Duration::from_secs_f64(e.at_secs), e.filing.as_ref()?)))
    }

    /// When each release appears, from the start of the clock.
    pub fn releases(&self) -> impl Iterator<Item = (Duration, &Release)> {
        self.events.iter().filter_map(|e| Some((Duration::from_secs_f64(e.at_secs), e.release.as_ref()?)))
    }

    /// What `path` (relative to the root) is `elapsed` after the clock started (`None`: not yet).
    pub fn view(&self, path: &str, elapsed: Option<Duration>) -> View {
        let mut pending = self.events.iter().filter(|e| elapsed.is_none_or(|t| t.as_secs_f64() < e.at_secs));
        let path = path.trim_start_matches('/');
        pending
            .find_map(|e| {
                let folder = e.filing.as_ref().map(Filing::folder);
                if e.hide.iter().chain(&folder).any(|prefix| path.starts_with(prefix.trim_start_matches('/'))) {
                    return Some(View::Hidden);
                }
                e.before.get(path).map(|file| View::Instead(self.dir.join(file)))
            })
            .unwrap_or(View::AsIs)
    }

    /// EDGAR's latest-filings Atom feed of `form` and its amendments (all forms when empty) as it stands `elapsed`
    /// after `started`: the revealed filings, newest first, the page of `page.count` entries that
    /// starts `page.start` entries after the newest.
    pub fn latest_feed(&self, form: &str, started: DateTime<Utc>, elapsed: Option<Duration>, page: FeedPage) -> String {
        let revealed = self.filings().filter(|(at, _)| elapsed.is_some_and(|t| *at <= t));
        let mut entries: Vec<String> = revealed
            .filter(|(_, f)| form.is_empty() || is_form_or_amendment(&f.form, form))
            .map(|(at, f)| {
                let updated = (started + at).to_rfc3339_opts(SecondsFormat::Secs, true);
                format!(
                    "<entry>\n<title>{form} - {company} ({cik:010}) (Filer)</title>\n\
                     <link rel=\"alternate\" type=\"text/html\" href=\"https://www.sec.gov/{folder}{accession}-index.htm\"/>\n\
                     <updated>{updated}</updated>\n\
                     <category scheme=\"https://www.sec.gov/\" label=\"form type\" term=\"{form}\"/>\n\
                     <id>urn:tag:sec.gov,2008:accession-number={accession}</id>\n</entry>\n",
                    form = escape(&f.form),
                    company = escape(&f.company),
                    cik = f.cik,
                    folder = f.folder(),
                    accession = escape(&f.accession),
                )
            })
            .collect();
        entries.reverse();
        let entries: Vec<String> = entries.into_iter().skip(page.start).take(page.count).collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
             <title>Latest Filings</title>\n<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>\n{}</feed>\n",
            entries.concat()
        )
    }
}

/// Whether `filed` is `form` or its amendment: the feed of 10-Q lists 10-Q/A too.
fn is_form_or_amendment(filed: &str, form: &str) -> bool {
    let base = filed.strip_suffix("/A").unwrap_or(filed);
    base.eq_ignore_ascii_case(form) || filed.eq_ignore_ascii_case(form)
}

/// Which entries of the latest-filings feed a request asks for (`start=`, `count=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedPage {
    pub start: usize,
    pub count: usize,
}

impl FeedPage {
    /// The most entries EDGAR puts on one page, and how many it gives when not asked.
    const MAX_COUNT: usize = 100;
    const DEFAULT_COUNT: usize = 40;

    /// The page a request's query asks for, as EDGAR reads it: from the newest, 40 entries
    /// unless told, at most 100.
    pub fn of_query(start: Option<&str>, count: Option<&str>) -> FeedPage {
        let number = |v: Option<&str>| v.and_then(|v| v.parse::<usize>().ok());
        FeedPage {
            start: number(start).unwrap_or(0),
            count: number(count).unwrap_or(Self::DEFAULT_COUNT).min(Self::MAX_COUNT),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::{feed, latest};

    const TIMELINE: &str = r#"
[[event]]
at_secs = 5
filing = { form = "10-Q", cik = 1083301, company = "TERAWULF INC. & CO", accession = "0001083301-26-000031" }
before = { "submissions/CIK0001083301.json" = "timeline/CIK0001083301.before.json" }

[[event]]
at_secs = 2
hide = ["www.globenewswire.com/news-release/2026/05/08/"]
"#;

    fn timeline() -> Timeline {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.toml");
        std::fs::write(&path, TIMELINE).unwrap();
        let mut timeline = Timeline::load(&path).unwrap();
        assert_eq!(timeline.dir, dir.path());
        timeline.dir = PathBuf::from("/live");
        timeline
    }

    #[test]
    fn paths_are_hidden_or_replaced_until_their_event() {
        let t = timeline();
        let folder = "/Archives/edgar/data/1083301/000108330126000031/wulf-20260331.htm";
        let release = "/www.globenewswire.com/news-release/2026/05/08/1/0/en/x.html";
        let submissions = "/submissions/CIK0001083301.json";
        let at = |secs: u64| Some(Duration::from_secs(secs));
        assert_eq!(t.view(folder, None), View::Hidden);
        assert_eq!(t.view(folder, at(4)), View::Hidden);
        assert_eq!(t.view(folder, at(5)), View::AsIs);
        assert_eq!(t.view(release, at(1)), View::Hidden);
        assert_eq!(t.view(release, at(2)), View::AsIs);
        assert_eq!(t.view(submissions, at(4)), View::Instead("/live/timeline/CIK0001083301.before.json".into()));
        assert_eq!(t.view(submissions, at(6)), View::AsIs);
        assert_eq!(t.view("/submissions/CIK0000000001.json", None), View::AsIs);
    }

    #[test]
    fn the_latest_filings_feed_lists_what_is_revealed_as_edgar_does() {
        let t = timeline();
        let started = DateTime::parse_from_rfc3339("2026-05-08T12:00:00Z").unwrap().with_timezone(&Utc);
        let url = latest::feed_url("10-Q");
        let read = |elapsed: u64, form: &str| {
            let page = FeedPage::of_query(None, Some("100"));
            let atom = t.latest_feed(form, started, Some(Duration::from_secs(elapsed)), page);
            latest::filings(&feed::parse(atom.as_bytes(), &url).unwrap())
        };
        assert!(read(4, "10-Q").is_empty());
        let want = latest::LatestFiling {
            form: "10-Q".into(),
            cik: 1083301,
            accession: "0001083301-26-000031".into(),
            company: "TERAWULF INC. & CO".into(),
        };
        assert_eq!(read(5, "10-Q"), std::slice::from_ref(&want));
        assert_eq!(read(5, ""), [want]);
        assert!(read(5, "8-K").is_empty());
        let second_page = FeedPage::of_query(Some("1"), Some("100"));
        let atom = t.latest_feed("10-Q", started, Some(Duration::from_secs(5)), second_page);
        assert!(latest::filings(&feed::parse(atom.as_bytes(), &url).unwrap()).is_empty(), "one filing is one page");
    }

    #[test]
    fn a_feed_page_is_read_from_the_query_as_edgar_reads_it() {
        assert_eq!(FeedPage::of_query(None, None), FeedPage { start: 0, count: 40 });
        assert_eq!(FeedPage::of_query(Some("200"), Some("100")), FeedPage { start: 200, count: 100 });
        assert_eq!(FeedPage::of_query(Some("x"), Some("500")), FeedPage { start: 0, count: 100 });
    }

    #[test]
    fn a_bad_timeline_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.toml");
        std::fs::write(&path, "[[event]]\nat_secs = -1\n").unwrap();
        assert!(Timeline::load(&path).unwrap_err().contains("t.toml: at_secs must be 0 or more"));
        std::fs::write(&path, "[[event]]\nwhen = 1\n").unwrap();
        assert!(Timeline::load(&path).unwrap_err().contains("t.toml"));
    }
}
