//! The one HTML reader: extraction and the search index read a page alike (charset, hidden parts),
//! and a page too deeply nested is refused by name rather than read for minutes.

use chrono::NaiveDate;
use minewatch::extract::{extract, html, text};
use minewatch::index::{self, Query, SearchIndex};
use minewatch::model::Segment;
use minewatch::store::{NewDocument, Validators};

use crate::support::{copy_of_world, manifest_dir, store};

/// A release saved by a Windows word processor: curly quotes (0x93, 0x94, 0x92) and an en dash
/// (0x96), served as `text/html` with no charset.
const WINDOWS_1252_RELEASE: &[u8] = b"<html><head><title>TeraWulf \x96 First Quarter 2026</title></head><body>\
    <p>TeraWulf\x92s \x93Lake Mariner\x94 campus \x96 results for the three months ended March 31, 2026.</p>\
    <p>(in thousands)</p>\
    <table><tr><td></td><td>Three Months Ended March 31, 2026</td></tr>\
    <tr><td>HPC lease revenue \x96 Fluidstack</td><td>21,047</td></tr>\
    <tr><td>Total revenue</td><td>34,012</td></tr></table></body></html>";

#[test]
fn a_windows_1252_release_reads_the_same_for_extraction_and_the_index() {
    let facts = extract(WINDOWS_1252_RELEASE, Some("text/html"), None, None).unwrap().facts;
    let hpc = facts.iter().find(|f| f.segment == Segment::Hpc).unwrap();
    assert_eq!((hpc.label.as_str(), hpc.value_usd), ("HPC lease revenue \u{2013} Fluidstack", 21_047_000));

    let visible = text::visible_text(WINDOWS_1252_RELEASE, Some("text/html")).unwrap();
    let page = html::read(WINDOWS_1252_RELEASE, Some("text/html")).unwrap();
    assert_eq!(visible.text, page.text);
    assert!(visible.text.starts_with("TeraWulf\u{2019}s \u{201c}Lake Mariner\u{201d} campus \u{2013} results"));
    assert!(visible.text.contains(&format!("{} 21,047", hpc.label)), "{}", visible.text);
    assert!(page.prose.contains("\u{201c}Lake Mariner\u{201d}"));
    assert!(!visible.text.contains('\u{fffd}'));
    assert_eq!(visible.title.as_deref(), Some("TeraWulf \u{2013} First Quarter 2026"));
}

#[tokio::test]
async fn a_windows_1252_release_is_found_by_the_word_beside_its_curly_quote() {
    let copy = copy_of_world();
    let store = store(copy.path()).await;
    let release = NewDocument {
        ticker: "WULF",
        source: "press",
        url: "https://investors.example.com/news/terawulf-q1-2026-cp1252.htm",
        accession: None,
        form: None,
        role: "release",
        filed: NaiveDate::from_ymd_opt(2026, 5, 8),
        report_period: None,
        title: None,
        content_type: Some("text/html"),
        validators: Validators::default(),
    };
    let id = store.put_document(&release, WINDOWS_1252_RELEASE).await.unwrap();
    let report = index::update(&store, &[id]).await.unwrap();
    assert_eq!(report.counts.indexed, 1, "{report:?}");

    let hits = SearchIndex::open_in(copy.path()).unwrap().search(&Query::new("\"Lake Mariner\" Fluidstack")).unwrap();
    let hit = hits.hits.iter().find(|h| h.document.id == id).unwrap();
    assert!(hit.snippet.text.contains("\u{201c}Lake Mariner\u{201d}"), "{}", hit.snippet.text);
    assert_eq!(hit.document.title.as_deref(), Some("TeraWulf \u{2013} First Quarter 2026"));
}

#[test]
fn deeply_nested_divs_are_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested.htm");
    let depth = html::MAX_DEPTH * 2;
    std::fs::write(&file, format!("{}<p>Total revenue</p>{}", "<div>".repeat(depth), "</div>".repeat(depth))).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minewatch"))
        .args(["extract", file.to_str().unwrap()])
        .current_dir(manifest_dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("nested.htm: cannot extract: HTML: elements nested"), "{stderr}");
}

/// Issue 13.16: a PDF whose text cannot be read was indexed empty without a word.
#[tokio::test]
async fn an_unreadable_pdf_is_indexed_by_its_metadata_and_reported() {
    let copy = copy_of_world();
    let store = store(copy.path()).await;
    let deck = NewDocument {
        ticker: "IREN",
        source: "press",
        url: "https://iren.com/files/damaged-investor-presentation.pdf",
        accession: None,
        form: None,
        role: "release",
        filed: NaiveDate::from_ymd_opt(2026, 5, 14),
        report_period: None,
        title: Some("Damaged investor presentation"),
        content_type: Some("application/pdf"),
        validators: Validators::default(),
    };
    let id = store.put_document(&deck, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage").await.unwrap();
    let report = index::update(&store, &[id]).await.unwrap();
    assert_eq!(report.counts.indexed, 1, "{report:?}");
    let [failure] = &report.failures[..] else { panic!("{report:?}") };
    assert_eq!(failure.url, deck.url);
    assert!(
        failure.message.contains("PDF text unreadable") && failure.message.contains("metadata only"),
        "{failure:?}"
    );
    let hits = SearchIndex::open_in(copy.path()).unwrap().search(&Query::new("Damaged")).unwrap();
    assert!(hits.hits.iter().any(|h| h.document.id == id), "found by its title");
}
