//! `watch --discover` on a replayed earnings morning of filers outside the universe
//! (`fixtures/discover/`, written by its `make_discover.py`, served over the fixture world on
//! 127.0.0.1): each planted candidate is raised once, with its line, figures and filing, and no
//! other filer is; each periodic filing costs two requests, a quiet poll one per feed; a restart,
//! a later filing of the same filer and a second worker raise nothing again; `follow` promotes a
//! candidate. On the backend under test (SQLite, or PostgreSQL in `.ci/run`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use minewatch::crawl::discover::{self as read, PERIODIC_FORMS};
use minewatch::crawl::filer::FilerId;
use minewatch::crawl::http::HttpClient;
use minewatch::crawl::latest::LatestFiling;
use minewatch::model::{Candidate, LineFigure, Period};
use minewatch::pipeline::discover::discover;
use minewatch::pipeline::universe;
use minewatch::pipeline::watch::Watch;
use minewatch::replay::{ReplayOptions, ReplayServer, Timeline};
use minewatch::store::Store;

use crate::support::{config, copy, edgar_fixtures, manifest_dir, replay, store};

fn fixtures() -> PathBuf {
    manifest_dir().join("fixtures/discover")
}

/// One filing of the morning as its `.expected.json` states it.
#[derive(Debug, Clone)]
struct Planted {
    filing: LatestFiling,
    /// `Some(line)` when its filer should be a candidate because of that line.
    candidate: Option<String>,
    reason: String,
    lines: Vec<LineFigure>,
    appears_at: f64,
}

fn planted() -> Vec<Planted> {
    let mut found = Vec::new();
    let mut stack = vec![fixtures().join("Archives")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(".expected.json") {
                found.push(read_planted(&path));
            }
        }
    }
    found.sort_by(|a, b| a.filing.accession.cmp(&b.filing.accession));
    found
}

fn read_planted(path: &Path) -> Planted {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    let date = |v: &serde_json::Value| chrono::NaiveDate::parse_from_str(v.as_str().unwrap(), "%Y-%m-%d").unwrap();
    let lines = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| LineFigure {
            line: text(&l["line"]),
            period: Period { start: date(&l["period_start"]), end: date(&l["period_end"]) },
            value_usd: l["value_usd"].as_i64().unwrap(),
        })
        .collect();
    let accession = text(&v["accession"]);
    let timeline = std::fs::read_to_string(fixtures().join("timeline.toml")).unwrap();
    let event = timeline.split("[[event]]").find(|e| e.contains(&accession)).unwrap();
    let at = event.lines().find_map(|l| l.strip_prefix("at_secs = ")).unwrap().parse().unwrap();
    Planted {
        filing: LatestFiling {
            form: text(&v["form"]),
            cik: v["cik"].as_u64().unwrap(),
            accession,
            company: text(&v["company"]).to_uppercase(),
        },
        candidate: (v["expect"]["kind"] == "candidate").then(|| text(&v["expect"]["line"])),
        reason: text(&v["expect"]["why"]),
        lines,
        appears_at: at,
    }
}

/// The fixture world with the morning laid over it; the server's clock started.
async fn morning(world: &Path) -> ReplayServer {
    copy(&edgar_fixtures(), world);
    copy(&fixtures(), world);
    let timeline = Timeline::load(&world.join("timeline.toml")).unwrap();
    let server = replay(world, ReplayOptions { timeline: Some(timeline), ..Default::default() }).await;
    server.start_clock();
    server
}

/// The candidates by CIK: (line, reason kind).
fn by_cik(candidates: &[Candidate]) -> BTreeMap<u64, (String, String)> {
    let kind = |c: &Candidate| serde_json::to_value(&c.reason).unwrap()["kind"].as_str().unwrap().to_string();
    candidates.iter().map(|c| (c.filing.cik, (c.line.clone(), kind(c)))).collect()
}

fn expected_at(planted: &[Planted], seconds: f64) -> BTreeMap<u64, (String, String)> {
    planted
        .iter()
        .filter(|p| p.appears_at <= seconds)
        .filter_map(|p| Some((p.filing.cik, (p.candidate.clone()?, p.reason.clone()))))
        .collect()
}

