//! Headless Chromium (Debian's `chromium` and `chromium-driver`, installed by .ci/run) drives the
//! pages over the demo world through chromedriver: a search typed into the form shows TeraWulf
//! with the phrase highlighted, and TeraWulf's page charts the Q1 2026 crossover; the analyst's
//! desk opens on the universe, goes from a figure to the passage it was read from, tells an exact
//! phrase from a near miss and downloads the CSV its link names. A screenshot of each page goes to
//! `target/browser-screenshots/` (the universe also 390 px wide, as on a phone). Without Chromium
//! the tests fail saying so.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

use crate::serve::start;
use crate::support::world;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the screenshots go: `target/browser-screenshots/`.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap_or(Path::new(".")).join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// chromedriver on a free loopback port, killed when dropped.
struct Driver {
    _process: Child,
    url: String,
}

async fn chromedriver() -> Driver {
    for needed in [CHROMIUM, CHROMEDRIVER] {
        assert!(
            Path::new(needed).exists(),
            "{needed} is missing: this test needs Debian's chromium and chromium-driver \
             (apt-get install -y chromium chromium-driver; .ci/run installs them)"
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let process = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{url}/status")).await.is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start on {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Driver { _process: process, url }
}

/// A headless Chromium session with a fresh profile.
async fn browser(driver: &Driver, profile: &Path) -> Client {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1000",
        &format!("--user-data-dir={}", profile.display()),
    ];
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), serde_json::json!({ "binary": CHROMIUM, "args": args }));
    ClientBuilder::new(HttpConnector::new()).capabilities(capabilities).connect(&driver.url).await.unwrap()
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    std::fs::write(screenshots().join(name), png).unwrap();
}

