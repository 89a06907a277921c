//! `watch`: live mode. Each poll asks EDGAR's latest-filings feed of every watched form and every
//! press source, all with conditional GET, and runs the rest of the pipeline at once on what they
//! bring: a filing of a company in the universe has that company's EDGAR listing crawled (which
//! fetches only what is new, with the nightly run's rules), then extract, resolve, index, detect
//! and alert run within the same poll. Entries of other filers cost nothing beyond the feed.
//!
//! The watch shares the nightly run's store, rate limit rules and idempotency, and takes the run
//! lock per poll, so `ingest` can run beside it; it claims each company's crawl as a worker does,
//! so a company a worker is crawling is left to that worker. Its first poll crawls every company's listing
//! (a 304 each when nothing was missed), which catches up whatever appeared while it was down,
//! however long that was. Nothing is lost after that either: a company whose crawl failed is
//! crawled again at the next poll, announced or not; a feed read after a pause (its backoff) is
//! read back page by page to the newest filing seen before, and when it cannot get back there
//! every listing is crawled again; a feed's validators are saved only once the listings it
//! announced are stored (a press source failing does not hold them back), so a poll that failed
//! half-way sees the same entries again.
//!
//! With discovery on ([`Watch::discovering`]), the periodic filings the feeds list for filers
//! outside the universe are read too ([`super::discover`]) and raise candidates.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::discover::{self, Discovery};
use super::{PipelineError, RunSummary, claim_crawls, process, universe};
use crate::config::Config;
use crate::crawl::http::HttpClient;
use crate::crawl::latest::{self, Latest, LatestFiling, Seen};
use crate::crawl::{self, CrawlReport, PressClient};
use crate::lock::{Lock, LockError, RUN_LOCK_FILE};
use crate::model::Company;
use crate::store::{Lease, Store};

/// The forms watched unless told otherwise.
pub const DEFAULT_FORMS: [&str; 6] = ["8-K", "10-Q", "10-K", "6-K", "20-F", "40-F"];

/// Longest pause of a failing feed between tries.
const MAX_FEED_BACKOFF: Duration = Duration::from_secs(15 * 60);
/// How long the press hosts' robots.txt are kept before they are read again (RFC 9309: a day).
const ROBOTS_MAX_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// What one poll did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Poll {
    /// Companies whose listings the poll crawled: those the feeds announced and those whose
    /// last crawl failed (every company on the first poll), less any another process was crawling.
    pub companies: Vec<String>,
    /// Feeds that failed, with why (they back off; the others go on).
    pub failed_feeds: Vec<(String, String)>,
    /// What discovery read and raised (with discovery on).
    pub discovery: Option<Discovery>,
    /// The run the poll recorded; none when nothing new arrived.
    pub run: Option<RunSummary>,
    /// Another run (the nightly `ingest`) held the run lock, so this poll sent nothing: the two
    /// never crawl at once, and their requests stay within the one rate limit together.
    pub skipped_busy: bool,
}

/// The companies a poll crawls whatever the feeds announce.
#[derive(Debug, Clone, PartialEq, Eq)]
enum CatchUp {
    /// Every company: the first poll, or a feed that could not be read back to where it was seen.
    All,
    /// Those (by CIK) whose last crawl failed.
    Unfinished(BTreeSet<u64>),
}

/// A feed that failed: tried again no sooner than `next`.
#[derive(Debug, Clone, Copy)]
struct Backoff {
    failures: u32,
    next: Instant,
}

/// The live watch over one store.
#[derive(Debug)]
pub struct Watch<'a> {
    config: &'a Config,
    store: &'a Store,
    http: HttpClient,
    /// The press client and when it was made (its robots.txt cache expires with it).
    press: (PressClient, Instant),
    /// The watched forms, and how far back each one's feed was last read.
    feeds: Vec<(String, Seen)>,
    every: Duration,
    backoff: HashMap<String, Backoff>,
    polled: bool,
    catch_up: CatchUp,
    lease: Lease,
    discover: bool,
}

impl<'a> Watch<'a> {
    /// A watch of `forms` (none: [`DEFAULT_FORMS`]) polled every `every`.
    pub fn new(config: &'a Config, store: &'a Store, forms: &[String], every: Duration) -> Result<Self, PipelineError> {
        config.user_agent()?;
        let forms: Vec<String> = match forms {
            [] => DEFAULT_FORMS.iter().map(|f| f.to_string()).collect(),
            forms => forms.to_vec(),
        };
        let http = HttpClient::new(&config.crawl)?.paced_by(store.clone());
        Ok(Watch {
            config,
            store,
            press: (PressClient::new(&http, &config.crawl), Instant::now()),
            http,
            feeds: forms.into_iter().map(|f| (f, Seen::Nothing)).collect(),
            every,
            backoff: HashMap::new(),
            polled: false,
            catch_up: CatchUp::All,
            lease: Lease::for_this_process(config.store.lease),
            discover: false,
        })
    }

    /// Discovery on: the feeds of every periodic form are polled too, and the periodic filings
    /// of filers outside the universe are read for candidates.
    pub fn discovering(mut self) -> Self {
        for form in crawl::discover::PERIODIC_FORMS {
            if !self.feeds.iter().any(|(watched, _)| watched == form) {
                self.feeds.push((form.to_string(), Seen::Nothing));
            }
        }
        self.discover = true;
        self
    }

