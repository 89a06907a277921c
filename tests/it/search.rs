//! Search over the demo world: exact phrase hits, filters, snippets, errors, rebuild and repair.
//!
//! The world (`support::world`) is ingested once per test binary; tests that write copy it first.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use minewatch::index::{self, IndexError, Query, Results, SearchIndex};
use minewatch::pipeline;
use minewatch::replay::ReplayOptions;
use minewatch::store::{NewDocument, Validators};

use crate::support::{config, copy_of_world, edgar_fixtures, replay, store, world};

fn search(dir: &Path, query: &Query) -> Results {
    SearchIndex::open_in(dir).unwrap().search(query).unwrap()
}

fn query(text: &str) -> Query {
    Query { limit: 100, ..Query::new(text) }
}

/// The fixture path (`Archives/edgar/data/…`) of every hit.
fn paths(results: &Results) -> BTreeSet<String> {
    results
        .hits
        .iter()
        .map(|h| h.document.url.split_once("/Archives/").map(|(_, p)| format!("Archives/{p}")).unwrap_or_default())
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| format!("Archives/edgar/data/{p}")).collect()
}

fn date(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

/// The visible text of these fixture documents says "HPC lease revenue" (checked against the
/// files with an independent tag-stripping scan: no other document does).
const HPC_LEASE_REVENUE: [&str; 6] = [
    "1083301/000108330125000101/wulf-ex991_20251110.htm",
    "1083301/000108330125000103/wulf-20250930.htm",
    "1083301/000108330126000007/wulf-ex991_20260226.htm",
    "1083301/000108330126000009/wulf-20251231.htm",
    "1083301/000108330126000012/wulf-ex991_20260508.htm",
    "1083301/000108330126000014/wulf-20260331.htm",
];

#[test]
fn phrase_queries_find_exactly_the_documents_that_contain_the_phrase() {
    let dir = &world().dir;
    let hpc = search(dir, &query("\"HPC lease revenue\""));
    assert_eq!(paths(&hpc), set(&HPC_LEASE_REVENUE));
    assert_eq!(hpc.total, 6);
    assert_eq!(hpc.tickers.iter().map(|f| (f.value.as_str(), f.count)).collect::<Vec<_>>(), [("WULF", 6)]);
    let forms: Vec<_> = hpc.forms.iter().map(|f| (f.value.as_str(), f.count)).collect();
    assert_eq!(forms, [("8-K", 3), ("10-Q", 2), ("10-K", 1)], "most first");
    let wulf = &hpc.hits[0].document;
    assert_eq!(
        (wulf.company.as_str(), wulf.cik.as_str()),
        ("TeraWulf Inc.", "1083301"),
        "named from the companies table"
    );

    // Core Scientific's colocation line, and Bit Digital's "Cloud and colocation services" (Q1 and Q2
    // 2025, Q1 2026).
    let colocation = search(dir, &query("colocation"));
    assert_eq!(
        paths(&colocation),
        set(&[
            "1710350/000171035025000801/ea025091401ex99-1_bitdigital.htm",
            "1710350/000171035025000802/ea025071501ex99-1_bitdigital.htm",
            "1710350/000171035026000807/ea026121501ex99-1_bitdigital.htm",
            "1839341/000183934125000081/q32025earningsrelease-ex991.htm",
            "1839341/000183934126000011/q42025earningsrelease-ex991.htm",
            "1839341/000183934126000029/q12026earningsrelease-ex991.htm",
            "1839341/000183934126000031/core-20260331.htm",
        ])
    );
    assert_eq!(search(dir, &query("\"lease HPC revenue\"")).total, 0, "a phrase is ordered");
}

#[test]
fn hidden_ixbrl_header_is_not_searchable() {
    // Every 10-Q's hidden header holds `dei:AmendmentFlag`, contexts and `iso4217:USD` units.
    let results = search(&world().dir, &query("iso4217 OR AmendmentFlag OR xbrli"));
    assert_eq!(results.total, 0, "{:?}", paths(&results));
}

#[test]
fn filters_by_ticker_form_and_date_narrow_the_hits() {
    let dir = &world().dir;
    let base = query("\"HPC lease revenue\"");
    let with = |f: &dyn Fn(&mut Query)| {
        let mut q = base.clone();
        f(&mut q);
        paths(&search(dir, &q))
    };
    assert_eq!(with(&|q| q.tickers = vec!["wulf".into()]), set(&HPC_LEASE_REVENUE), "tickers are case-insensitive");
    assert!(with(&|q| q.tickers = vec!["CORZ".into()]).is_empty());
    assert_eq!(with(&|q| q.forms = vec!["10-q".into()]), set(&[HPC_LEASE_REVENUE[1], HPC_LEASE_REVENUE[5]]));
    assert_eq!(
        with(&|q| q.forms = vec!["10-Q".into(), "10-K".into()]),
        set(&[HPC_LEASE_REVENUE[1], HPC_LEASE_REVENUE[3], HPC_LEASE_REVENUE[5]])
    );
    assert_eq!(
        with(&|q| q.from = date("2026-01-01")),
        set(&[HPC_LEASE_REVENUE[2], HPC_LEASE_REVENUE[3], HPC_LEASE_REVENUE[4], HPC_LEASE_REVENUE[5]])
    );
    assert_eq!(with(&|q| q.to = date("2025-12-31")), set(&[HPC_LEASE_REVENUE[0], HPC_LEASE_REVENUE[1]]));
    assert_eq!(
        with(&|q| (q.from, q.to) = (date("2026-02-26"), date("2026-02-27"))),
        set(&[HPC_LEASE_REVENUE[2], HPC_LEASE_REVENUE[3]]),
        "both ends are inclusive"
    );
    assert_eq!(
        with(&|q| {
            q.tickers = vec!["WULF".into(), "CORZ".into()];
            q.forms = vec!["10-Q".into()];
            q.from = date("2026-01-01");
        }),
        set(&[HPC_LEASE_REVENUE[5]])
    );

    let mut all_corz = Query { tickers: vec!["CORZ".into()], ..query("") };
    let corz = search(dir, &all_corz); // nine 8-Ks, their nine EX-99.1s and one 10-Q
    assert!(corz.total == 19 && corz.hits.iter().all(|h| h.document.ticker == "CORZ"), "an empty text filters only");
    all_corz.limit = 3;
    all_corz.offset = 2;
    let page = search(dir, &all_corz);
    assert_eq!((page.total, page.hits.len()), (corz.total, 3), "the total counts every hit, not the page");
    assert_eq!(page.tickers, corz.tickers, "facets count every hit, not the page");
}

#[test]
fn field_terms_and_boolean_operators_parse() {
    let dir = &world().dir;
    let hpc = set(&HPC_LEASE_REVENUE);
    assert_eq!(paths(&search(dir, &query("ticker:WULF AND \"HPC lease revenue\""))), hpc);
    assert_eq!(paths(&search(dir, &query("cik:1083301 \"HPC lease revenue\""))), hpc);
    assert_eq!(
        paths(&search(dir, &query("colocation NOT ticker:CORZ"))),
        set(&[
            "1710350/000171035025000801/ea025091401ex99-1_bitdigital.htm",
            "1710350/000171035025000802/ea025071501ex99-1_bitdigital.htm",
            "1710350/000171035026000807/ea026121501ex99-1_bitdigital.htm",
        ])
    );
    let either = search(dir, &query("\"HPC lease revenue\" OR colocation"));
    assert_eq!(either.total, 13);
    assert_eq!(
        paths(&search(dir, &query("form:10-Q \"HPC lease revenue\""))),
        set(&[HPC_LEASE_REVENUE[1], HPC_LEASE_REVENUE[5]])
    );
}

#[test]
fn an_amendment_is_its_own_hit_beside_the_original() {
    let q = Query { tickers: vec!["WULF".into()], from: date("2025-08-08"), to: date("2025-09-19"), ..query("") };
    let results = search(&world().dir, &q);
    let mut hits: Vec<_> = results
        .hits
        .iter()
        .map(|h| (h.document.form.clone().unwrap_or_default(), h.document.accession.clone()))
        .collect();
    hits.sort();
    assert_eq!(
        hits,
        [
            ("10-Q".to_string(), Some("0001083301-25-000072".to_string())),
            ("10-Q/A".to_string(), Some("0001083301-25-000088".to_string()))
        ]
    );
}

#[test]
fn snippets_mark_the_matched_terms() {
    let results = search(&world().dir, &query("\"HPC lease revenue\""));
    for hit in &results.hits {
        let s = &hit.snippet;
        assert!(s.html.to_lowercase().contains("<b>hpc lease revenue</b>"), "the phrase whole: {}", s.html);
        let marked: Vec<_> = s.highlights.iter().map(|&(a, b)| s.text[a..b].to_lowercase()).collect();
        assert!(!marked.is_empty() && marked.iter().all(|m| m == "hpc lease revenue"), "{marked:?}");
    }
    let words = search(&world().dir, &query("colocation revenue"));
    let marked: Vec<_> = words
        .hits
        .iter()
        .flat_map(|h| h.snippet.highlights.iter().map(|&(a, b)| h.snippet.text[a..b].to_lowercase()))
        .collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|m| m == "colocation" || m == "revenue"),
        "words alone: {marked:?}"
    );
}

