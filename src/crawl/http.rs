//! The polite HTTP client every source shares.
//!
//! SEC fair access asks for a User-Agent with a contact and at most 10 requests per second in
//! total, so one global limiter spaces every attempt (retries included). Transient failures
//! (429, 5xx, timeouts, cut-off bodies) are retried with exponential backoff and jitter,
//! honouring `Retry-After`; listings use conditional GET so a quiet night costs one 304.
//! Press sources live on many hosts that publish no limit, so their client (`for_press`) spaces
//! requests per host instead, and can route every host through one replay server.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG, HeaderMap, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::pace::Pace;
use crate::config::{CrawlConfig, DEFAULT_ARCHIVES_BASE, DEFAULT_DATA_BASE};
use crate::store::Validators;

/// Spacing safety margin: the limiter aims 5% under the configured rate, so that a request sent
/// up to [`LATE_LIMIT`] after its slot still lands in no second with more than the rate's count.
const RATE_MARGIN: f64 = 1.05;

/// Longest a request may be sent after its shared slot: eleven slots at a 10/s limit span 1.05
/// s, so one sent up to 50 ms late still has ten others at most within a second of it. A process
/// that wakes later than that (a busy machine) takes a new slot instead.
const LATE_LIMIT: Duration = Duration::from_millis(50);

/// How many slots a process that keeps waking late takes before it sends anyway.
const MAX_SLOTS_PER_REQUEST: u32 = 5;
/// First retry waits about this long; each further retry doubles it.
const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// Longest `Retry-After` waited out within a run (beyond `max_backoff` if need be); a server
/// asking for longer is left alone until the next run.
pub const RETRY_AFTER_CEILING: Duration = Duration::from_secs(15 * 60);

/// A request that did not yield a usable response, naming the URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: body larger than the {limit}-byte cap")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: gave up after {attempts} attempts: {last}")]
    GaveUp { url: String, attempts: u32, last: String },
    #[error("{url}: {message}")]
    Request { url: String, message: String },
    #[error("{url}: the server asks to wait {} s (Retry-After), longer than {} s; left for the next run", wait.as_secs(), RETRY_AFTER_CEILING.as_secs())]
    Deferred { url: String, wait: Duration },
    #[error("no User-Agent with a contact e-mail configured (SEC fair access)")]
    NoUserAgent,
    #[error("building the HTTP client: {0}")]
    Client(reqwest::Error),
}

impl HttpError {
    /// Whether asking again cannot help: the server says the document is not there (404, 410).
    pub fn is_permanent(&self) -> bool {
        matches!(self, HttpError::Status { status: 404 | 410, .. })
    }
}

/// What a GET produced.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the validators still hold.
    NotModified,
    Body(Body),
}

/// A complete, size-checked response body.
#[derive(Debug)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
}

/// Counters shared by every request of a run.
#[derive(Debug, Default)]
pub struct HttpStats {
    pub requests: AtomicU64,
    pub not_modified: AtomicU64,
    pub retries: AtomicU64,
    pub bytes: AtomicU64,
}

/// Spaces request starts at least `interval` apart, across all tasks, and with a shared pace
/// across every process sharing it.
#[derive(Debug)]
struct RateLimiter {
    interval: Duration,
    next: Mutex<Instant>,
    /// The shared pace and the name whose slots every process takes in turn.
    shared: Option<(Arc<dyn Pace>, String)>,
}

impl RateLimiter {
    /// `per_second` is validated by the config; anything outside (0, ∞) waits a day between requests.
    fn new(per_second: f64, shared: Option<(Arc<dyn Pace>, String)>) -> RateLimiter {
        let interval = Duration::try_from_secs_f64(RATE_MARGIN / per_second)
            .unwrap_or(Duration::MAX)
            .min(Duration::from_secs_f64(crate::config::MAX_SECONDS));
        RateLimiter { interval, next: Mutex::new(Instant::now()), shared }
    }

