//! PDF tables: every fixture PDF gives exactly its expected grids and warnings; real PDFs read
//! without trouble; truncated, corrupted and hostile PDFs give an error or nothing, quickly.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lopdf::{Document, Object, Stream, dictionary};
use minewatch::extract::pdf::{PdfError, PdfLayout, pdf_tables};
use serde_json::{Value, json};

use crate::support::manifest_dir;

const FIXTURES: [&str; 6] = [
    "iren-q2-fy2026.pdf",
    "iren-q2-fy2026-encrypted.pdf",
    "iren-q2-fy2026-scanned.pdf",
    "bitdigital-q3-2024.pdf",
    "bitdigital-q3-2024-rotated.pdf",
    "terawulf-q1-2026.pdf",
];

/// Longest any one malformed document may take (debug build, shared CPU).
const QUICK: Duration = Duration::from_secs(5);

fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("fixtures/pdf").join(name)
}

fn real(name: &str) -> Vec<u8> {
    std::fs::read(manifest_dir().join("../shared/corpus/real/pdf").join(name)).unwrap()
}

fn read(path: &Path) -> PdfLayout {
    pdf_tables(&std::fs::read(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The layout in the shape of the `.grid.json` files.
fn as_json(layout: &PdfLayout) -> Value {
    let tables: Vec<Value> = layout.tables.iter().map(|t| json!({"page": t.page, "grid": t.grid})).collect();
    json!({"tables": tables, "warnings": layout.warnings})
}

#[test]
fn every_fixture_pdf_gives_its_expected_grids_and_warnings() {
    for name in FIXTURES {
        let expected: Value =
            serde_json::from_slice(&std::fs::read(fixture(&format!("{name}.grid.json"))).unwrap()).unwrap();
        let got = as_json(&read(&fixture(name)));
        assert_eq!(got["tables"], expected["tables"], "{name}");
        assert_eq!(got["warnings"], expected["warnings"], "{name}");
    }
}

#[test]
fn the_table_context_holds_the_title_and_scale_above_it() {
    let layout = read(&fixture("iren-q2-fy2026.pdf"));
    let context = &layout.tables[0].context;
    assert!(context.ends_with("Revenue (in thousands)"), "{context}");
    assert!(layout.text.contains("IREN Limited — Q2 FY26 Shareholder Letter"));
}

#[test]
fn a_table_across_a_page_break_is_one_table_and_the_text_keeps_both_pages() {
    let layout = read(&fixture("terawulf-q1-2026.pdf"));
    assert_eq!(layout.pages, 2);
    assert_eq!(layout.tables.len(), 1);
    let pages: Vec<&str> = layout.text.split('\u{c}').collect();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].contains("Digital asset revenue, net 12,965 34,428"), "{}", pages[0]);
    assert!(pages[1].contains("Total revenue 34,012 34,428"), "{}", pages[1]);
}

#[test]
fn the_encrypted_fixture_is_encrypted_and_opens_with_the_empty_password() {
    let bytes = std::fs::read(fixture("iren-q2-fy2026-encrypted.pdf")).unwrap();
    assert!(bytes.windows(8).any(|w| w == b"/Encrypt"));
    let plain = read(&fixture("iren-q2-fy2026.pdf"));
    let opened = pdf_tables(&bytes).unwrap();
    assert_eq!((opened.tables, opened.text), (plain.tables, plain.text));
}

#[test]
fn the_rotated_fixture_is_drawn_sideways_and_reads_like_the_upright_one() {
    let bytes = std::fs::read(fixture("bitdigital-q3-2024-rotated.pdf")).unwrap();
    assert!(bytes.windows(11).any(|w| w == b"/Rotate 270"));
    assert_eq!(pdf_tables(&bytes).unwrap().text, read(&fixture("bitdigital-q3-2024.pdf")).text);
}

#[test]
fn real_sec_form_pdfs_read_with_their_lines_intact() {
    // Lines checked against `pdftotext -layout`.
    let formc = pdf_tables(&real("formc.pdf")).unwrap();
    assert_eq!(formc.pages, 20);
    let lines: Vec<&str> = formc.text.lines().collect();
    for line in ["FORM C", "UNDER THE SECURITIES ACT OF 1933", "Washington, D.C. 20549", "(Mark one.)"] {
        assert!(lines.contains(&line), "formc.pdf lacks {line:?}");
    }
    let ma = pdf_tables(&real("form-ma-i.pdf")).unwrap();
    assert_eq!(ma.pages, 60);
    let lines: Vec<&str> = ma.text.lines().collect();
    for line in
        ["FORM MA-I", "ADVISORY ACTIVITIES", "Item 1 Identifying Information", "This form must be completed by:"]
    {
        assert!(lines.contains(&line), "form-ma-i.pdf lacks {line:?}");
    }
    assert!(formc.warnings.is_empty() && ma.warnings.is_empty(), "{:?} {:?}", formc.warnings, ma.warnings);
}

/// Runs `pdf_tables` on `bytes`; it must return (not panic), within [`QUICK`].
fn survives(what: &str, bytes: &[u8]) -> Result<PdfLayout, PdfError> {
    let started = Instant::now();
    let result = pdf_tables(bytes);
    assert!(started.elapsed() < QUICK, "{what} took {:?}", started.elapsed());
    result
}

#[test]
fn empty_garbage_and_header_only_files_are_errors() {
    assert!(matches!(survives("empty", b""), Err(PdfError::Empty)));
    let garbage: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert!(survives("garbage", &garbage).is_err());
    assert!(survives("header only", b"%PDF-1.7\n").is_err());
}

#[test]
fn truncated_fixtures_give_an_error_or_a_partial_layout() {
    for name in FIXTURES {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let n = bytes.len();
        for cut in [1, 9, 100, 1000, n / 4, n / 2, 3 * n / 4, n - 200, n - 1] {
            let _ = survives(&format!("{name} cut at {cut}"), &bytes[..cut.min(n)]);
        }
    }
}

#[test]
fn fixtures_with_flipped_bytes_give_an_error_or_a_layout() {
    let mut rng = fastrand::Rng::with_seed(5);
    for name in FIXTURES {
        let bytes = std::fs::read(fixture(name)).unwrap();
        for round in 0..12 {
            let mut damaged = bytes.clone();
            for _ in 0..1 + round * 4 {
                let at = rng.usize(..damaged.len());
                damaged[at] ^= rng.u8(1..);
            }
            let _ = survives(&format!("{name} round {round}"), &damaged);
        }
    }
}

/// A one-page PDF whose page content is `content` (compressed), with the resources that
/// `resources` adds to the document.
fn one_page(content: &[u8], resources: impl FnOnce(&mut Document) -> lopdf::Dictionary) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let resources = resources(&mut doc);
    let mut stream = Stream::new(dictionary! {}, content.to_vec());
    stream.compress().unwrap();
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()], "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_decompression_bomb_is_refused_at_the_limit() {
    let bomb = one_page(&vec![b' '; 80 << 20], |_| dictionary! {});
    assert!(bomb.len() < 1 << 20);
    assert!(matches!(survives("bomb", &bomb), Err(PdfError::TooLarge { .. })));
}

#[test]
fn a_form_xobject_that_draws_itself_stops() {
    // The form's resources name the form itself: ten self-calls per level would be 10^8 calls.
    let pdf = one_page(b"/X Do", |doc| {
        let form_id = doc.new_object_id();
        let xobjects = dictionary! { "XObject" => dictionary! { "X" => form_id } };
        let form = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "Resources" => xobjects.clone() },
            b"BT (x) Tj ET /X Do /X Do /X Do /X Do /X Do /X Do /X Do /X Do /X Do /X Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        xobjects
    });
    let layout = survives("self-drawing form", &pdf).unwrap();
    assert!(layout.warnings.iter().any(|w| w.starts_with("page 1 was read only in part")), "{:?}", layout.warnings);
}
