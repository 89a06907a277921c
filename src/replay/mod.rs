//! A replay of EDGAR (or any folder shaped like it) on loopback, for the demo and the tests.
//!
//! URL path = file path under the folder, so `fixtures/edgar/submissions/CIK0001083301.json`
//! answers `GET /submissions/CIK0001083301.json` exactly as data.sec.gov would. Responses carry
//! an ETag and Last-Modified and answer conditional requests with 304. Faults — a 429 with
//! Retry-After, a 500, a slow answer, a body cut off mid-way — are injected by rule (the first
//! `times` requests of a path) or by query (`?fault=429&retry_after=1`). Every request is
//! logged so tests can count them and check the rate they arrived at. With a [`Timeline`], filings
//! and releases appear over time, and EDGAR's latest-filings feed lists them as it does, page by page.

mod timeline;

pub use timeline::{FeedPage, Filing, Release, Timeline, View};

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A fault the server injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After: secs`.
    TooManyRequests { retry_after_secs: u64 },
    /// 500.
    ServerError,
    /// The right answer, after a delay.
    Slow { millis: u64 },
    /// A 200 whose body stops half-way (Content-Length says the full size).
    Truncate,
}

impl Fault {
    /// Parses `429[:secs]`, `500`, `slow[:ms]`, `truncate`.
    pub fn parse(s: &str) -> Option<Fault> {
        let (kind, arg) = s.split_once(':').map_or((s, None), |(k, a)| (k, Some(a)));
        let number = |default: u64| arg.map_or(Some(default), |a| a.parse().ok());
        match kind {
            "429" => Some(Fault::TooManyRequests { retry_after_secs: number(1)? }),
            "500" => Some(Fault::ServerError),
            "slow" => Some(Fault::Slow { millis: number(500)? }),
            "truncate" => Some(Fault::Truncate),
            _ => None,
        }
    }
}

/// Inject `fault` into the first `times` requests whose path ends with `path_suffix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub path_suffix: String,
    pub fault: Fault,
    pub times: u32,
}

impl FaultRule {
    /// Parses `SUFFIX=FAULT[xTIMES]`, e.g. `/index.json=429:2x1`.
    pub fn parse(s: &str) -> Option<FaultRule> {
        let (suffix, rest) = s.split_once('=')?;
        let (fault, times) = rest.rsplit_once('x').map_or((rest, Some(1)), |(f, t)| (f, t.parse().ok()));
        Some(FaultRule { path_suffix: suffix.to_string(), fault: Fault::parse(fault)?, times: times? })
    }
}

/// How the replay server behaves beyond serving files.
#[derive(Debug, Clone, Default)]
pub struct ReplayOptions {
    pub faults: Vec<FaultRule>,
    /// Answer 429 to requests beyond this many in any one-second window (EDGAR's own guard).
    pub max_per_second: Option<u32>,
    /// Filings and releases that appear over time, once [`ReplayServer::start_clock`] is called.
    pub timeline: Option<Timeline>,
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// When the request arrived.
    pub started: Instant,
    /// When its answer was ready (after any injected delay).
    pub at: Instant,
    pub path: String,
    pub status: u16,
    pub user_agent: Option<String>,
}

#[derive(Debug)]
struct Shared {
    root: PathBuf,
    options: ReplayOptions,
    log: Mutex<Vec<LoggedRequest>>,
    /// Faults already injected, per rule index.
    fired: Mutex<HashMap<usize, u32>>,
    /// When the timeline's clock started, if it has.
    clock: Mutex<Option<(Instant, chrono::DateTime<chrono::Utc>)>>,
}

impl Shared {
    fn clock(&self) -> Option<(Instant, chrono::DateTime<chrono::Utc>)> {
        self.clock.lock().ok().and_then(|c| *c)
    }
}

/// A running replay server; stops when dropped.
#[derive(Debug)]
pub struct ReplayServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
}