    async fn acquire(&self) {
        let mut next = self.next.lock().await;
        tokio::time::sleep_until(*next).await;
        if let Some((pace, name)) = &self.shared {
            // The wait counts from when the slot was asked for: sleeping it after the answer
            // would send each request late by its own round trip to the store, and two
            // requests late by unequal round trips closer together than the interval.
            for _ in 0..MAX_SLOTS_PER_REQUEST {
                let asked = Instant::now();
                match pace.next_slot(name, self.interval).await {
                    Ok(wait) => {
                        let slot = asked + wait;
                        tokio::time::sleep_until(slot).await;
                        if slot.elapsed() <= LATE_LIMIT {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!("shared request pace {name}: {e}; spacing this process's requests only");
                        break;
                    }
                }
            }
        }
        *next = Instant::now() + self.interval;
    }
}

/// One limiter for every request, or one per host.
#[derive(Debug, Clone)]
enum Limits {
    Global(Arc<RateLimiter>),
    PerHost {
        per_second: f64,
        shared: Option<Arc<dyn Pace>>,
        hosts: Arc<std::sync::Mutex<HashMap<String, Arc<RateLimiter>>>>,
    },
}

impl Limits {
    /// The limiter for `url`'s host (unparsable URLs share one, keyed by the empty host).
    fn for_url(&self, url: &str) -> Arc<RateLimiter> {
        match self {
            Limits::Global(limiter) => Arc::clone(limiter),
            Limits::PerHost { per_second, shared, hosts } => {
                let host = reqwest::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase));
                let host = host.unwrap_or_default();
                let mut hosts = hosts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                let limiter = hosts.entry(host.clone()).or_insert_with(|| {
                    let shared = shared.clone().map(|pace| (pace, format!("host {host}")));
                    Arc::new(RateLimiter::new(*per_second, shared))
                });
                Arc::clone(limiter)
            }
        }
    }
}

/// The shared client: cheap to clone.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    limits: Limits,
    /// When set, `https://host/path?q` is requested as `{base}/host/path?q`.
    route_base: Option<String>,
    stats: Arc<HttpStats>,
    max_body_bytes: u64,
    max_attempts: u32,
    max_backoff: Duration,
    /// (canonical prefix, where to fetch it instead), e.g. EDGAR → the replay server.
    rewrites: Arc<Vec<(String, String)>>,
    /// The shared pace that limits this client, when processes share the crawl.
    pace: Option<Arc<dyn Pace>>,
    rate_per_second: f64,
}

/// One attempt's failure: worth retrying, or final.
enum AttemptError {
    Transient { message: String, retry_after: Option<Duration> },
    Final(HttpError),
}

impl HttpClient {
    pub fn new(config: &CrawlConfig) -> Result<HttpClient, HttpError> {
        let client = reqwest::Client::builder()
            .user_agent(config.user_agent.as_deref().ok_or(HttpError::NoUserAgent)?)
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .gzip(true)
            .build()
            .map_err(HttpError::Client)?;
        Ok(HttpClient {
            client,
            limits: Limits::Global(Arc::new(RateLimiter::new(config.rate_per_second, None))),
            route_base: None,
            stats: Arc::new(HttpStats::default()),
            max_body_bytes: config.max_body_bytes,
            max_attempts: config.max_attempts,
            max_backoff: config.max_backoff,
            rewrites: Arc::new(rewrites(config)),
            pace: None,
            rate_per_second: config.rate_per_second,
        })
    }

    /// This client with its limits held by `pace` for the sum of every process sharing it: the
    /// configured rate for EDGAR, and the press rate per host. A shared slot per limit rather than
    /// a crawl leader elected by lock: any process may crawl, and one that dies stalls nobody.
    pub fn paced_by(self, pace: impl Pace + 'static) -> HttpClient {
        let pace: Arc<dyn Pace> = Arc::new(pace);
        let shared = Some((Arc::clone(&pace), "edgar".to_string()));
        HttpClient {
            limits: Limits::Global(Arc::new(RateLimiter::new(self.rate_per_second, shared))),
            pace: Some(pace),
            ..self
        }
    }