    /// One poll, under the run lock; skipped while another run holds it.
    pub async fn poll(&mut self) -> Result<Poll, PipelineError> {
        let _lock = match Lock::acquire(self.store.data_dir(), RUN_LOCK_FILE, "run") {
            Ok(lock) => lock,
            Err(LockError::Busy { .. }) => return Ok(Poll { skipped_busy: true, ..Poll::default() }),
            Err(e) => return Err(e.into()),
        };
        let _heartbeat = self.store.hold(&self.lease);
        let started = Instant::now();
        let mut poll = Poll::default();
        let mut read: Vec<(usize, Latest)> = Vec::new();
        let mut catch_up = self.catch_up.clone();
        for (i, (form, seen)) in self.feeds.clone().iter().enumerate() {
            let url = latest::feed_url(form);
            if self.backoff.get(&url).is_some_and(|b| b.next > Instant::now()) {
                continue;
            }
            let known = self.store.validators(&url, None).await?;
            match latest::read(&self.http, form, &known, seen).await {
                Ok(None) => {
                    self.backoff.remove(&url);
                }
                Ok(Some(feed)) => {
                    self.backoff.remove(&url);
                    if !feed.caught_up {
                        tracing::warn!(
                            url,
                            "the feed could not be read back to where it was seen; every listing is crawled"
                        );
                        catch_up = CatchUp::All;
                    }
                    read.push((i, feed));
                }
                Err(message) => {
                    tracing::warn!(url, "{message}");
                    self.back_off(&url);
                    poll.failed_feeds.push((url, message));
                }
            }
        }
        // The universe as it is now, so a company followed while the watch runs is watched.
        let universe = if self.polled {
            universe::read(self.config, self.store).await?
        } else {
            universe::adopt(self.config, self.store).await?
        };
        let announced: BTreeSet<u64> = read.iter().flat_map(|(_, feed)| feed.filings.iter().map(|f| f.cik)).collect();
        let wanted: Vec<Company> = match &catch_up {
            CatchUp::All => universe.companies.clone(),
            CatchUp::Unfinished(ciks) => universe
                .companies
                .iter()
                .filter(|c| ciks.contains(&c.cik) || announced.contains(&c.cik))
                .cloned()
                .collect(),
        };
        // Claimed as a worker claims them; one another process is crawling is left to it, and
        // crawled at the next poll in case it missed what was announced.
        let (companies, claims) = claim_crawls(self.store, &self.lease, &wanted).await?;
        let left: Vec<u64> = wanted.iter().filter(|c| !companies.contains(c)).map(|c| c.cik).collect();
        poll.companies = companies.iter().map(|c| c.ticker.clone()).collect();

        if self.press.1.elapsed() > ROBOTS_MAX_AGE {
            self.press = (PressClient::new(&self.http, &self.config.crawl), Instant::now());
        }
        let (config, store, http) = (&self.config.crawl, self.store, &self.http);
        let feeds_done = started.elapsed();
        let mut crawl = crawl::crawl_edgar(http, store, config, &companies, |_| {}).await?;
        for claim in &claims {
            store.crawled(claim, Duration::ZERO).await?;
        }
        if self.discover {
            let inside: HashSet<u64> = universe.companies.iter().map(|c| c.cik).collect();
            let listed: Vec<LatestFiling> = read.iter().flat_map(|(_, feed)| feed.filings.iter().cloned()).collect();
            let found = discover::discover(http, store, &inside, &listed).await?;
            // A filing that failed is tried again: its feed's validators are not saved, so it is
            // read again next poll.
            crawl.failures.extend(found.failures.iter().cloned());
            poll.discovery = Some(found);
        }
        let edgar_done = started.elapsed();
        self.catch_up = CatchUp::Unfinished(crawl.unfinished.iter().chain(&left).copied().collect());
        for (i, feed) in read {
            if crawl.failures.is_empty() {
                store.put_validators(&latest::feed_url(&self.feeds[i].0), &feed.validators, None).await?;
            }
            self.feeds[i].1 = feed.seen;
        }
        crawl.merge(crawl::crawl_press_with(&self.press.0, store, config, &universe.companies).await?);
        tracing::debug!(?feeds_done, ?edgar_done, press_done = ?started.elapsed(), "poll crawled");
        self.polled = true;
        if is_quiet(&crawl) && store.documents_pending_extraction().await?.is_empty() {
            return Ok(poll);
        }
        let run_id = store.start_run("watch", &self.lease).await?;
        poll.run = Some(process(&universe, store, http, &self.lease, run_id, &crawl, started).await?);
        tracing::debug!(total = ?started.elapsed(), "poll done");
        Ok(poll)
    }

    /// Gives back whatever this watch still holds claimed (a poll cut short by a stop).
    pub async fn give_back(&self) -> Result<(), PipelineError> {
        Ok(self.store.give_back(&self.lease.holder).await?)
    }

    /// Doubles a failing feed's pause, from one poll interval up to [`MAX_FEED_BACKOFF`].
    fn back_off(&mut self, url: &str) {
        let failures = self.backoff.get(url).map_or(1, |b| b.failures + 1);
        let pause = self.every.saturating_mul(1 << failures.min(10)).min(MAX_FEED_BACKOFF);
        self.backoff.insert(url.to_string(), Backoff { failures, next: Instant::now() + pause });
    }
}

fn is_quiet(crawl: &CrawlReport) -> bool {
    crawl.new_documents.is_empty() && crawl.failures.is_empty()
}
