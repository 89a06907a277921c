//! Pivot rules through the store, on both backends: the rules `follow --pivot` adds are kept and
//! read back beside the config's `[[pivot]]`, and each rule's signals are their own — two rules
//! crossing in one company's quarter are two stored signals with an alert each, raised once, and
//! a restatement retracts one rule's crossover without touching the other's.

use minewatch::alert;
use minewatch::config::{AlertConfig, JsonlTarget};
use minewatch::detect::{self, DetectSettings};
use minewatch::model::{LineQuarter, LineSeries, PivotRule, ResolvedQuarter, Segment, SignalKind};
use minewatch::pipeline::universe;
use minewatch::store::Store;

use crate::series::{company, quarter};
use crate::support::{config, store};

fn rule(text: &str) -> PivotRule {
    PivotRule::parse(text).unwrap()
}

#[tokio::test]
async fn follow_pivot_rules_are_kept_in_the_store_beside_the_configs() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    store.follow(&company("CHIP", "Chip Corp.")).await.unwrap();
    let chips = rule("Data Center > Gaming");
    store.add_pivot("CHIP", &chips).await.unwrap();
    store.add_pivot("CHIP", &chips).await.unwrap();
    assert_eq!(store.pivots().await.unwrap(), [("CHIP".to_string(), chips.clone())], "kept once");

    let text = format!("{}\n[[pivot]]\nrule = \"hpc > mining\"\n", crate::support::config_toml("http://127.0.0.1:9"));
    let seed = minewatch::config::Config::parse(&text, "pivots.toml", None).unwrap();
    let read = universe::read(&seed, &store).await.unwrap();
    assert_eq!(read.pivot_rules("chip"), [chips, rule("hpc > mining")], "its own, then the rule for all");
    assert_eq!(read.pivot_rules("WULF"), [rule("hpc > mining")]);
    assert!(universe::read(&config("http://127.0.0.1:9"), &store).await.unwrap().pivot_rules("WULF").is_empty());
}

/// A line as reported: (year, quarter, US$ millions), calendar quarters.
fn line(name: &str, class: Segment, values: &[(i32, u8, f64)]) -> LineSeries {
    let quarters = values
        .iter()
        .map(|&(year, q, millions)| {
            let resolved = quarter("CHIP", year, q, &[(class, millions)]);
            LineQuarter {
                quarter: resolved.quarter,
                period: resolved.period,
                resolved: resolved.segments[&class].clone(),
            }
        })
        .collect();
    LineSeries { line: name.into(), class, other_names: vec![], quarters }
}

/// One detection of CHIP under both rules, recorded with an alert to a JSON-lines file; returns
/// how many signals were new.
async fn run(store: &Store, data_center_q1: f64) -> usize {
    let rules = [rule("Data Center > Gaming"), rule("hpc > other")];
    let lines = [
        line("chip:DataCenterMember", Segment::Hpc, &[(2025, 4, 30.0), (2026, 1, data_center_q1)]),
        line("chip:GamingMember", Segment::Other, &[(2025, 4, 40.0), (2026, 1, 38.0)]),
    ];
    let series: Vec<ResolvedQuarter> = vec![
        quarter("CHIP", 2025, 4, &[(Segment::Hpc, 30.0), (Segment::Other, 40.0)]),
        quarter("CHIP", 2026, 1, &[(Segment::Hpc, 45.0), (Segment::Other, 38.0)]),
    ];
    let raised = store.raised_signals("CHIP").await.unwrap();
    let chip = company("CHIP", "Chip Corp.");
    let found = detect::detect_pivots(&chip, &series, &lines, &raised, &DetectSettings::default(), &rules);
    let sink = AlertConfig { jsonl: Some(JsonlTarget::Stdout), ..AlertConfig::default() };
    alert::record(store, &found.signals, &sink).await.unwrap()
}

#[tokio::test]
async fn two_rules_crossing_in_one_quarter_are_two_signals_raised_once_and_retracted_apart() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;

    assert_eq!(run(&store, 45.0).await, 2, "one crossover per rule");
    assert_eq!(run(&store, 45.0).await, 0, "raised once");
    let keys = |signals: Vec<minewatch::store::StoredSignal>| -> Vec<String> {
        signals.into_iter().map(|s| format!("{} #{}", s.signal.key(), s.occurrence)).collect()
    };
    assert_eq!(
        keys(store.signals().await.unwrap()),
        ["CHIP/data-center-over-gaming/crossover/2026Q1 #1", "CHIP/hpc-over-other/crossover/2026Q1 #1"]
    );
    let alerts = store.alerts(minewatch::store::AlertFilter::All).await.unwrap();
    let alerted: Vec<String> = alerts.iter().map(|a| a.signal.key()).collect();
    assert_eq!(alerted, ["CHIP/data-center-over-gaming/crossover/2026Q1", "CHIP/hpc-over-other/crossover/2026Q1"]);
    let raised = store.raised_signals("CHIP").await.unwrap();
    assert_eq!(
        raised.iter().map(|r| r.rule.clone()).collect::<Vec<_>>(),
        [Some(rule("Data Center > Gaming")), Some(rule("hpc > other"))]
    );

    // The line is restated below Gaming: its rule's crossover is retracted, the class rule's stays.
    assert_eq!(run(&store, 20.0).await, 1);
    let stored = store.signals().await.unwrap();
    let last = stored.last().unwrap();
    assert_eq!(
        (last.signal.kind, last.signal.rule.clone()),
        (SignalKind::Retraction, Some(rule("Data Center > Gaming")))
    );
    assert_eq!(run(&store, 20.0).await, 0, "retracted once");
    assert_eq!(run(&store, 45.0).await, 1, "the crossover holds again: a new occurrence");
    assert_eq!(
        keys(store.signals().await.unwrap()).last().map(String::as_str),
        Some("CHIP/data-center-over-gaming/crossover/2026Q1 #2")
    );
}