fn paths_since(server: &ReplayServer, from: usize) -> Vec<String> {
    server.requests()[from..].iter().map(|r| r.path.clone()).collect()
}

#[tokio::test]
async fn watch_discover_raises_each_planted_candidate_once_and_nothing_for_other_filers() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = morning(world.path()).await;
    let started = std::time::Instant::now();
    let store = store(data.path()).await;
    // TeraWulf alone in the universe, so that its catch-up crawl ends long before the amendment.
    let mut config = config(&server.base_url());
    config.companies.retain(|c| c.ticker == "WULF");
    let planted = planted();
    let every = Duration::from_secs(1);
    let feeds = 1 + PERIODIC_FORMS.len();

    let mut watch = Watch::new(&config, &store, &["8-K".to_string()], every).unwrap().discovering();
    let first = watch.poll().await.unwrap();
    let found = first.discovery.expect("discovery ran");
    assert!(found.failures.is_empty(), "{:?}", found.failures);
    let early: Vec<&Planted> = planted.iter().filter(|p| p.appears_at == 0.0).collect();
    assert_eq!(found.filings_read, early.len());
    assert_eq!(by_cik(&found.raised), expected_at(&planted, 0.0), "the planted candidates, and no other filer");
    assert_eq!(by_cik(&store.candidates().await.unwrap()), expected_at(&planted, 0.0));

    // Each filing read is its index page and its primary document; nothing else of theirs.
    let asked = paths_since(&server, 0);
    for p in &early {
        let folder = format!("/Archives/edgar/data/{}/{}/", p.filing.cik, p.filing.accession.replace('-', ""));
        let of_filing: Vec<&String> = asked.iter().filter(|path| path.starts_with(&folder)).collect();
        assert_eq!(of_filing.len(), 2, "{}: {of_filing:?}", p.filing.accession);
        assert!(of_filing[0].ends_with("-index.htm") && of_filing[1].ends_with(".htm"), "{of_filing:?}");
        // Its lines are kept as the filer reports them.
        let mut kept = store.discovered_lines(p.filing.cik).await.unwrap();
        let mut want = p.lines.clone();
        let key = |l: &LineFigure| (l.line.clone(), l.period.start, l.period.end);
        kept.sort_by_key(key);
        want.sort_by_key(key);
        assert_eq!(kept, want, "{}", p.filing.accession);
    }
    for unread in ["/Archives/edgar/data/9000101/000900010126000008/", "0001083301-26-000014-index.htm"] {
        assert!(!asked.iter().any(|p| p.contains(unread)), "an 8-K and a universe filer's 10-Q are not read: {unread}");
    }
    // A candidate carries the line's figures and the filing.
    let hollow = store.candidates().await.unwrap().into_iter().find(|c| c.filing.cik == 9_000_101).unwrap();
    let planted_hollow = planted.iter().find(|p| p.filing.accession == hollow.filing.accession).unwrap();
    let mut line_figures: Vec<&LineFigure> = planted_hollow.lines.iter().filter(|l| l.line == hollow.line).collect();
    line_figures.sort_by_key(|l| l.period.end);
    assert_eq!(hollow.figures.iter().collect::<Vec<_>>(), line_figures, "oldest period first");
    assert_eq!(hollow.filing.form, "10-Q");
    assert!(hollow.filing.document_url.ends_with("/hlhc-20260331.htm"), "{}", hollow.filing.document_url);

    // A quiet poll: one conditional request per feed, nothing read, nothing raised.
    let served = server.requests().len();
    let quiet = watch.poll().await.unwrap();
    let asked = &server.requests()[served..];
    assert_eq!(asked.len(), feeds, "{asked:?}");
    assert!(asked.iter().all(|r| r.status == 304 && r.path == "/cgi-bin/browse-edgar"), "{asked:?}");
    let quiet = quiet.discovery.unwrap();
    assert!(quiet.raised.is_empty() && quiet.filings_read == 0, "{quiet:?}");
    drop(watch);

    // Later, Hollow Hash amends its 10-Q: a restarted watch reads that filing alone and raises
    // nothing again.
    let last = planted.iter().map(|p| p.appears_at).fold(0.0, f64::max);
    assert!(started.elapsed().as_secs_f64() < last, "the morning's first polls outlasted its last filing");
    tokio::time::sleep_until((started + Duration::from_secs_f64(last + 0.2)).into()).await;
    let mut restarted = Watch::new(&config, &store, &["8-K".to_string()], every).unwrap().discovering();
    let served = server.requests().len();
    let later = restarted.poll().await.unwrap().discovery.unwrap();
    assert_eq!((later.filings_read, later.raised.len()), (1, 0), "{later:?}");
    let archives: Vec<String> =
        paths_since(&server, served).into_iter().filter(|p| p.starts_with("/Archives/edgar/data/9")).collect();
    assert_eq!(archives.len(), 2, "only the new filing is read: {archives:?}");
    assert!(archives.iter().all(|p| p.contains("000900010126000009")), "{archives:?}");
    assert_eq!(by_cik(&store.candidates().await.unwrap()), expected_at(&planted, last), "raised once");
}