impl ReplayServer {
    /// Serves `root` on `addr` (use port 0 for a free one).
    pub async fn start(root: &Path, addr: SocketAddr, options: ReplayOptions) -> std::io::Result<ReplayServer> {
        if !root.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("replay folder {} does not exist", root.display()),
            ));
        }
        let shared = Arc::new(Shared {
            root: root.to_path_buf(),
            options,
            log: Mutex::new(Vec::new()),
            fired: Mutex::new(HashMap::new()),
            clock: Mutex::new(None),
        });
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let app = Router::new().fallback(serve).with_state(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
                tracing::error!("replay server: {e}");
            }
        });
        Ok(ReplayServer { addr, shared, stop: Some(stop) })
    }

    /// Starts the timeline's clock: its events appear from now on, at their offsets.
    pub fn start_clock(&self) -> Instant {
        let now = Instant::now();
        if let Ok(mut clock) = self.shared.clock.lock() {
            *clock = Some((now, chrono::Utc::now()));
        }
        now
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, to use as both EDGAR base URLs.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request served so far.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// The most requests that arrived within any one-second window.
    pub fn peak_per_second(&self) -> usize {
        // Logged as answered, so a slow answer is logged after requests that arrived later.
        let mut times: Vec<Instant> = self.requests().iter().map(|r| r.started).collect();
        times.sort();
        peak_in_window(&times, Duration::from_secs(1))
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The largest number of instants (sorted ascending) inside any half-open window of `width`.
pub fn peak_in_window(times: &[Instant], width: Duration) -> usize {
    let mut start = 0;
    let mut peak = 0;
    for (end, &t) in times.iter().enumerate() {
        while t.duration_since(times[start]) >= width {
            start += 1;
        }
        peak = peak.max(end + 1 - start);
    }
    peak
}

async fn serve(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let started = Instant::now();
    let path = uri.path().to_string();
    let over_limit = shared.options.max_per_second.is_some_and(|max| {
        let now = Instant::now();
        let log = shared.log.lock();
        log.map(|l| l.iter().rev().take_while(|r| now.duration_since(r.at) < Duration::from_secs(1)).count())
            .unwrap_or(0)
            >= max as usize
    });
    let fault = if over_limit {
        Some(Fault::TooManyRequests { retry_after_secs: 1 })
    } else {
        query_fault(&query).or_else(|| rule_fault(&shared, &path))
    };
    let response = match injected(fault).await {
        Some(response) => response,
        None => answer_path(&shared, &path, &query, &headers, fault).await,
    };
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
    if let Ok(mut log) = shared.log.lock() {
        log.push(LoggedRequest { started, at: Instant::now(), path, status: response.status().as_u16(), user_agent });
    }
    response
}

/// A fault that replaces the answer (429, 500), after waiting when it is a slow one.
async fn injected(fault: Option<Fault>) -> Option<Response> {
    match fault {
        Some(Fault::TooManyRequests { retry_after_secs }) => Some(
            (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, retry_after_secs.to_string())], "slow down")
                .into_response(),
        ),
        Some(Fault::ServerError) => Some((StatusCode::INTERNAL_SERVER_ERROR, "injected failure").into_response()),
        Some(Fault::Slow { millis }) => {
            tokio::time::sleep(Duration::from_millis(millis)).await;
            None
        }
        Some(Fault::Truncate) | None => None,
    }
}

/// What the folder (and the timeline, once its clock runs) has at `path`; EDGAR's latest-filings
/// feed lists what the timeline has revealed (nothing without one).
async fn answer_path(
    shared: &Shared,
    path: &str,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
    fault: Option<Fault>,
) -> Response {
    let clock = shared.clock();
    let elapsed = clock.map(|(at, _)| at.elapsed());
    if path == "/cgi-bin/browse-edgar" && query.get("action").is_some_and(|a| a == "getcurrent") {
        let started = clock.map_or_else(chrono::Utc::now, |(_, utc)| utc);
        let form = query.get("type").map_or("", String::as_str);
        let empty = Timeline::default();
        let page = FeedPage::of_query(query.get("start").map(String::as_str), query.get("count").map(String::as_str));
        let atom = shared.options.timeline.as_ref().unwrap_or(&empty).latest_feed(form, started, elapsed, page);
        return answer(atom.into_bytes(), "application/atom+xml", None, headers, fault).await;
    }
    match shared.options.timeline.as_ref().map(|t| t.view(path, elapsed)) {
        Some(View::Hidden) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Some(View::Instead(file)) => respond_file(&file, headers, fault).await,
        Some(View::AsIs) | None => respond(&shared.root, path, headers, fault).await,
    }
}

fn query_fault(query: &HashMap<String, String>) -> Option<Fault> {
    let kind = query.get("fault")?;
    let arg = query.get("retry_after").or_else(|| query.get("ms"));
    Fault::parse(&arg.map_or(kind.clone(), |a| format!("{kind}:{a}")))
}

fn rule_fault(shared: &Shared, path: &str) -> Option<Fault> {
    let mut fired = shared.fired.lock().ok()?;
    shared.options.faults.iter().enumerate().find_map(|(i, rule)| {
        let count = fired.entry(i).or_insert(0);
        (path.ends_with(&rule.path_suffix) && *count < rule.times).then(|| {
            *count += 1;
            rule.fault
        })
    })
}

