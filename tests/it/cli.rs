//! The `minewatch` binary as a user runs it: exit codes, errors, help, the demo.

use std::process::{Command, Output};

use crate::support::{config_toml, edgar_fixtures, replay};
use minewatch::replay::ReplayOptions;

fn minewatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minewatch")).args(args).env_remove("MINEWATCH_USER_AGENT").output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_command_has_help() {
    let commands = ["demo", "ingest", "replay", "status", "extract", "facts", "search", "reindex"];
    for command in commands.into_iter().chain(["signals", "alerts", "feed", "schedule", "serve"]) {
        let out = minewatch(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: minewatch"), "{command}");
    }
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(minewatch(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(minewatch(&["replay", "--dir", ".", "--fault", "nonsense"]).status.code(), Some(2));
}

#[test]
fn an_unknown_ticker_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    let file = dir.path().join("release.html");
    std::fs::write(&file, "<html><body><p>Revenue was $1.0 million.</p></body></html>").unwrap();
    // `unfollow` of a company not followed is bad usage too; it leaves a store, whose universe
    // `facts` and `search` check a ticker against.
    let out = minewatch(&["--data-dir", data_dir, "unfollow", "NOPE"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("NOPE is not followed"), "{}", stderr(&out));
    for args in [
        vec!["--data-dir", data_dir, "facts", "--ticker", "NOPE"],
        vec!["--data-dir", data_dir, "search", "revenue", "--ticker", "NOPE"],
        vec!["extract", file.to_str().unwrap(), "--company", "NOPE"],
    ] {
        let out = minewatch(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("no company NOPE in companies.toml (embedded)"), "{args:?}: {err}");
    }
}

#[test]
fn a_database_url_of_an_unknown_kind_is_bad_usage_and_hides_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let out = minewatch(&[
        "--data-dir",
        dir.path().to_str().unwrap(),
        "--database-url",
        "mysql://mw:hunter2@db/mw",
        "status",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("mysql://mw:***@db/mw") && err.contains("postgres://"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn a_pivot_rule_that_does_not_read_is_bad_usage_in_follow_and_a_config_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = minewatch(&["--data-dir", data, "follow", "NVDA", "--pivot", "Data Center > hcp"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--pivot \"Data Center > hcp\": unknown class \"hcp\""), "{err}");
    assert!(!dir.path().join("minewatch.db").exists(), "refused before the store is opened");

    let config = dir.path().join("pivots.toml");
    std::fs::write(&config, "[crawl]\nsince = \"2024-01-01\"\n\n[[pivot]]\nrule = \"Gaming > Gaming\"\n").unwrap();
    let out = minewatch(&["--data-dir", data, "--config", config.to_str().unwrap(), "status"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pivots.toml:5: pivot rule \"Gaming > Gaming\": Gaming is on both sides"), "{err}");
}

#[test]
fn schedule_at_an_hour_that_does_not_exist_is_bad_usage() {
    let out = minewatch(&["schedule", "--at", "25:00"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("25:00"), "{err}");
}

#[test]
fn a_reading_command_without_a_store_is_bad_usage_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("never-ingested");
    for command in ["signals", "status", "facts", "alerts", "feed"] {
        let out = minewatch(&["--data-dir", missing.to_str().unwrap(), command]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("no minewatch store in") && err.contains("--data-dir"), "{command}: {err}");
    }
    assert!(!missing.exists(), "a reading command does not create a store");
}

#[test]
fn an_error_is_printed_once_with_each_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.htm");
    let text = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL">
<body><ix:header></ix:header><p><b>1</p></body></html>"#;
    std::fs::write(&file, text).unwrap();
    let out = minewatch(&["extract", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1, "{err}");
    let cause = err.rsplit(": ").next().unwrap_or_default().trim();
    assert!(!cause.is_empty() && err.matches(cause).count() == 1, "the cause is printed once: {err}");
}

/// A crawl knows when a document was published; `extract --published` gives a lone file that
/// date, which places a quarter its text names without a year.
#[test]
fn extract_published_dates_a_quarter_named_without_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    std::fs::write(&file, "Acme's second-quarter revenue reached $7.4 million.\n").unwrap();
    let path = file.to_str().unwrap();
    let dated = minewatch(&["extract", path, "--published", "2025-08-12", "--json"]);
    assert!(dated.status.success(), "{}", stderr(&dated));
    let facts: serde_json::Value = serde_json::from_slice(&dated.stdout).unwrap();
    assert_eq!(facts[0]["period_start"], "2025-04-01");
    assert_eq!(facts[0]["value_usd"], 7_400_000);
    let undated = minewatch(&["extract", path, "--json"]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&undated.stdout).unwrap(), serde_json::json!([]));
    let wrong = minewatch(&["extract", path, "--published", "August 12"]);
    assert_eq!(wrong.status.code(), Some(2), "a date that is not YYYY-MM-DD is a usage error");
}

/// `minewatch signals --json | head -c 10`: the reader closes the pipe early; that is not an error.
#[test]
fn a_closed_stdout_pipe_ends_quietly_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_str().unwrap();
    assert!(minewatch(&["--data-dir", data_dir, "demo"]).status.success());
    for command in ["signals", "facts", "status", "feed"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minewatch"))
            .args(
                ["--data-dir", data_dir, command, "--json"].into_iter().filter(|a| command != "feed" || *a != "--json"),
            )
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{command}: {err}");
        assert!(!err.contains("error") && !err.contains("panicked"), "{command}: {err}");
    }
}

#[tokio::test]
async fn a_bad_config_is_refused_with_its_line_before_any_request() {
    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let good = config_toml(&server.base_url());
    let cases = [
        (good.replacen("cik = 1839341", "cik = \"18393A1\"", 1), "malformed CIK"),
        (good.replacen("ticker = \"CORZ\"", "ticker = \"WULF\"", 1), "duplicate ticker WULF"),
        (good.replacen("filer = \"foreign\"", "filer = \"foreign\"\nsector = \"mining\"", 1), "unknown field `sector`"),
        (
            good.replacen("user_agent = \"minewatch-tests tests@minewatch.invalid\"", "user_agent = \"minewatch\"", 1),
            "contact e-mail",
        ),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("config.toml");
        std::fs::write(&file, &text).unwrap();
        let out =
            minewatch(&["--data-dir", dir.path().to_str().unwrap(), "--config", file.to_str().unwrap(), "ingest"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(expected), "{err}");
        let line = err.split(&format!("{}:", file.display())).nth(1).and_then(|rest| rest.split(':').next());
        assert!(line.is_some_and(|l| l.parse::<usize>().is_ok()), "names the line: {err}");
    }
    assert!(server.requests().is_empty(), "no request was sent");
}

/// Hosts of the embedded universe's press sources.
fn press_hosts() -> u64 {
    let config = minewatch::config::Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    let hosts: std::collections::BTreeSet<String> = config
        .companies
        .iter()
        .flat_map(|c| c.press.iter().map(|s| reqwest::Url::parse(s.url()).unwrap().host_str().unwrap().to_string()))
        .collect();
    hosts.len() as u64
}

#[test]
fn demo_ingests_the_bundled_world_and_a_second_demo_fetches_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let data = data.to_str().unwrap();
    let first = minewatch(&["--data-dir", data, "demo", "--json"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let summary: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert!(summary["counts"]["documents_new"].as_u64().unwrap() > 20, "{summary}");
    assert_eq!(summary["counts"]["documents_failed"], 0);

    let second = minewatch(&["--data-dir", data, "demo", "--json"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let again: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(again["counts"]["documents_new"], 0);
    // Everything is a 304 but each press host's robots.txt, read once per run.
    let count = |name: &str| again["counts"][name].as_u64().unwrap();
    assert_eq!(count("requests"), count("not_modified") + press_hosts());

    let status = minewatch(&["--data-dir", data, "status", "--json"]);
    assert!(status.status.success());
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["runs"].as_array().unwrap().len(), 2);
    assert_eq!(status["store"]["documents"], summary["counts"]["documents_new"]);
    assert_eq!(status["backend"], "sqlite");
}

#[test]
fn extract_facts_all_prints_arelle_s_facts_of_a_real_filing() {
    let real = crate::support::manifest_dir().join("../shared/corpus/real");
    let file = real.join("ixbrl/aapl-20250329-10q.htm");
    let out = minewatch(&["extract", file.to_str().unwrap(), "--facts", "all", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let arelle: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(real.join("arelle/aapl-20250329-10q.htm.facts.json")).unwrap()).unwrap();
    assert_eq!(got.len(), arelle.len());
    // Arelle without the SEC transforms leaves word-numbers ("five") unread: those concepts are
    // compared without their values.
    let unread: std::collections::HashSet<String> =
        arelle.iter().filter(|f| f["value"] == "(ixTransformValueError)").map(|f| f["concept"].to_string()).collect();
    let key = |f: &serde_json::Value| {
        let concept = f["concept"].to_string();
        let value = (!unread.contains(&concept)).then(|| f["value"].to_string());
        (
            concept,
            f["period_start"].to_string(),
            f["period_end"].to_string(),
            f["dimensions"].to_string(),
            f["unit"].to_string(),
            value,
        )
    };
    let mut got_keys: Vec<_> = got.iter().map(key).collect();
    let mut want_keys: Vec<_> = arelle.iter().map(key).collect();
    got_keys.sort();
    want_keys.sort();
    assert_eq!(got_keys, want_keys);
}

#[test]
fn extract_prints_the_revenue_facts_of_a_fixture_pdf() {
    let pdf = crate::support::manifest_dir().join("fixtures/pdf/terawulf-q1-2026.pdf");
    let out = minewatch(&["extract", pdf.to_str().unwrap(), "--company", "WULF", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let facts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let hpc = facts.iter().find(|f| f["segment"] == "hpc" && f["period_end"] == "2026-03-31").unwrap();
    assert_eq!((hpc["value_usd"].as_i64(), hpc["extractor"].as_str()), (Some(21_047_000), Some("pdf_table")));
    assert_eq!(hpc["label"], "HPC lease revenue");
    let garbage = crate::support::manifest_dir().join("Cargo.toml");
    let out = minewatch(&["extract", garbage.to_str().unwrap(), "--facts", "all"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Cargo.toml: not readable as inline XBRL"), "{}", stderr(&out));
}

/// Issue 12.4: a release's lines that do not add up to its total are shown by
/// `facts --disagreements`, in words and in the JSON.
#[tokio::test]
async fn lines_that_do_not_add_up_to_their_total_are_shown_as_disagreements() {
    use minewatch::model::{Extractor, Fact, Period, Segment};
    let dir = tempfile::tempdir().unwrap();
    let config = minewatch::config::Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap();
    let store = crate::support::store(dir.path()).await;
    store.upsert_companies(&config.companies).await.unwrap();
    let doc = minewatch::store::NewDocument {
        ticker: "HIVE",
        source: "press",
        url: "http://127.0.0.1/hive-fy24q3.htm",
        accession: None,
        form: Some("press release"),
        role: "release",
        filed: chrono::NaiveDate::from_ymd_opt(2024, 2, 13),
        report_period: chrono::NaiveDate::from_ymd_opt(2023, 12, 31),
        title: None,
        content_type: Some("text/html"),
        validators: Default::default(),
    };
    let id = store.put_document(&doc, b"<p>HIVE</p>").await.unwrap();
    let period = Period {
        start: chrono::NaiveDate::from_ymd_opt(2023, 10, 1).unwrap(),
        end: chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
    };
    let fact = |segment, value_usd, label: &str| Fact {
        segment,
        period,
        value_usd,
        label: label.into(),
        concept: None,
        extractor: Extractor::Prose,
        confidence: 0.5,
        raw_text: String::new(),
    };
    let facts = [
        fact(Segment::Total, 31_300_000, "QUARTERLY REVENUE"),
        fact(Segment::Mining, 30_100_000, "revenue"),
        fact(Segment::Hpc, 900_000, "high performance computing business unit"),
    ];
    let claim = store.claim_document(&crate::support::lease(), id).await.unwrap().unwrap();
    assert!(store.replace_facts(&claim, "HIVE", &facts).await.unwrap());
    minewatch::pipeline::resolve::resolve_company(&store, config.company("HIVE").unwrap()).await.unwrap();
    store.close().await;

    let data = dir.path().to_str().unwrap();
    let out = minewatch(&["--data-dir", data, "facts", "--disagreements"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "HIVE 2024 Q3 total: 31300000 (sources: 31300000 prose http://127.0.0.1/hive-fy24q3.htm (chosen) \
         (its lines leave 300000 unexplained))\n"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&minewatch(&["--data-dir", data, "facts", "--disagreements", "--json"]).stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0][1]["segment"], "total");
    assert_eq!(json[0][1]["sources"][0]["lines_gap_usd"], 300_000);
    assert_eq!(json[0][1]["disagreement"], false);
}

/// Issue 23.4: a `worker --every 1s` re-fetched one listing for 130 s and ignored SIGTERM for 90 s
/// (the crawl loop never ended while some company was due again). SIGTERM now ends `worker`,
/// `ingest` and `watch` part-way, with exit 0 and every claim given back.
#[tokio::test]
async fn sigterm_ends_worker_ingest_and_watch_part_way_with_exit_0_and_their_claims_given_back() {
    // Every answer slow, so SIGTERM arrives with requests and claims under way.
    let slow = minewatch::replay::FaultRule {
        path_suffix: String::new(),
        fault: minewatch::replay::Fault::Slow { millis: 300 },
        times: u32::MAX,
    };
    let server = replay(&edgar_fixtures(), ReplayOptions { faults: vec![slow], ..ReplayOptions::default() }).await;
    let work = tempfile::tempdir().unwrap();
    let config_file = work.path().join("config.toml");
    std::fs::write(&config_file, config_toml(&server.base_url())).unwrap();
    let commands =
        [("worker", &["--every", "1s", "--json"][..]), ("ingest", &["--json"]), ("watch", &["--every", "1s"])];
    for (command, extra) in commands {
        let data_dir = work.path().join(command);
        let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
            .args(["--data-dir", data_dir.to_str().unwrap(), "--config", config_file.to_str().unwrap(), command])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let start = server.requests().len();
        while server.requests().len() < start + 3 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let pid = child.id().unwrap().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let out = child.wait_with_output().await.unwrap();
        assert_eq!(out.status.code(), Some(0), "{command} exits 0 on SIGTERM");
        let store = minewatch::store::Store::open(&data_dir).await.unwrap();
        let config = crate::support::config(&server.base_url());
        store.upsert_companies(&config.companies).await.unwrap(); // a watch stopped before it did
        let lease = crate::support::lease();
        for company in &config.companies {
            let claim = store.claim_crawl_of(&lease, &company.ticker).await.unwrap();
            assert!(claim.is_some(), "{command}: {} was given back", company.ticker);
        }
        let report = || serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
        match command {
            "ingest" => {
                assert_eq!(report()["status"], "stopped");
                assert_eq!(store.recent_runs(5).await.unwrap()[0].status, "stopped");
            }
            "worker" => assert!(report()["passes"].as_u64().is_some(), "the worker's report is printed"),
            _ => {}
        }
    }
}

#[test]
fn facts_lines_lists_each_line_as_reported_with_its_class_and_quarters() {
    let world = crate::support::copy_of_world();
    let data_dir = world.path().to_str().unwrap();
    let out = minewatch(&["--data-dir", data_dir, "facts", "--ticker", "WULF", "--lines", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = lines.as_array().unwrap();
    assert!(lines.iter().any(|l| l["class"] == "hpc"), "{lines:?}");
    assert!(lines.iter().any(|l| l["class"] == "mining"), "{lines:?}");
    for line in lines {
        let quarters = line["quarters"].as_array().unwrap();
        assert!(!quarters.is_empty() && quarters.iter().all(|q| q["value_usd"].is_i64()), "{line}");
    }
    let out = minewatch(&["--data-dir", data_dir, "facts", "--ticker", "WULF", "--lines"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(&format!("WULF (TeraWulf Inc.): {} revenue lines as reported\n", lines.len())), "{text}");
    assert_eq!(
        minewatch(&["--data-dir", data_dir, "facts", "--lines"]).status.code(),
        Some(2),
        "--lines needs --ticker"
    );
}
