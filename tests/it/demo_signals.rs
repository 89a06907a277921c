//! The whole pipeline over the bundled world raises exactly the crossovers of
//! `../shared/facts/README.md` for the miners it models, and NVIDIA's under its own pivot rule
//! (`Data Center > Gaming`, companies.toml), and a second run raises and delivers nothing new.

use minewatch::model::SignalKind;
use minewatch::replay::ReplayOptions;

use crate::support::{config, edgar_fixtures, manifest_dir, replay, store};

#[tokio::test]
async fn the_demo_world_raises_exactly_the_real_crossovers_once() {
    let edgar = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let press = replay(&manifest_dir().join("fixtures/press"), ReplayOptions::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let mut config = config(&edgar.base_url());
    config.aim_press_at(&press.base_url());
    config.companies =
        minewatch::config::Config::parse(minewatch::config::DEFAULT_CONFIG, "t", Some("t t@t.io")).unwrap().companies;
    config.alert.jsonl = Some(minewatch::config::JsonlTarget::File(dir.path().join("alerts.jsonl")));

    let first = minewatch::pipeline::ingest(&config, &store, "test").await.unwrap();
    assert!(first.failures.is_empty(), "{:?}", first.failures);
    let mut crossovers: Vec<(String, String)> = first
        .signals
        .current
        .iter()
        .filter(|s| s.kind == SignalKind::Crossover)
        .map(|s| (s.ticker.clone(), s.quarter.clone()))
        .collect();
    crossovers.sort();
    // NVIDIA's real figures (fixtures/real/SOURCES.md): Data Center passes Gaming in fiscal Q2
    // 2021 (1,752 vs 1,654 million, after 1,141 vs 1,339), and Gaming leads again in Q3 (2,270 vs
    // 1,900). A crossover is the first quarter a rule's rising side passes its falling side, so
    // Q2 FY2021 is raised once; Gaming leading again the quarter after is no retraction, which
    // is a raised crossover that a restatement of its own quarter undid, and Q2 FY2021 stands as
    // filed. Nor is it approaching, which is for a company that has not crossed.
    let expected =
        [("APLD", "Q2 FY2026"), ("BTBT", "Q3 2024"), ("CORZ", "Q1 2026"), ("NVDA", "Q2 FY2021"), ("WULF", "Q1 2026")];
    assert_eq!(crossovers, expected.map(|(t, q)| (t.to_string(), q.to_string())));
    assert!(first.signals.current.iter().all(|s| s.kind != SignalKind::Retraction));
    assert!(first.signals.unclassified.iter().any(|(ticker, _)| ticker == "HUT"), "{:?}", first.signals.unclassified);
    assert_eq!(first.signals.new, first.signals.current.len());

    assert!(first.signals.current.iter().all(|s| s.ticker != "NVDA" || s.kind == SignalKind::Crossover));
    let nvda = first.signals.current.iter().find(|s| s.ticker == "NVDA").unwrap();
    assert_eq!(nvda.key(), "NVDA/data-center-over-gaming/crossover/2021Q2");
    assert_eq!((nvda.evidence.current.hpc_usd, nvda.evidence.current.bitcoin_usd), (1_752_000_000, 1_654_000_000));
    let before = nvda.evidence.previous.as_ref().unwrap();
    assert_eq!(
        (before.quarter.as_str(), before.hpc_usd, before.bitcoin_usd),
        ("Q1 FY2021", 1_141_000_000, 1_339_000_000)
    );
    let labels: Vec<&str> = nvda.evidence.sources.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["nvda:DataCenterMember", "nvda:GamingMember", "nvda:DataCenterMember", "nvda:GamingMember"]);
    assert!(first.signals.current.iter().all(|s| s.rule.is_none() || s.ticker == "NVDA"), "miners: the default rule");

    let wulf = first.signals.current.iter().find(|s| s.ticker == "WULF" && s.kind == SignalKind::Crossover).unwrap();
    assert_eq!((wulf.evidence.current.hpc_usd, wulf.evidence.current.bitcoin_usd), (21_047_000, 12_965_000));
    assert!(
        wulf.evidence.sources.iter().any(|e| e.url.starts_with("https://www.sec.gov/Archives/edgar/data/1083301/"))
    );

    let lines = std::fs::read_to_string(dir.path().join("alerts.jsonl")).unwrap();
    assert_eq!(lines.lines().count(), first.signals.new, "one JSON line per new signal");
    // The alert names the rule's sides and carries its key.
    let nvda: serde_json::Value =
        lines.lines().find(|l| l.contains("\"NVDA\"")).map(serde_json::from_str).unwrap().unwrap();
    assert_eq!(nvda["id"], "tag:minewatch,2026:signal/NVDA/data-center-over-gaming/crossover/2021Q2");
    assert_eq!(nvda["signal"]["rule"], "Data Center > Gaming");
    let text = nvda["text"].as_str().unwrap();
    assert!(
        text.starts_with("NVIDIA Corporation (NVDA): Data Center overtook Gaming in Q2 FY2021. Data Center $1752.0M vs Gaming $1654.0M"),
        "{text}"
    );
    assert_eq!(first.signals.delivery.delivered, first.signals.new);

    let second = minewatch::pipeline::ingest(&config, &store, "test").await.unwrap();
    assert_eq!(second.signals.new, 0);
    assert_eq!(second.signals.delivery.delivered, 0);
    assert_eq!(std::fs::read_to_string(dir.path().join("alerts.jsonl")).unwrap(), lines, "nothing delivered twice");

    // `extract --all`: every stored document again, without a single HTTP request.
    let served = (edgar.requests().len(), press.requests().len());
    let all = store.document_ids().await.unwrap();
    let again = minewatch::pipeline::extract::extract_documents(&config, &store, &all).await.unwrap();
    assert_eq!((again.documents, again.facts), (first.extract.documents, first.extract.facts));
    assert_eq!((edgar.requests().len(), press.requests().len()), served);
    let series = store.series("WULF").await.unwrap();
    let q1 = series.iter().find(|r| (r.fiscal_year, r.fiscal_quarter) == (2026, 1)).unwrap();
    assert_eq!((q1.hpc, q1.mining, q1.total), (Some(21_047_000), Some(12_965_000), Some(34_012_000)));
    let q4 = series.iter().find(|r| (r.fiscal_year, r.fiscal_quarter) == (2025, 4)).unwrap();
    assert_eq!((q4.hpc, q4.mining), (Some(9_712_000), Some(26_124_000)));
}
