//! `follow`: a company added from EDGAR's real company list and submissions JSON (replayed on
//! 127.0.0.1 at EDGAR's paths), stored on the backend under test, with no config edit; the
//! universe every stage reads is the store's.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{config, lease, replay, store};
use minewatch::crawl::filer::FilerId;
use minewatch::model::{Company, FilerKind, FiscalYearEnd};
use minewatch::pipeline::universe;
use minewatch::replay::{ReplayOptions, ReplayServer};
use minewatch::store::{Member, Origin};

const TESLA_CIK: u64 = 1_318_605;

fn real_json(name: &str) -> std::path::PathBuf {
    crate::support::manifest_dir().join("../shared/corpus/real/edgar-json").join(name)
}

/// An EDGAR-shaped folder: the real company list at its URL path, and the real Tesla
/// submissions JSON at Tesla's; `more` adds (path, bytes).
async fn edgar(dir: &Path, more: &[(&str, &[u8])]) -> ReplayServer {
    std::fs::create_dir_all(dir.join("files")).unwrap();
    std::fs::create_dir_all(dir.join("submissions")).unwrap();
    std::fs::copy(real_json("company_tickers.json"), dir.join("files/company_tickers.json")).unwrap();
    std::fs::copy(real_json("company_submission.json"), dir.join(format!("submissions/CIK{TESLA_CIK:010}.json")))
        .unwrap();
    for (path, bytes) in more {
        std::fs::write(dir.join(path), bytes).unwrap();
    }
    replay(dir, ReplayOptions::default()).await
}

/// Tesla as its real submissions JSON and EDGAR's company list describe it.
fn tesla() -> Company {
    Company {
        ticker: "TSLA".into(),
        name: "Tesla, Inc.".into(),
        cik: TESLA_CIK,
        fiscal_year_end: FiscalYearEnd { month: 12, day: 31 },
        filer_kind: FilerKind::Domestic,
        overrides: Vec::new(),
        press: Vec::new(),
    }
}

#[tokio::test]
async fn following_a_real_cik_fills_the_company_from_edgar_and_the_universe_takes_it() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = edgar(world.path(), &[]).await;
    let config = config(&server.base_url());
    let store = store(data.path()).await;
    assert!(config.company("TSLA").is_none(), "Tesla is not in the config");

    let followed = universe::follow(&config, &store, &FilerId::Cik(TESLA_CIK), &[]).await.unwrap();
    assert_eq!(followed, tesla());
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/files/company_tickers.json", "/submissions/CIK0001318605.json"]);

    let stored = store.followed().await.unwrap();
    assert!(stored.contains(&Member { company: tesla(), origin: Origin::Follow }), "{stored:?}");
    let seeded = universe::adopt(&config, &store).await.unwrap();
    assert_eq!(seeded.companies.len(), config.companies.len() + 1);
    assert_eq!(seeded.company("TSLA"), Some(&tesla()));
    // A seeded company keeps its label overrides from the config.
    assert_eq!(seeded.company("WULF").unwrap().overrides, config.company("WULF").unwrap().overrides);

    // By ticker, the same company; following twice keeps one row. `--pivot` adds its rule.
    let automotive = minewatch::model::PivotRule::parse("Energy Generation And Storage Sales > Automotive Sales");
    let automotive = automotive.unwrap();
    let tsla = FilerId::Ticker("TSLA".into());
    let again = universe::follow(&config, &store, &tsla, std::slice::from_ref(&automotive)).await.unwrap();
    assert_eq!(again, tesla());
    assert_eq!(store.followed().await.unwrap().iter().filter(|m| m.company.ticker == "TSLA").count(), 1);
    let read = universe::read(&config, &store).await.unwrap();
    assert_eq!(read.pivot_rules("TSLA"), [automotive]);
    assert!(read.pivot_rules("WULF").is_empty(), "the miners' rule");
}

#[tokio::test]
async fn an_unfollowed_company_leaves_the_universe_and_the_seed_does_not_bring_it_back() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = edgar(world.path(), &[]).await;
    let config = config(&server.base_url());
    let store = store(data.path()).await;
    universe::adopt(&config, &store).await.unwrap();

    assert!(universe::unfollow(&store, "wulf").await.unwrap());
    assert!(!universe::unfollow(&store, "WULF").await.unwrap(), "already unfollowed");
    let after = universe::adopt(&config, &store).await.unwrap();
    assert!(after.company("WULF").is_none(), "the seed re-followed an unfollowed company");
    assert_eq!(after.companies.len(), config.companies.len() - 1);
    // No stage claims its crawl any more.
    assert!(store.claim_crawl_of(&lease(), "WULF").await.unwrap().is_none());
    assert!(store.claim_crawl_of(&lease(), "CORZ").await.unwrap().is_some());
    // Its rows stay: the store still knows the company.
    assert!(store.companies().await.unwrap().iter().any(|c| c.ticker == "WULF"));
}