/// Two workers discovering the same feed at once over one store (the morning's first filings):
/// each candidate is raised by exactly one of them.
#[tokio::test]
async fn two_workers_reading_the_same_filings_raise_each_candidate_once() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = morning(world.path()).await;
    let store = store(data.path()).await;
    let config = config(&server.base_url());
    let planted: Vec<Planted> = planted().into_iter().filter(|p| p.appears_at == 0.0).collect();
    let listed: Vec<LatestFiling> = planted.iter().map(|p| p.filing.clone()).collect();
    let universe = config.companies.iter().map(|c| c.cik).collect();
    let worker = |store: Store| {
        let http = HttpClient::new(&config.crawl).unwrap().paced_by(store.clone());
        let (universe, listed) = (&universe, &listed);
        async move { discover(&http, &store, universe, listed).await.unwrap() }
    };
    let (a, b) = tokio::join!(worker(store.clone()), worker(store.clone()));
    let mut raised = a.raised.clone();
    raised.extend(b.raised.clone());
    assert_eq!(raised.len(), expected_at(&planted, 0.0).len(), "{raised:?}");
    assert_eq!(by_cik(&raised), expected_at(&planted, 0.0));
    assert_eq!(store.candidates().await.unwrap().len(), raised.len());
    assert_eq!(a.filings_read + b.filings_read, planted.len(), "each filing kept by one of them");
}

/// `follow` on a candidate's CIK adds it to the universe from EDGAR and marks the candidate
/// followed, which `signals --candidates`, the API and the page then show.
#[tokio::test]
async fn following_a_candidate_promotes_it() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = morning(world.path()).await;
    let store = store(data.path()).await;
    let config = config(&server.base_url());
    let hollow = planted().into_iter().find(|p| p.filing.form == "10-Q" && p.candidate.is_some()).unwrap();
    let http = HttpClient::new(&config.crawl).unwrap().paced_by(store.clone());
    let found = discover(&http, &store, &Default::default(), std::slice::from_ref(&hollow.filing)).await.unwrap();
    assert_eq!(found.raised.len(), 1);
    assert_eq!(found.raised[0].followed, None);

    let company = universe::follow(&config, &store, &FilerId::Cik(hollow.filing.cik), &[]).await.unwrap();
    assert_eq!((company.ticker.as_str(), company.cik), ("HLHC", hollow.filing.cik));
    let candidates = store.candidates().await.unwrap();
    assert_eq!(candidates[0].followed.as_deref(), Some("HLHC"));
    // In the universe now: discovery leaves its filings to its own crawl.
    let members = universe::read(&config, &store).await.unwrap();
    let inside = members.companies.iter().map(|c| c.cik).collect();
    let amendment = planted().into_iter().find(|p| p.filing.form == "10-Q/A").unwrap();
    let served = server.requests().len();
    let after = discover(&http, &store, &inside, &[amendment.filing]).await.unwrap();
    assert_eq!(after.filings_read, 0);
    assert_eq!(server.requests().len(), served, "no request for a followed filer's filing");
}