#[tokio::test]
async fn an_empty_index_answers_zero_hits() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let (index, report) = index::open_repaired(&store).await.unwrap();
    assert_eq!(report, index::IndexReport::default());
    let results = index.search(&query("\"HPC lease revenue\"")).unwrap();
    assert_eq!((results.total, results.hits.len(), results.tickers.len(), results.forms.len()), (0, 0, 0, 0));
    assert_eq!(index.search(&query("")).unwrap().total, 0);
}

#[test]
fn a_malformed_query_is_an_error_saying_where() {
    let index = SearchIndex::open_in(&world().dir).unwrap();
    for (text, position) in [("\"HPC lease", 10), ("revenue AND (colocation", 23), ("revenue nosuchfield:x", 8)] {
        match index.search(&query(text)) {
            Err(IndexError::Query(e)) => {
                assert_eq!(e.position, Some(position), "{text}: {e}");
                let shown = e.to_string();
                assert!(shown.contains(&format!("column {}", position + 1)) && shown.contains(text), "{shown}");
                assert!(shown.lines().last().is_some_and(|l| l.ends_with('^')), "{shown}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

fn minewatch(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_minewatch")).arg("--data-dir").arg(dir).args(args).output().unwrap()
}

#[test]
fn the_cli_searches_and_exits_2_on_a_query_that_does_not_parse() {
    let dir = &world().dir;
    let out = minewatch(dir, &["search", "\"HPC lease revenue\"", "--ticker", "wulf", "--form", "10-Q", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total"], 2);
    assert_eq!(json["hits"][0]["ticker"], "WULF");
    assert!(json["hits"][0]["snippet"]["html"].as_str().unwrap().to_lowercase().contains("<b>hpc lease revenue</b>"));
    let heading = json["hits"][0]["heading"].as_str().unwrap();
    assert!(heading.starts_with("TeraWulf · 10-Q · quarterly report for the period ended "), "{heading}");

    let out = minewatch(dir, &["search", "\"HPC lease revenue\"", "--from", "2026-05-01", "--limit", "1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.starts_with("2 hits; tickers: WULF 2; forms: 10-Q 1, 8-K 1"), "{text}");
    assert!(text.to_lowercase().contains("**hpc lease revenue**") && text.contains("\n1. TeraWulf · "), "{text}");

    let out = minewatch(dir, &["search", "revenue AND (colocation"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("column 24") && err.contains(&format!("{}^", " ".repeat(25))), "{err}");
}

/// Everything a search shows, for comparing two indexes of the same store: every hit, since
/// "revenue" and "" match more documents than a page holds, and which of many equally scored
/// hits fill a page depends on how the index's segments were written.
fn everything(dir: &Path) -> Vec<Results> {
    ["\"HPC lease revenue\"", "colocation", "revenue", "bitcoin mining", ""]
        .into_iter()
        .map(|text| {
            let mut results = search(dir, &Query { limit: 1_000, ..query(text) });
            assert!(results.total <= 1_000, "{text}: every hit fits the page");
            results.hits.sort_by_key(|h| h.document.id);
            results
        })
        .collect()
}

#[tokio::test]
async fn each_run_indexes_its_new_documents_and_reindex_gives_the_same_results() {
    let world = world();
    let stored = {
        let store = store(&world.dir).await;
        let ids = store.documents().await.unwrap().len() as u64;
        store.close().await;
        ids
    };
    assert_eq!(world.summary["counts"]["documents_new"], stored);
    assert_eq!(world.summary["indexed"], serde_json::json!({ "indexed": stored, "repaired": 0 }));
    let incremental = everything(&world.dir);

    let copy = copy_of_world();
    let out = minewatch(copy.path(), &["reindex", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["counts"]["indexed"], stored);
    assert_eq!(SearchIndex::open_in(copy.path()).unwrap().num_docs(), stored, "no duplicates after a rebuild");
    let rebuilt = everything(copy.path());
    for (a, b) in incremental.iter().zip(&rebuilt) {
        assert_eq!((a.total, &a.tickers, &a.forms), (b.total, &b.tickers, &b.forms));
        let docs = |r: &Results| r.hits.iter().map(|h| (h.document.clone(), h.snippet.clone())).collect::<Vec<_>>();
        assert_eq!(docs(a), docs(b));
    }
}

#[tokio::test]
async fn a_document_stored_but_never_indexed_is_indexed_by_the_next_run() {
    let copy = copy_of_world();
    let store = store(copy.path()).await;
    // As if the process died between storing this document and committing the index.
    let crashed = NewDocument {
        ticker: "WULF",
        source: "edgar",
        url: "https://www.sec.gov/Archives/edgar/data/1083301/000108330126000099/wulf-ex991_crashed.htm",
        accession: Some("0001083301-26-000099"),
        form: Some("8-K"),
        role: "exhibit",
        filed: NaiveDate::from_ymd_opt(2026, 6, 1),
        report_period: None,
        title: None,
        content_type: Some("text/html"),
        validators: Validators::default(),
    };
    let id = store.put_document(&crashed, b"<html><body><p>Quantum tulip colocation</p></body></html>").await.unwrap();
    assert_eq!(SearchIndex::open_in(copy.path()).unwrap().search(&query("tulip")).unwrap().total, 0);
    // The index's last commit is caught up to the store's seq before it: the new one is after.
    let through = SearchIndex::open_in(copy.path()).unwrap().indexed_through().unwrap().unwrap();
    let after: Vec<_> = store.documents_after(through).await.unwrap();
    assert_eq!(after.iter().map(|d| d.id).collect::<Vec<_>>(), [id]);
    assert_eq!(after[0].seq, through + 1);

    let server = replay(&edgar_fixtures(), ReplayOptions::default()).await;
    let quiet_night = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    assert_eq!(quiet_night.counts.documents_new, 0);
    assert_eq!((quiet_night.indexed.indexed, quiet_night.indexed.repaired), (1, 1));
    let hits = search(copy.path(), &query("\"quantum tulip\""));
    assert_eq!(hits.hits.iter().map(|h| h.document.id).collect::<Vec<_>>(), [id]);
    assert_eq!(SearchIndex::open_in(copy.path()).unwrap().indexed_through().unwrap(), Some(through + 1));

    let again = pipeline::ingest(&config(&server.base_url()), &store, "test").await.unwrap();
    assert_eq!((again.indexed.indexed, again.indexed.repaired), (0, 0), "nothing is indexed twice");
    let store_ids = store.documents().await.unwrap().len() as u64;
    assert_eq!(SearchIndex::open_in(copy.path()).unwrap().num_docs(), store_ids);
}

#[tokio::test]
async fn opening_for_search_repairs_an_index_that_lost_documents() {
    let copy = copy_of_world();
    std::fs::remove_dir_all(copy.path().join(index::INDEX_DIR)).unwrap();
    let store = store(copy.path()).await;
    let stored = store.documents().await.unwrap().len() as u64;
    let (index, report) = index::open_repaired(&store).await.unwrap();
    assert_eq!((report.counts.indexed, report.counts.repaired, report.failures.len()), (stored, stored, 0));
    assert_eq!(paths(&index.search(&query("\"HPC lease revenue\"")).unwrap()), set(&HPC_LEASE_REVENUE));
}

#[tokio::test]
async fn a_document_whose_blob_is_gone_is_reported_by_url_and_the_rest_is_indexed() {
    let copy = copy_of_world();
    std::fs::remove_dir_all(copy.path().join(index::INDEX_DIR)).unwrap();
    let store = store(copy.path()).await;
    let docs = store.documents().await.unwrap();
    std::fs::remove_file(store.blobs().path(&docs[0].sha256)).unwrap();
    let lost: Vec<_> = docs.iter().filter(|d| d.sha256 == docs[0].sha256).map(|d| d.url.clone()).collect();
    let report = index::update(&store, &[]).await.unwrap();
    assert_eq!(report.counts.indexed as usize, docs.len() - lost.len());
    assert_eq!(report.failures.iter().map(|f| f.url.clone()).collect::<Vec<_>>(), lost);
    assert!(report.failures[0].message.contains(&lost[0]), "the message names the document: {:?}", report.failures[0]);
}

/// Stop words count inside quotes: "statements of operations" is not "statements for
/// operations" (which no fixture says), and each hit's snippet marks the phrase whole.
#[test]
fn a_quoted_phrase_matches_its_stop_words_and_its_snippet_marks_it_whole() {
    let dir = &world().dir;
    let of = search(dir, &query("\"statements of operations\""));
    let r#for = search(dir, &query("\"statements for operations\""));
    assert!(of.total > 0, "the 10-Qs speak of their statements of operations");
    assert_eq!(r#for.total, 0, "{:?}", paths(&r#for));
    for hit in &of.hits {
        let marked = hit.snippet.marked("[", "]").to_lowercase();
        assert!(marked.contains("[statements of operations]"), "{}: {marked}", hit.document.url);
    }
    let loose = search(dir, &query("statements AND operations"));
    assert!(loose.total >= of.total, "words alone still match without their order");
}