async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(element.text().await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_searches_and_sees_the_terawulf_crossover() {
    let base = start(&world().dir, None).await;
    let driver = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, profile.path()).await;

    client.goto(&format!("{base}/search")).await.unwrap();
    let q = client.find(Locator::Css("input[name=q]")).await.unwrap();
    q.send_keys("\"HPC lease revenue\"").await.unwrap();
    client.find(Locator::Css("form.search button[type=submit]")).await.unwrap().click().await.unwrap();
    let summary = client.wait().for_element(Locator::Css("#summary")).await.unwrap().text().await.unwrap();
    assert!(summary.starts_with("6 documents"), "{summary}");
    let companies = texts(&client, ".hit .meta").await;
    assert!(!companies.is_empty() && companies.iter().all(|m| m.contains("WULF TeraWulf Inc.")), "{companies:?}");
    let marked = texts(&client, ".snippet b").await;
    assert!(
        !marked.is_empty() && marked.iter().all(|m| m.eq_ignore_ascii_case("HPC lease revenue")),
        "the phrase is highlighted whole: {marked:?}"
    );
    screenshot(&client, "search.png").await;

    client.find(Locator::Css(".hit .meta a[href='/companies/WULF']")).await.unwrap().click().await.unwrap();
    let crossover = client.wait().for_element(Locator::Css("svg#revenue-chart g#crossover")).await.unwrap();
    assert_eq!(crossover.attr("data-quarter").await.unwrap().as_deref(), Some("Q1 2026"));
    assert_eq!(client.title().await.unwrap(), "TeraWulf Inc. (WULF) · minewatch");
    let label = client.find(Locator::Css("g#crossover text")).await.unwrap().text().await.unwrap();
    assert_eq!(label, "Crossover Q1 2026");
    let bars = client.find_all(Locator::Css("svg#revenue-chart rect title")).await.unwrap();
    assert!(bars.len() >= 15, "{} bars", bars.len());
    let hover = client.find(Locator::XPath("//*[local-name()='title' and .='Q1 2026 · HPC $21.0M']")).await;
    assert!(hover.is_ok(), "the Q1 2026 HPC bar names its value on hover");
    let rows = client.find_all(Locator::Css("table#facts tbody tr")).await.unwrap();
    assert!(rows.len() >= 9, "{} rows", rows.len());
    screenshot(&client, "company-wulf.png").await;
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_walks_the_desk_from_the_universe_to_a_passage_and_a_download() {
    let base = start(&world().dir, None).await;
    let driver = chromedriver().await;
    let profile = tempfile::tempdir().unwrap();
    let client = browser(&driver, profile.path()).await;

    client.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(client.title().await.unwrap(), "The universe · minewatch");
    let rows = client.find_all(Locator::Css("table#universe tbody tr")).await.unwrap();
    assert!(rows.len() >= 10, "{} companies", rows.len());
    let crossover = client.find(Locator::Css("tr[data-ticker=WULF] svg.spark g.crossover")).await.unwrap();
    assert_eq!(crossover.attr("data-quarter").await.unwrap().as_deref(), Some("Q1 2026"));
    let flags = texts(&client, "tr[data-ticker=WULF] .flag").await;
    assert!(flags.iter().any(|f| f == "crossover Q1 2026"), "{flags:?}");
    screenshot(&client, "universe.png").await;
    client.set_window_size(390, 844).await.unwrap();
    screenshot(&client, "universe-phone.png").await;
    client.set_window_size(1200, 1000).await.unwrap();

    client.find(Locator::Css("th a[href='/?sort=change']")).await.unwrap().click().await.unwrap();
    let sorted = client.wait().for_element(Locator::Css("th[aria-sort=descending] a")).await.unwrap();
    assert_eq!(sorted.text().await.unwrap(), "Change");

    let csv = client.find(Locator::Css("a[href='/api/series.csv']")).await.unwrap();
    let href = csv.attr("href").await.unwrap().unwrap();
    let download = reqwest::get(format!("{base}{href}")).await.unwrap();
    let kind = download.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(kind, "text/csv; charset=utf-8");
    assert!(download.text().await.unwrap().starts_with("ticker,company,quarter,"));

    client.find(Locator::Css("tr[data-ticker=WULF] a[href='/companies/WULF']")).await.unwrap().click().await.unwrap();
    let figure = "a.figure[href='/companies/WULF/quarters/2026Q1#hpc']";
    client.wait().for_element(Locator::Css(figure)).await.unwrap();
    // On a phone the page itself never scrolls sideways: the chart scales down and the wide
    // table scrolls inside its own box.
    client.set_window_size(390, 844).await.unwrap();
    let overflow = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, \
                    document.getElementById('revenue-chart').getBoundingClientRect().right]";
    let widths = client.execute(overflow, vec![]).await.unwrap();
    let [page, view, chart] = [0, 1, 2].map(|i| widths[i].as_f64().unwrap());
    assert!(page <= view && chart <= view, "at 390 px: page {page}, viewport {view}, chart ends at {chart}");
    screenshot(&client, "company-wulf-phone.png").await;
    client.set_window_size(1200, 1000).await.unwrap();
    client.find(Locator::Css(figure)).await.unwrap().click().await.unwrap();
    let passage = client.wait().for_element(Locator::Css("section#hpc blockquote.passage.chosen")).await.unwrap();
    let mark = passage.find(Locator::Css("mark")).await.unwrap().text().await.unwrap();
    assert!(!mark.is_empty(), "the line's label is marked");
    assert!(client.current_url().await.unwrap().as_str().ends_with("/companies/WULF/quarters/2026Q1#hpc"));
    screenshot(&client, "evidence-wulf-q1-2026.png").await;
    passage.find(Locator::Css("a.at")).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !client.current_url().await.unwrap().path().ends_with("/original") {
        assert!(Instant::now() < deadline, "the passage link did not open the original");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(&client, "original-at-passage.png").await;

    for (phrase, found) in [("\"statements of operations\"", true), ("\"statements for operations\"", false)] {
        client.goto(&format!("{base}/search")).await.unwrap();
        client.find(Locator::Css("input[name=q]")).await.unwrap().send_keys(phrase).await.unwrap();
        client.find(Locator::Css("form.search button[type=submit]")).await.unwrap().click().await.unwrap();
        let summary = client.wait().for_element(Locator::Css("#summary")).await.unwrap().text().await.unwrap();
        assert_eq!(!summary.starts_with("0 documents"), found, "{phrase}: {summary}");
        if found {
            let marked = texts(&client, ".snippet b").await;
            assert!(marked.iter().all(|m| m.eq_ignore_ascii_case("statements of operations")), "{marked:?}");
            let titles = texts(&client, ".hit a.title").await;
            assert!(titles.iter().all(|t| t.split(" · ").count() >= 3), "{titles:?}");
            screenshot(&client, "search-exact-phrase.png").await;
        }
    }
    client.close().await.unwrap();
}