/// The candidates as `signals --candidates` (words and JSON), `follow` (the binary), the JSON API
/// and the universe page show them. SQLite's: the binary and the server open the data dir.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn candidates_are_listed_by_signals_the_api_and_the_universe_page_and_follow_promotes_one() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = morning(world.path()).await;
    let config_text = crate::support::config_toml(&server.base_url());
    let config_file = data.path().join("config.toml");
    std::fs::write(&config_file, &config_text).unwrap();
    let store = Store::open(data.path()).await.unwrap();
    let listed: Vec<LatestFiling> = planted().into_iter().filter(|p| p.appears_at == 0.0).map(|p| p.filing).collect();
    let http = HttpClient::new(&config(&server.base_url()).crawl).unwrap().paced_by(store.clone());
    let found = discover(&http, &store, &Default::default(), &listed).await.unwrap();
    assert_eq!(found.raised.len(), expected_at(&planted(), 0.0).len());

    let minewatch = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("--config")
            .arg(&config_file)
            .args(args)
            .env_remove("MINEWATCH_USER_AGENT")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let words = minewatch(&["signals", "--candidates"]);
    assert!(words.contains("HOLLOW HASH CORP (CIK 9000101)\n"), "{words}");
    assert!(words.contains("\"hlhc:DataCenterLeasingMember\": reported beside hlhc:BitcoinMiningMember"), "{words}");
    assert!(words.contains("  - 2026-01-01 to 2026-03-31: $9800000\n"), "{words}");
    assert!(words.contains("new: first reported for the period ended 2025-12-31, absent for 2024-12-31"), "{words}");

    let followed = minewatch(&["follow", "9000101"]);
    assert!(followed.starts_with("following HLHC Hollow Hash Corp (CIK 9000101"), "{followed}");
    let json: serde_json::Value = serde_json::from_str(&minewatch(&["signals", "--candidates", "--json"])).unwrap();
    let hollow = json.as_array().unwrap().iter().find(|c| c["filing"]["cik"] == 9_000_101).unwrap();
    assert_eq!(hollow["followed"], "HLHC");
    assert_eq!(hollow["reason"]["kind"], "beside_mining");

    let base = crate::serve::start(data.path(), None).await;
    let api = crate::serve::get(&format!("{base}/api/candidates")).await;
    assert_eq!(api.json(), json, "the API answers what `signals --candidates --json` prints");
    let page = crate::serve::get(&format!("{base}/")).await.body;
    let (companies, candidates) = page.split_once("Candidates outside the universe").expect("a section apart");
    // Prairie Grid is a candidate only; Hollow Hash, followed, is in the universe too.
    assert!(!companies.contains("PRAIRIE GRID") && candidates.contains("PRAIRIE GRID HOLDINGS"), "{page}");
    assert!(companies.contains("Hollow Hash Corp") && candidates.contains("HOLLOW HASH CORP"), "{page}");
    assert!(candidates.contains("followed as <a href=\"/companies/HLHC\">HLHC</a>"), "{candidates}");
}

/// The real 10-Qs in `../shared/corpus/real/ixbrl/`, read as discovery reads a primary document:
/// each gives its revenue lines by member, and none of these filers — no miner among them, and
/// each reporting its lines in both of its periods — is a candidate; NVIDIA's data-center line
/// speaks of the pivot but has been reported for years.
#[test]
fn real_filings_give_their_lines_and_none_of_these_filers_is_a_candidate() {
    use minewatch::detect::{candidate, lexicon};
    use minewatch::model::DiscoveredFiling;
    let dir = manifest_dir().join("../shared/corpus/real/ixbrl");
    let mut pivot_lines = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let read = read::ReadFiling {
            filing: DiscoveredFiling {
                cik: 1,
                company: name.clone(),
                form: "10-Q".into(),
                accession: name.clone(),
                index_url: String::new(),
                document_url: name.clone(),
            },
            document: std::fs::read(&path).unwrap(),
            content_type: Some("text/html".into()),
        };
        let lines = minewatch::pipeline::discover::line_figures(&read).unwrap();
        // AEON Biopharma, clinical-stage, reports no revenue lines; every other filer does.
        assert_eq!(lines.is_empty(), name.starts_with("aeon"), "{name}: {} lines", lines.len());
        assert_eq!(candidate::candidate(&lines), None, "{name}");
        pivot_lines.extend(lines.iter().filter(|l| lexicon::pivot_term(&l.line).is_some()).map(|l| l.line.clone()));
    }
    assert!(pivot_lines.iter().any(|l| l.starts_with("nvda:") && l.contains("DataCenter")), "{pivot_lines:?}");
}