async fn respond(root: &Path, path: &str, headers: &HeaderMap, fault: Option<Fault>) -> Response {
    match resolve(root, path) {
        Some(file) => respond_file(&file, headers, fault).await,
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

async fn respond_file(file: &Path, headers: &HeaderMap, fault: Option<Fault>) -> Response {
    let (bytes, modified) = match (tokio::fs::read(file).await, tokio::fs::metadata(file).await) {
        (Ok(bytes), Ok(meta)) => (bytes, meta.modified().ok()),
        _ => return (StatusCode::NOT_FOUND, "not found").into_response(),
    };
    let content_type = content_type(file, &bytes);
    let last_modified = modified.map(|t| httpdate(chrono::DateTime::<chrono::Utc>::from(t)));
    answer(bytes, content_type, last_modified, headers, fault).await
}

/// The response for `bytes`: 304 when the request's validators match, else 200 (cut off when the
/// fault says so) with an ETag (and Last-Modified when known).
async fn answer(
    bytes: Vec<u8>,
    content_type: &'static str,
    last_modified: Option<String>,
    headers: &HeaderMap,
    fault: Option<Fault>,
) -> Response {
    let etag = format!("\"{}\"", &crate::store::sha256_hex(&bytes)[..16]);
    let unchanged = match headers.get(header::IF_NONE_MATCH) {
        Some(tag) => tag.as_bytes() == etag.as_bytes(),
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .zip(last_modified.as_deref())
            .is_some_and(|(since, lm)| since.as_bytes() == lm.as_bytes()),
    };
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else if fault == Some(Fault::Truncate) {
        truncated(bytes)
    } else {
        (StatusCode::OK, bytes).into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified.and_then(|lm| HeaderValue::from_str(&lm).ok()) {
        h.insert(header::LAST_MODIFIED, v);
    }
    response
}

/// A 200 that promises the whole body, delivers half of it, then drops the connection.
fn truncated(bytes: Vec<u8>) -> Response {
    let full = bytes.len();
    let half = Bytes::from(bytes).slice(..full / 2);
    let cut = futures_util::stream::once(async {
        // Let the client see the headers and the first half before the cut.
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected truncation"))
    });
    let chunks = futures_util::stream::iter([Ok(half)]).chain(cut);
    let mut response = Response::new(Body::from_stream(chunks));
    response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(full));
    response
}

/// The file a URL path names, refusing anything that escapes `root`.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let file = root.join(relative);
    file.is_file().then_some(file)
}

/// By extension; files without a known one (newswire and IR URLs often have none) by their first bytes.
fn content_type(path: &Path, bytes: &[u8]) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => "application/json",
        Some("htm" | "html") => "text/html; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("xml") => "application/xml",
        Some("rss") => "application/rss+xml",
        Some("atom") => "application/atom+xml",
        Some("txt") => "text/plain; charset=utf-8",
        _ => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).trim_start().to_ascii_lowercase();
            if head.starts_with("%pdf") {
                "application/pdf"
            } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
                "text/html; charset=utf-8"
            } else if head.starts_with("<?xml") {
                "application/xml"
            } else {
                "application/octet-stream"
            }
        }
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn httpdate(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_rules_parse() {
        assert_eq!(
            FaultRule::parse("/index.json=429:2x3"),
            Some(FaultRule {
                path_suffix: "/index.json".into(),
                fault: Fault::TooManyRequests { retry_after_secs: 2 },
                times: 3
            })
        );
        assert_eq!(FaultRule::parse("ex99-1.htm=truncate").map(|r| (r.fault, r.times)), Some((Fault::Truncate, 1)));
        assert_eq!(Fault::parse("slow:20"), Some(Fault::Slow { millis: 20 }));
        assert_eq!(Fault::parse("418"), None);
        assert_eq!(FaultRule::parse("no-equals-sign"), None);
    }

    #[test]
    fn paths_cannot_escape_the_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(root, "/Cargo.toml").is_some());
        assert!(resolve(root, "/../shared/DESIGN.md").is_none());
        assert!(resolve(root, "/src").is_none(), "folders are not served");
    }

    #[test]
    fn extensionless_files_are_typed_by_their_first_bytes() {
        let news = Path::new("www.businesswire.com/news/home/1/en/Core-Scientific-Prices-1.0-Billion-Notes");
        assert_eq!(content_type(news, b"\n<!DOCTYPE html><html>"), "text/html; charset=utf-8");
        assert_eq!(
            content_type(Path::new("RssFeed/organization/x=="), b"<?xml version=\"1.0\"?><rss>"),
            "application/xml"
        );
        assert_eq!(content_type(Path::new("deck"), b"%PDF-1.4"), "application/pdf");
        assert_eq!(content_type(Path::new("blob"), b"\x00\x01"), "application/octet-stream");
        assert_eq!(content_type(Path::new("a.json"), b"<html>"), "application/json");
    }

    #[test]
    fn peak_window_counts_requests_within_one_second() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let times = [at(0), at(100), at(999), at(1000), at(1500), at(1600)];
        assert_eq!(peak_in_window(&times, Duration::from_secs(1)), 4);
        assert_eq!(peak_in_window(&[], Duration::from_secs(1)), 0);
    }
}