    /// The press client: the same connection pool and counters, but `per_second` requests per
    /// host (not one global limit), and every URL routed through `route_base` when it is set.
    pub fn for_press(&self, per_second: f64, route_base: Option<&str>) -> HttpClient {
        HttpClient {
            limits: Limits::PerHost { per_second, shared: self.pace.clone(), hosts: Arc::default() },
            route_base: route_base.map(str::to_string),
            ..self.clone()
        }
    }

    pub fn stats(&self) -> &HttpStats {
        &self.stats
    }

    /// A conditional GET of a listing: `NotModified` when `validators` still hold.
    pub async fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched, HttpError> {
        self.request(url, validators, None).await
    }

    /// An unconditional GET of a document. When `expected_size` is known (EDGAR's index.json
    /// lists it) a body of another length counts as cut off and is retried.
    pub async fn fetch(&self, url: &str, expected_size: Option<u64>) -> Result<Body, HttpError> {
        match self.request(url, None, expected_size).await? {
            Fetched::Body(body) => Ok(body),
            Fetched::NotModified => Err(HttpError::Status { url: url.to_string(), status: 304 }),
        }
    }

    async fn request(
        &self,
        url: &str,
        validators: Option<&Validators>,
        expected_size: Option<u64>,
    ) -> Result<Fetched, HttpError> {
        let mut last = String::new();
        let limiter = self.limits.for_url(url);
        let target = self.route(url)?;
        for attempt in 1..=self.max_attempts {
            limiter.acquire().await;
            self.stats.requests.fetch_add(1, Ordering::Relaxed);
            match self.attempt(url, &target, validators, expected_size).await {
                Ok(fetched) => return Ok(fetched),
                Err(AttemptError::Final(e)) => return Err(e),
                Err(AttemptError::Transient { retry_after: Some(wait), .. }) if wait > RETRY_AFTER_CEILING => {
                    return Err(HttpError::Deferred { url: url.to_string(), wait });
                }
                Err(AttemptError::Transient { message, retry_after }) => {
                    tracing::warn!(url, attempt, "{message}");
                    last = message;
                    if attempt < self.max_attempts {
                        self.stats.retries.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(self.backoff(attempt, retry_after)).await;
                    }
                }
            }
        }
        Err(HttpError::GaveUp { url: url.to_string(), attempts: self.max_attempts, last })
    }

    /// The URL actually requested: `url` routed through `route_base` (press), or its EDGAR
    /// prefix rewritten (`locate`).
    fn route(&self, url: &str) -> Result<String, HttpError> {
        let Some(base) = &self.route_base else { return Ok(self.locate(url)) };
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| HttpError::Request { url: url.to_string(), message: e.to_string() })?;
        let host = parsed.host_str().unwrap_or_default();
        let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
        let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
        Ok(format!("{base}/{host}{port}{}{query}", parsed.path()))
    }

    /// One attempt at `target`; errors name `url`, the address the caller knows.
    async fn attempt(
        &self,
        url: &str,
        target: &str,
        validators: Option<&Validators>,
        expected_size: Option<u64>,
    ) -> Result<Fetched, AttemptError> {
        let mut request = self.client.get(target);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.header(IF_MODIFIED_SINCE, date);
            }
        }
        let mut response = request.send().await.map_err(|e| transient_or_final(url, e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            self.stats.not_modified.fetch_add(1, Ordering::Relaxed);
            return Ok(Fetched::NotModified);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Err(AttemptError::Transient {
                message: format!("HTTP {}", status.as_u16()),
                retry_after: retry_after(response.headers()),
            });
        }
        if !status.is_success() {
            return Err(AttemptError::Final(HttpError::Status { url: url.to_string(), status: status.as_u16() }));
        }
        let too_large =
            || AttemptError::Final(HttpError::TooLarge { url: url.to_string(), limit: self.max_body_bytes });
        if response.content_length().is_some_and(|n| n > self.max_body_bytes) {
            return Err(too_large());
        }
        let content_type = header(response.headers(), CONTENT_TYPE);
        let validators = Validators {
            etag: header(response.headers(), ETAG),
            last_modified: header(response.headers(), LAST_MODIFIED),
        };
        let mut bytes = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
        while let Some(chunk) = response.chunk().await.map_err(|e| AttemptError::Transient {
            message: format!("body cut off after {} bytes: {e}", bytes.len()),
            retry_after: None,
        })? {
            if bytes.len() as u64 + chunk.len() as u64 > self.max_body_bytes {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        if let Some(expected) = expected_size.filter(|&n| n != bytes.len() as u64) {
            return Err(AttemptError::Transient {
                message: format!("body cut off: {} of {expected} bytes", bytes.len()),
                retry_after: None,
            });
        }
        self.stats.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(Fetched::Body(Body { bytes, content_type, validators }))
    }

    /// Where a canonical URL is actually fetched from.
    fn locate(&self, url: &str) -> String {
        self.rewrites
            .iter()
            .find_map(|(from, to)| url.strip_prefix(from.as_str()).map(|rest| format!("{to}{rest}")))
            .unwrap_or_else(|| url.to_string())
    }

    /// Exponential backoff with jitter (half to full of the step) up to `max_backoff`, or the
    /// server's `Retry-After` when that is longer (the caller defers anything past the ceiling).
    fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let step = BACKOFF_BASE.saturating_mul(1 << attempt.min(16).saturating_sub(1));
        let jittered = step.mul_f64(0.5 + fastrand::f64() * 0.5).min(self.max_backoff);
        jittered.max(retry_after.unwrap_or_default().min(RETRY_AFTER_CEILING))
    }
}