#[tokio::test]
async fn following_a_cik_the_seed_has_keeps_the_seeded_ticker() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = edgar(world.path(), &[]).await;
    let text = crate::support::config_toml(&server.base_url())
        + &format!(
            "[[company]]\nticker = \"TESLA\"\nname = \"Tesla\"\ncik = {TESLA_CIK}\n\
             fiscal_year_end = \"12-31\"\nfiler = \"domestic\"\n"
        );
    let config = minewatch::config::Config::parse(&text, "test config", None).unwrap();
    let store = store(data.path()).await;
    universe::adopt(&config, &store).await.unwrap();
    let followed = universe::follow(&config, &store, &FilerId::Cik(TESLA_CIK), &[]).await.unwrap();
    assert_eq!(followed.ticker, "TESLA");
    assert_eq!(followed.name, "Tesla, Inc.");
    assert!(store.followed().await.unwrap().iter().all(|m| m.company.ticker != "TSLA"));
}

#[tokio::test]
async fn edgar_answers_that_cannot_be_used_are_refused_with_their_url() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // NVIDIA (1045810) is in the real list but its submissions are not served (a 404); Apple's
    // (320193) are garbage.
    let server = edgar(world.path(), &[("submissions/CIK0000320193.json", b"<html>busy</html>")]).await;
    let config = config(&server.base_url());
    let store = store(data.path()).await;
    let refused = |id: FilerId| {
        let (config, store) = (&config, &store);
        async move { universe::follow(config, store, &id, &[]).await.unwrap_err().to_string() }
    };
    assert_eq!(
        refused(FilerId::Ticker("NOSUCHCO".into())).await,
        "following ticker NOSUCHCO: no ticker NOSUCHCO in EDGAR's company list \
         (https://www.sec.gov/files/company_tickers.json)"
    );
    assert_eq!(
        refused(FilerId::Ticker("NVDA".into())).await,
        "following ticker NVDA: https://data.sec.gov/submissions/CIK0001045810.json: HTTP 404"
    );
    let garbage = refused(FilerId::Cik(320_193)).await;
    assert!(
        garbage.starts_with(
            "following CIK 320193: https://data.sec.gov/submissions/CIK0000320193.json: malformed response:"
        ),
        "{garbage}"
    );
    assert!(store.followed().await.unwrap().is_empty(), "nothing is followed after a refusal");
}

fn minewatch(data: &Path, base: &str, args: &[&str]) -> Output {
    let config = data.join("config.toml");
    std::fs::write(&config, crate::support::config_toml(base)).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_minewatch"));
    command.arg("--data-dir").arg(data).arg("--config").arg(&config).args(args);
    if std::env::var("MINEWATCH_TEST_BACKEND").as_deref() == Ok("postgres") {
        let url = data.join("database-url");
        if !url.exists() {
            std::fs::write(&url, crate::support::fresh_postgres_database()).unwrap();
        }
        command.arg("--database-url").arg(std::fs::read_to_string(&url).unwrap());
    }
    command.env_remove("MINEWATCH_USER_AGENT").output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_command_adds_status_lists_and_unfollow_drops() {
    let (world, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = edgar(world.path(), &[]).await;
    let base = server.base_url();
    let text =
        |o: &Output| (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned());

    let out = minewatch(data.path(), &base, &["follow", "1318605"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout, "following TSLA Tesla, Inc. (CIK 1318605, fiscal year ends 12-31, files 10-Q/10-K)\n");

    let out = minewatch(data.path(), &base, &["status"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("1 companies followed (1 stored)"), "{stdout}");
    assert!(stdout.contains("  TSLA Tesla, Inc. (CIK 1318605, fiscal year ends 12-31, files 10-Q/10-K) [followed]\n"));

    let out = minewatch(data.path(), &base, &["status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["universe"][0]["company"]["ticker"], "TSLA");
    assert_eq!(status["universe"][0]["origin"], "follow");

    let out = minewatch(data.path(), &base, &["follow", "NOSUCHCO"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "an unknown ticker is bad usage: {stderr}");
    assert!(stderr.contains("no ticker NOSUCHCO in EDGAR's company list"), "{stderr}");

    let out = minewatch(data.path(), &base, &["follow", "NVDA"]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("https://data.sec.gov/submissions/CIK0001045810.json: HTTP 404"), "{stderr}");

    let out = minewatch(data.path(), &base, &["unfollow", "tsla"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let out = minewatch(data.path(), &base, &["unfollow", "TSLA"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    let out = minewatch(data.path(), &base, &["status"]);
    assert!(text(&out).0.contains("0 companies followed (1 stored)"), "{}", text(&out).0);
}
