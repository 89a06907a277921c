//! `minewatch serve` over 127.0.0.1 with a real HTTP client: every endpoint over the demo world,
//! bad input (malformed queries, unknown tickers, huge offsets, injection and traversal attempts),
//! escaping of hostile filing text, the bearer token, and reading while an ingest writes.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use minewatch::replay::ReplayOptions;
use minewatch::serve::{self, AppState};
use minewatch::store::{NewDocument, Validators};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::support::{config, copy_of_world, edgar_fixtures, replay, store, world};

/// Starts the server over `dir` on a free loopback port; its base URL.
pub async fn start(dir: &Path, token: Option<&str>) -> String {
    let state =
        AppState::open(store(dir).await, &config("http://127.0.0.1:9"), token.map(str::to_string)).await.unwrap();
    let listener = serve::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve::serve(listener, state, std::future::pending()));
    base
}

/// A response's status, headers and body.
pub struct Got {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Got {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

pub async fn get(url: &str) -> Got {
    get_with(&reqwest::Client::new(), url, None).await
}

async fn get_with(client: &reqwest::Client, url: &str, token: Option<&str>) -> Got {
    let mut request = client.get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    Got { status, headers, body: response.text().await.unwrap() }
}

/// `q` percent-encoded for a URL.
fn enc(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn the_json_api_answers_over_the_demo_world() {
    let base = start(&world().dir, None).await;
    let health = get(&format!("{base}/healthz")).await;
    assert_eq!((health.status, health.json()["status"].as_str()), (StatusCode::OK, Some("ok")));

    let hpc = get(&format!("{base}/api/search?q={}", enc("\"HPC lease revenue\""))).await;
    assert_eq!(hpc.status, StatusCode::OK, "{}", hpc.body);
    let hpc = hpc.json();
    assert_eq!(hpc["total"], 6);
    assert!(hpc["hits"].as_array().unwrap().iter().all(|h| h["ticker"] == "WULF"));
    assert!(hpc["hits"][0]["snippet"]["html"].as_str().unwrap().to_lowercase().contains("<b>hpc lease revenue</b>"));
    let narrowed = get(&format!(
        "{base}/api/search?q={}&ticker=wulf&ticker=CORZ&form=10-Q&from=2025-01-01&to=2026-12-31&limit=1&offset=1",
        enc("\"HPC lease revenue\"")
    ))
    .await
    .json();
    assert_eq!((narrowed["total"].as_u64(), narrowed["hits"].as_array().map(Vec::len)), (Some(2), Some(1)));

    let companies = get(&format!("{base}/api/companies")).await.json();
    let wulf = companies["companies"].as_array().unwrap().iter().find(|c| c["ticker"] == "WULF").unwrap().clone();
    assert_eq!((wulf["name"].as_str(), wulf["latest"]["hpc"].as_i64()), (Some("TeraWulf Inc."), Some(21_047_000)));
    assert_eq!(wulf["series"], "/api/companies/WULF/series");

    let series = get(&format!("{base}/api/companies/wulf/series")).await.json();
    assert_eq!(series["crossover"], "Q1 2026");
    let q1 = series["quarters"].as_array().unwrap().iter().find(|q| q["quarter"] == "Q1 2026").unwrap().clone();
    assert_eq!((q1["hpc"].as_i64(), q1["mining"].as_i64()), (Some(21_047_000), Some(12_965_000)));
    let hpc_sources = q1["sources"]["hpc"].as_array().unwrap();
    assert!(hpc_sources.iter().any(|s| s["chosen"] == true && s["document_id"].as_i64().is_some()), "{hpc_sources:?}");

    let id = hpc["hits"][0]["id"].as_i64().unwrap();
    let document = get(&format!("{base}/api/documents/{id}")).await.json();
    assert_eq!((document["id"].as_i64(), document["ticker"].as_str()), (Some(id), Some("WULF")));
    assert_eq!(document["original"], format!("/documents/{id}/original"));
    let original = get(&format!("{base}{}", document["original"].as_str().unwrap())).await;
    assert_eq!(original.status, StatusCode::OK);
    assert_eq!(original.header("content-security-policy"), "sandbox");
    assert_eq!(original.header("x-content-type-options"), "nosniff");
    assert!(original.header("content-type").starts_with("text/html"), "{:?}", original.headers);
    assert_eq!(original.body.len() as i64, document["size"].as_i64().unwrap(), "the stored bytes as fetched");

    let signals = get(&format!("{base}/api/signals")).await.json();
    let signals = signals["signals"].as_array().unwrap();
    let wulf = signals.iter().find(|s| s["signal"]["ticker"] == "WULF" && s["signal"]["kind"] == "crossover").unwrap();
    assert_eq!(wulf["signal"]["quarter"], "Q1 2026");
    let feed = get(&format!("{base}/alerts.atom")).await;
    assert_eq!((feed.status, feed.header("content-type")), (StatusCode::OK, "application/atom+xml; charset=utf-8"));
    assert!(feed.body.contains("<feed") && feed.body.contains("signal/WULF/crossover/2026Q1"), "{}", feed.body);
}

#[tokio::test]
async fn the_lines_api_lists_each_line_as_reported_as_facts_lines_does() {
    let base = start(&world().dir, None).await;
    let got = get(&format!("{base}/api/companies/wulf/lines")).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let got = got.json();
    assert_eq!((got["ticker"].as_str(), got["name"].as_str()), (Some("WULF"), Some("TeraWulf Inc.")));
    let store = minewatch::store::Store::open(&world().dir).await.unwrap();
    let config = config("http://127.0.0.1:9");
    let lines = minewatch::pipeline::resolve::lines_of(&store, config.company("WULF").unwrap()).await.unwrap();
    assert!(!lines.is_empty());
    assert_eq!(got["lines"], serde_json::to_value(&lines).unwrap());
    // TeraWulf reports one HPC line, named by its XBRL member in the 10-Q and by its label in the
    // release: one series under its member, the label its other name, the Q1 2026 HPC figure its own.
    let hpc: Vec<_> = lines.iter().filter(|l| l.class == minewatch::model::Segment::Hpc).collect();
    assert_eq!(hpc.len(), 1, "{hpc:?}");
    assert!(hpc[0].line.ends_with("Member") && hpc[0].other_names.iter().any(|n| n == "HPC lease revenue"), "{hpc:?}");
    let q1 = hpc[0].quarters.iter().find(|q| q.quarter.to_string() == "Q1 2026").map(|q| q.resolved.value_usd);
    assert_eq!(q1, Some(21_047_000));
    assert_eq!(get(&format!("{base}/api/companies/NOPE/lines")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_signals_page_lists_each_signal_with_its_sources() {
    let base = start(&world().dir, None).await;
    let page = get(&format!("{base}/signals")).await;
    assert_eq!(page.status, StatusCode::OK);
    let row = page.body.split("<tr class=\"crossover\">").find(|r| r.contains("/companies/WULF")).unwrap();
    assert!(row.contains("<td>Q1 2026</td>") && row.contains("TeraWulf Inc. (WULF): HPC revenue overtook"), "{row}");
    assert!(row.contains("class=\"source\" href=\"/documents/"), "{row}");
    assert!(page.body.contains("href=\"/alerts.atom\""));
}

#[tokio::test]
async fn bad_input_is_a_4xx_with_a_json_message() {
    let base = start(&world().dir, None).await;
    let malformed = get(&format!("{base}/api/search?q={}", enc("revenue AND (colocation"))).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let error = malformed.json();
    assert_eq!(error["position"], 23);
    assert!(error["error"].as_str().unwrap().contains("column 24"), "{error}");

    for (path, status) in [
        ("/api/companies/NOPE/series", StatusCode::NOT_FOUND),
        ("/companies/NOPE", StatusCode::NOT_FOUND),
        ("/api/search?q=revenue&offset=99999999999999999999", StatusCode::BAD_REQUEST),
        ("/api/search?q=revenue&offset=10001", StatusCode::BAD_REQUEST),
        ("/api/search?q=revenue&limit=101", StatusCode::BAD_REQUEST),
        ("/api/search?q=revenue&limit=0", StatusCode::BAD_REQUEST),
        ("/api/search?q=revenue&from=yesterday", StatusCode::BAD_REQUEST),
        ("/api/search?q=revenue&nosuch=1", StatusCode::BAD_REQUEST),
        ("/api/documents/abc", StatusCode::BAD_REQUEST),
        ("/api/documents/99999999", StatusCode::NOT_FOUND),
        ("/documents/99999999/original", StatusCode::NOT_FOUND),
        ("/documents/..%2F..%2F..%2Fetc%2Fpasswd/original", StatusCode::BAD_REQUEST),
        ("/api/documents/..%2Fminewatch.db", StatusCode::BAD_REQUEST),
        ("/api/companies/..%2F..%2Fetc/series", StatusCode::NOT_FOUND),
        ("/documents/../../etc/passwd", StatusCode::NOT_FOUND),
        ("/no/such/route", StatusCode::NOT_FOUND),
    ] {
        let got = get(&format!("{base}{path}")).await;
        assert_eq!(got.status, status, "{path}: {}", got.body);
        if !path.starts_with("/companies/") {
            assert!(got.json()["error"].as_str().is_some_and(|m| !m.is_empty()), "{path}: {}", got.body);
        }
        assert!(!got.body.contains("root:"), "{path}");
    }

    for hostile in ["' OR 1=1 --", "\"; DROP TABLE documents; --", "<script>alert(1)</script>", "../../etc/passwd"] {
        for param in ["q", "ticker", "form"] {
            let got = get(&format!("{base}/api/search?{param}={}", enc(hostile))).await;
            assert!(
                got.status == StatusCode::OK || got.status == StatusCode::BAD_REQUEST,
                "{param}={hostile}: {}",
                got.body
            );
            if param != "q" {
                assert_eq!(got.json()["total"], 0, "{param}={hostile} filters everything out");
            }
        }
        let series = get(&format!("{base}/api/companies/{}/series", enc(hostile))).await;
        assert_eq!(series.status, StatusCode::NOT_FOUND, "{hostile}");
        assert_eq!(series.header("content-type"), "application/json", "never rendered as a page");
    }
    let still = get(&format!("{base}/api/search?q=revenue")).await.json();
    assert!(still["total"].as_u64().unwrap() > 0, "nothing was dropped");
}

#[tokio::test]
async fn pages_escape_hostile_filing_text_and_hostile_queries() {
    let copy = copy_of_world();
    {
        let store = store(copy.path()).await;
        let hostile = NewDocument {
            ticker: "WULF",
            source: "press",
            url: "https://example.invalid/<script>alert('url')</script>.htm",
            accession: None,
            form: Some("<img src=x onerror=alert(1)>"),
            role: "release",
            filed: NaiveDate::from_ymd_opt(2026, 6, 1),
            report_period: None,
            title: Some("<script>alert('title')</script> Zebracorn & Co"),
            content_type: Some("text/html"),
            validators: Validators::default(),
        };
        let body = b"<html><body><p>Zebracorn &lt;script&gt;alert('text')&lt;/script&gt; HPC revenue</p></body></html>";
        store.put_document(&hostile, body).await.unwrap();
        store.close().await;
    }
    let base = start(copy.path(), None).await; // indexes the new document on opening

    let page = get(&format!("{base}/search?q=zebracorn")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.header("content-security-policy").contains("default-src 'none'"), "{:?}", page.headers);
    assert!(
        page.body.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Zebracorn &amp; Co"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<b>Zebracorn</b> &lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;"), "{}", page.body);
    assert!(page.body.contains("&lt;img src=x onerror=alert(1)&gt;"), "{}", page.body);
    assert_no_markup_from_input(&page.body);

    let hostile_query = "<script>alert('q')</script>\" onfocus=\"alert(2)";
    for path in [
        format!("/search?q={}", enc(hostile_query)),
        format!("/search?q=revenue&ticker={}&form={}", enc(hostile_query), enc(hostile_query)),
        format!("/search?q=revenue&from={}", enc(hostile_query)),
        format!("/companies/{}", enc(hostile_query)),
    ] {
        let page = get(&format!("{base}{path}")).await;
        assert!(page.status.is_success() || page.status.is_client_error(), "{path}");
        assert!(page.header("content-type").starts_with("text/html"), "{path}");
        assert_no_markup_from_input(&page.body);
    }
}

/// No element or attribute that only hostile input could have put there.
fn assert_no_markup_from_input(body: &str) {
    for needle in ["<script", "<img", "\" onfocus=", "alert('"] {
        assert!(!body.contains(needle), "{needle} in {body}");
    }
}

#[tokio::test]
async fn the_search_page_highlights_filters_and_pages() {
    let base = start(&world().dir, None).await;
    let first = get(&format!("{base}/search?q={}&ticker=WULF&limit=2", enc("\"HPC lease revenue\""))).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.body.to_lowercase().contains("<b>hpc lease revenue</b>"),
        "the phrase is marked whole: {}",
        first.body
    );
    assert!(first.body.contains("6 documents; showing 1–2"), "{}", first.body);
    assert!(first.body.contains("<option value=\"WULF\" selected>"), "the filter is kept");
    assert!(
        first.body.contains(
            "rel=\"next\" href=\"/search?q=%22HPC+lease+revenue%22&amp;ticker=WULF&amp;limit=2&amp;offset=2\""
        ),
        "{}",
        first.body
    );
    let last = get(&format!("{base}/search?q={}&ticker=WULF&limit=2&offset=4", enc("\"HPC lease revenue\""))).await;
    assert!(
        last.body.contains("showing 5–6") && last.body.contains("rel=\"prev\"") && !last.body.contains("rel=\"next\"")
    );

    let malformed = get(&format!("{base}/search?q={}", enc("\"HPC lease"))).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert!(malformed.body.contains("column 11") && malformed.body.contains("<form"), "{}", malformed.body);
    let empty = get(&format!("{base}/search")).await;
    assert!(empty.status == StatusCode::OK && empty.body.contains("<form") && !empty.body.contains("documents;"));
}

#[tokio::test]
async fn the_company_page_charts_the_crossover_and_links_every_source() {
    let base = start(&world().dir, None).await;
    let page = get(&format!("{base}/companies/wulf")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>TeraWulf Inc. (WULF)</h1>"), "{}", page.body);
    assert!(page.body.contains("<g id=\"crossover\" data-quarter=\"Q1 2026\">"), "{}", page.body);
    assert!(
        page.body.contains("<title>Q1 2026 · HPC $21.0M</title>")
            && page.body.contains("<title>Q1 2026 · mining $13.0M</title>")
    );
    let sources: Vec<&str> =
        page.body.match_indices("class=\"source\" href=\"/documents/").map(|(i, _)| &page.body[i..]).collect();
    assert!(sources.len() >= 9, "a source per quarter at least: {}", sources.len());
    for source in sources {
        let href = source.split('"').nth(3).unwrap();
        assert_eq!(get(&format!("{base}{href}")).await.status, StatusCode::OK, "{href}");
    }
}

#[tokio::test]
async fn a_token_guards_every_route() {
    let base = start(&world().dir, Some("s3cret-token")).await;
    let client = reqwest::Client::new();
    let paths = ["/healthz", "/api/search?q=revenue", "/api/companies", "/api/signals", "/alerts.atom", "/signals"];
    for path in paths.into_iter().chain(["/companies/WULF", "/", "/documents/1/original"]) {
        let none = get_with(&client, &format!("{base}{path}"), None).await;
        assert_eq!(none.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(none.header("www-authenticate"), "Bearer");
        assert!(none.json()["error"].is_string());
        let wrong = get_with(&client, &format!("{base}{path}"), Some("s3cret-tokeN")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{path}");
        let right = get_with(&client, &format!("{base}{path}"), Some("s3cret-token")).await;
        assert_eq!(right.status, StatusCode::OK, "{path}: {}", right.body);
    }
}

/// Issue 13.18: the scheme was matched as `Bearer ` only; RFC 7235 makes it case-insensitive.
#[tokio::test]
async fn the_bearer_scheme_is_matched_in_any_case() {
    let base = start(&world().dir, Some("s3cret-token")).await;
    let client = reqwest::Client::new();
    for header in ["bearer s3cret-token", "BEARER s3cret-token", "Bearer  s3cret-token"] {
        let got = client.get(format!("{base}/healthz")).header("authorization", header).send().await.unwrap();
        assert_eq!(got.status(), StatusCode::OK, "{header}");
    }
    let basic =
        client.get(format!("{base}/healthz")).header("authorization", "Basic s3cret-token").send().await.unwrap();
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
}

/// Issue 13.18: `serve --addr 0.0.0.0:…` without a token exposed every filing and signal.
#[tokio::test]
async fn serving_beyond_loopback_without_a_token_needs_public() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::store(dir.path()).await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "serve", "--addr", "0.0.0.0:0"])
        .env_remove("MINEWATCH_TOKEN")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("refusing to serve 0.0.0.0:0 without a token") && err.contains("--public"), "{err}");
}

/// Issue 23.4: `serve` ends on SIGTERM like the other long-running commands: exit 0, promptly
/// (its index catch-up waits between passes on the same stop).
#[tokio::test]
async fn sigterm_ends_serve_with_exit_0_within_a_second() {
    use tokio::io::AsyncBufReadExt;
    let dir = copy_of_world();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .args(["--data-dir", dir.path().to_str().unwrap(), "serve", "--addr", "127.0.0.1:0"])
        .env_remove("MINEWATCH_TOKEN")
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stderr = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = stderr.next_line().await.unwrap().expect("serve exited before it served");
        if let Some(base) = line.strip_prefix("serving on ") {
            break base.to_string();
        }
    };
    // An answer means the server runs, so the stop signal is being listened for.
    assert_eq!(get(&format!("{base}/healthz")).await.status, StatusCode::OK);
    let signalled = Instant::now();
    let pid = child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status =
        tokio::time::timeout(Duration::from_secs(5), child.wait()).await.expect("serve ignored SIGTERM").unwrap();
    let took = signalled.elapsed();
    assert_eq!(status.code(), Some(0), "serve exits 0 on SIGTERM");
    assert!(took < Duration::from_secs(1), "serve took {took:?} to stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_server_reads_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(dir.path(), None).await;
    let replay = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let ingest = {
        let (dir, base_url) = (dir.path().to_path_buf(), replay.base_url());
        tokio::spawn(async move {
            let store = store(&dir).await;
            minewatch::pipeline::ingest(&config(&base_url), &store, "test").await.unwrap()
        })
    };
    let paths = [
        format!("/api/search?q={}", enc("\"HPC lease revenue\"")),
        "/api/search?q=revenue&limit=100".to_string(),
        "/api/companies".to_string(),
        "/api/companies/WULF/series".to_string(),
        "/companies/WULF".to_string(),
        "/search?q=revenue".to_string(),
    ];
    let client = reqwest::Client::new();
    let mut requests = 0;
    while !ingest.is_finished() {
        let batch = paths.iter().map(|p| {
            let (client, url) = (&client, format!("{base}{p}"));
            async move { get_with(client, &url, None).await }
        });
        for (path, got) in paths.iter().zip(futures_util::future::join_all(batch).await) {
            assert_eq!(got.status, StatusCode::OK, "{path} during the ingest: {}", got.body);
            requests += 1;
        }
    }
    let summary = ingest.await.unwrap();
    assert!(summary.failures.is_empty() && requests > 50, "{requests} requests; {:?}", summary.failures);

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let hpc = get(&format!("{base}/api/search?q={}", enc("\"HPC lease revenue\""))).await.json();
        if hpc["total"] == 6 {
            break;
        }
        assert!(Instant::now() < deadline, "the server never saw the ingest's commit: {hpc}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let series = get(&format!("{base}/api/companies/WULF/series")).await.json();
    assert_eq!(series["crossover"], "Q1 2026");
}

#[tokio::test]
async fn the_universe_page_shows_every_company_with_its_share_and_signals() {
    let base = start(&world().dir, None).await;
    let page = get(&format!("{base}/")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<h1>The universe</h1>"), "the home page is the universe");
    let rows: Vec<&str> = page.body.split("<tr data-ticker=\"").skip(1).collect();
    let universe = config("http://127.0.0.1:9").companies;
    assert_eq!(rows.len(), universe.len(), "a row per company");
    let row = |ticker: &str| *rows.iter().find(|r| r.starts_with(&format!("{ticker}\""))).unwrap();
    let wulf = row("WULF");
    assert!(wulf.contains("<g class=\"crossover\" data-quarter=\"Q1 2026\">"), "{wulf}");
    assert!(wulf.contains("<span class=\"flag crossover\">crossover Q1 2026</span>"), "{wulf}");
    assert!(wulf.contains("<title>Q1 2026 · HPC 62%</title>") && wulf.contains("$21.0M"), "{wulf}");
    assert!(wulf.contains("<a href=\"/companies/WULF\">"), "{wulf}");
    let flagged = rows.iter().filter(|r| r.contains("class=\"flag crossover\"")).count();
    let signals = get(&format!("{base}/api/signals")).await.json();
    let crossovers =
        signals["signals"].as_array().unwrap().iter().filter(|s| s["signal"]["kind"] == "crossover").count();
    assert_eq!(flagged, crossovers, "every crossover the detector raised, and only those");
    // Every miner reports in the demo world, Soluna included (its quarters from 2023 on);
    // Bitfarms states totals only (fixtures/README.md).
    let empty: Vec<&str> = rows
        .iter()
        .filter(|r| r.contains("no quarterly revenue figures yet"))
        .map(|r| r.split('"').next().unwrap())
        .collect();
    assert_eq!(empty, [] as [&str; 0], "companies without a series");
    assert!(row("HIVE").contains("<title>Q2 FY2025 · HPC 8%</title>"), "{}", row("HIVE"));
    assert!(row("GREE").contains("$15.2M"), "latest quarter, Q3 2025: {}", row("GREE"));
    assert!(row("BTDR").contains("$224.8M"), "{}", row("BTDR"));

    let by_share: Vec<f64> =
        rows.iter().filter_map(|r| r.split("<td class=\"share\">").nth(1)?.split('%').next()?.parse().ok()).collect();
    assert!(by_share.windows(2).all(|w| w[0] >= w[1]), "highest share first: {by_share:?}");
    for sort in ["change", "latest"] {
        let sorted = get(&format!("{base}/?sort={sort}")).await;
        assert_eq!(sorted.status, StatusCode::OK);
        assert!(sorted.body.contains(&format!("<th aria-sort=\"descending\"><a href=\"/?sort={sort}\">")), "{sort}");
        assert_eq!(sorted.body.matches("<tr data-ticker=").count(), universe.len(), "{sort}");
    }
    assert_eq!(get(&format!("{base}/?sort=nonsense")).await.status, StatusCode::BAD_REQUEST);

    let no_redirects = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let old = get_with(&no_redirects, &format!("{base}/?q=revenue"), None).await;
    assert_eq!(old.status, StatusCode::PERMANENT_REDIRECT, "an old search link still works");
    assert_eq!(old.header("location"), "/search?q=revenue");
}

#[tokio::test]
async fn the_search_page_matches_phrases_exactly_and_titles_every_hit() {
    let base = start(&world().dir, None).await;
    let summary =
        |body: &str| body.split("<p id=\"summary\">").nth(1).and_then(|s| s.split("</p>").next()).map(String::from);
    let of = get(&format!("{base}/search?q={}", enc("\"statements of operations\""))).await;
    let r#for = get(&format!("{base}/search?q={}", enc("\"statements for operations\""))).await;
    assert_eq!(r#for.status, StatusCode::OK);
    assert_eq!(summary(&r#for.body).as_deref(), Some("0 documents"), "{}", r#for.body);
    assert_ne!(summary(&of.body), summary(&r#for.body));
    assert!(of.body.to_lowercase().contains("<b>statements of operations</b>"), "marked whole: {}", of.body);

    let release = get(&format!("{base}/search?q={}&ticker=WULF", enc("\"HPC lease revenue\""))).await;
    let titles: Vec<&str> = release
        .body
        .split("<a class=\"title\" href=\"/documents/")
        .skip(1)
        .filter_map(|t| t.split_once("\">")?.1.split("</a>").next())
        .collect();
    assert!(!titles.is_empty());
    for title in &titles {
        assert!(title.starts_with("TeraWulf · "), "{title}");
        assert!(!title.ends_with("Exhibit 99.1"), "never a bare exhibit number: {title}");
    }
    assert!(
        titles.iter().any(|t| t.starts_with("TeraWulf · 8-K EX-99.1 · TeraWulf Reports First Quarter 2026 Results")),
        "{titles:?}"
    );
}

#[tokio::test]
async fn every_figure_of_a_company_links_to_the_passages_it_was_read_from() {
    let base = start(&world().dir, None).await;
    let page = get(&format!("{base}/companies/WULF")).await;
    let figures: Vec<&str> =
        page.body.split("<a class=\"figure\" href=\"").skip(1).filter_map(|f| f.split('"').next()).collect();
    assert!(figures.len() >= 20, "{} figures linked", figures.len());
    assert!(figures.contains(&"/companies/WULF/quarters/2026Q1#hpc"), "{figures:?}");
    for figure in &figures {
        let (path, class) = figure.split_once('#').unwrap();
        let evidence = get(&format!("{base}{path}")).await;
        assert_eq!(evidence.status, StatusCode::OK, "{figure}: {}", evidence.body);
        let section = evidence.body.split(&format!("<section class=\"evidence\" id=\"{class}\">")).nth(1);
        let section = section.unwrap_or_else(|| panic!("{figure}: no section {class}"));
        let section = section.split("</section>").next().unwrap();
        assert!(section.contains("<tr class=\"chosen\">"), "{figure}: {section}");
    }

    let q1 = get(&format!("{base}/companies/WULF/quarters/2026Q1")).await;
    let hpc = q1.body.split("id=\"hpc\">").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(hpc.contains("<h2>hpc: $21.0M"), "{hpc}");
    assert!(hpc.contains("<blockquote class=\"passage chosen\">") && hpc.contains("<mark>"), "{hpc}");
    let at = hpc.split("<a class=\"at\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(at.contains("/original#:~:text="), "{at}");
    let original = get(&format!("{base}{}", at.split('#').next().unwrap())).await;
    assert_eq!(original.status, StatusCode::OK);

    for (path, status) in [
        ("/companies/WULF/quarters/2026Q9", StatusCode::BAD_REQUEST),
        ("/companies/WULF/quarters/%3Cscript%3E", StatusCode::BAD_REQUEST),
        ("/companies/WULF/quarters/1999Q1", StatusCode::NOT_FOUND),
        ("/companies/NOPE/quarters/2026Q1", StatusCode::NOT_FOUND),
    ] {
        let got = get(&format!("{base}{path}")).await;
        assert_eq!(got.status, status, "{path}: {}", got.body);
        assert_no_markup_from_input(&got.body);
    }
}
