//! Press-release extraction throughput, in documents per second on one core: the fixture EX-99.1
//! exhibits, the real press releases of `../shared/corpus/real/press-releases/`, and hostile
//! nesting (200,000 nested `<div>`s, refused at the nesting budget; a page just within it).
//!
//! `cargo bench --bench extract_html`. Figures, not pass/fail (target: ≥ 1,000 releases/s).

// A benchmark that cannot set up its data has nothing to measure: it panics with the cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use minewatch::extract::extract;

/// How long each set is run for.
const RUN_FOR: Duration = Duration::from_secs(3);

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            files_under(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

fn is_results_exhibit(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    name.ends_with(".htm") && (name.contains("ex99") || name.contains("ex-99") || name.contains("exhibit99"))
}

fn bench(name: &str, docs: &[Vec<u8>]) {
    if docs.is_empty() {
        println!("{name}: no documents found");
        return;
    }
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let (mut runs, mut facts) = (0_usize, 0_usize);
    let started = Instant::now();
    while started.elapsed() < RUN_FOR {
        for doc in docs {
            facts += black_box(extract(black_box(doc), Some("text/html"), None, None)).map_or(0, |e| e.facts.len());
        }
        runs += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let per_sec = (runs * docs.len()) as f64 / secs;
    println!(
        "{name}: {} documents ({:.0} KB avg), {per_sec:.0} documents/s, {:.1} MB/s, {} facts per pass",
        docs.len(),
        bytes as f64 / docs.len() as f64 / 1024.0,
        (runs * bytes) as f64 / secs / 1e6,
        facts / runs.max(1)
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |paths: Vec<PathBuf>| paths.iter().filter_map(|p| fs::read(p).ok()).collect::<Vec<_>>();

    let mut fixtures = Vec::new();
    files_under(&root.join("fixtures/edgar/Archives"), &is_results_exhibit, &mut fixtures);
    bench("fixture EX-99.1 exhibits", &read(fixtures));

    let mut real = Vec::new();
    let is_html = |p: &Path| p.extension().is_some_and(|x| x == "html");
    files_under(&root.join("../shared/corpus/real/press-releases"), &is_html, &mut real);
    bench("real press releases", &read(real));

    let nested = |depth: usize, paragraphs: usize| {
        let results = "<p>Results for the three months ended March 31, 2026.</p>";
        let inside = "<p>Total revenue was $34.0 million.</p>".repeat(paragraphs);
        format!("{}{results}{inside}{}", "<div>".repeat(depth), "</div>".repeat(depth)).into_bytes()
    };
    bench("200,000 nested divs (refused)", &[nested(200_000, 1)]);
    let budget = minewatch::extract::html::MAX_DEPTH;
    bench("nested just within the budget, 20,000 paragraphs inside", &[nested(budget - 10, 20_000)]);
    bench("nested 10 deep, 20,000 paragraphs inside", &[nested(10, 20_000)]);
}