/// Base URLs configured away from EDGAR's own become rewrites of the canonical ones.
fn rewrites(config: &CrawlConfig) -> Vec<(String, String)> {
    [(DEFAULT_DATA_BASE, &config.data_base), (DEFAULT_ARCHIVES_BASE, &config.archives_base)]
        .into_iter()
        .filter(|(canonical, actual)| canonical != actual)
        .map(|(canonical, actual)| (canonical.to_string(), actual.clone()))
        .collect()
}

fn transient_or_final(url: &str, e: reqwest::Error) -> AttemptError {
    if e.is_builder() {
        AttemptError::Final(HttpError::Request { url: url.to_string(), message: e.to_string() })
    } else {
        AttemptError::Transient { message: format!("request failed: {e}"), retry_after: None }
    }
}

fn header(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// `Retry-After` as delta-seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    (when.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn press_client(base: Option<&str>) -> HttpClient {
        let config = crate::config::Config::parse("", "t", Some("t t@t.io")).unwrap().crawl;
        HttpClient::new(&config).unwrap().for_press(2.0, base)
    }

    #[test]
    fn press_urls_are_routed_through_the_base_keeping_host_path_and_query() {
        let routed = press_client(Some("http://127.0.0.1:8080"));
        assert_eq!(
            routed.route("https://www.globenewswire.com/RssFeed/organization/abc==?x=1").unwrap(),
            "http://127.0.0.1:8080/www.globenewswire.com/RssFeed/organization/abc==?x=1"
        );
        assert_eq!(press_client(None).route("https://iren.com/news").unwrap(), "https://iren.com/news");
        assert!(routed.route("not a url").is_err());
    }

    #[test]
    fn press_limits_are_per_host() {
        let client = press_client(None);
        let a = client.limits.for_url("https://www.globenewswire.com/a");
        let b = client.limits.for_url("https://WWW.globenewswire.com/b");
        let c = client.limits.for_url("https://iren.com/news");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        h.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(25) && d <= Duration::from_secs(30), "{d:?}");
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    /// Issue 13.15: a `Retry-After` longer than `max_backoff` was cut to it.
    #[test]
    fn retry_after_beyond_max_backoff_is_honoured_up_to_the_ceiling() {
        let client = press_client(None);
        assert_eq!(client.max_backoff, Duration::from_secs(60));
        assert_eq!(client.backoff(1, Some(Duration::from_secs(120))), Duration::from_secs(120));
        assert!(client.backoff(20, None) <= Duration::from_secs(60));
        assert_eq!(client.backoff(1, Some(Duration::from_secs(3600))), RETRY_AFTER_CEILING);
    }
}
