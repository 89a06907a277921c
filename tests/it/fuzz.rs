//! Fuzzing each reader of outside input as a bounded test (issue 13.19): seeded mutations
//! ([`mutate`]) of the fixture and real documents, thousands of cases in all, within a case count
//! and a wall-clock budget per target. No case may panic, and each must finish within
//! [`PER_CASE`] (a hang guard for a debug build on a shared machine, not a benchmark).
//!
//! Each target calls its readers directly (the iXBRL, HTML, PDF, table and prose readers), not
//! through `extract::extract`, which isolates every reader and turns a panic into a warning: here
//! a panic fails the target.
//!
//! A failing case is reported with its case seed and mutations, and its bytes are written to
//! `$CARGO_TARGET_TMPDIR/fuzz-<target>-<seed>`. `MINEWATCH_FUZZ_REPLAY=<case seed>` runs that one
//! case again; for longer local runs `MINEWATCH_FUZZ_CASES=<n>` lifts the wall-clock budget and
//! `MINEWATCH_FUZZ_SEED=<u64>` draws other cases.

mod mutate;

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use minewatch::config::{Config, DEFAULT_CONFIG};
use minewatch::crawl::{feed, listing, robots::Robots};
use minewatch::extract::table::{TableContext, read_table};
use minewatch::extract::{self, Rules, html, ixbrl, pdf, prose};
use minewatch::model::Extractor;

use crate::support::{files_under, manifest_dir};
use mutate::{Case, case};

/// Longest one case may take.
const PER_CASE: Duration = Duration::from_secs(2);

/// A case still running after this long is a hang: the target stops there and fails.
const HANG: Duration = Duration::from_secs(30);

/// The seed the case seeds are drawn from unless `MINEWATCH_FUZZ_SEED` says otherwise.
const SEED: u64 = 0x6d69_6e65_7761_7463;

/// A reader under test and what it is fed.
struct Target {
    name: &'static str,
    /// (name, bytes) of the documents mutated.
    documents: Vec<(String, Vec<u8>)>,
    cases: usize,
    /// Wall-clock time after which no further case starts.
    budget: Duration,
    read: fn(&[u8]),
}

/// What a case did wrong.
struct Failure {
    seed: u64,
    what: String,
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// Runs `target`'s cases, one at a time on a worker thread, and fails naming every case that
/// panicked, overran [`PER_CASE`] or hung.
fn fuzz(target: Target) {
    assert!(!target.documents.is_empty(), "{}: no documents to mutate", target.name);
    let (cases, budget) = match env_u64("MINEWATCH_FUZZ_CASES") {
        Some(n) => (usize::try_from(n).unwrap_or(usize::MAX), Duration::MAX),
        None => (target.cases, target.budget),
    };
    let mut draw = fastrand::Rng::with_seed(env_u64("MINEWATCH_FUZZ_SEED").unwrap_or(SEED) ^ hash(target.name));
    let seeds: Box<dyn Iterator<Item = u64>> = match env_u64("MINEWATCH_FUZZ_REPLAY") {
        Some(seed) => Box::new(std::iter::once(seed)),
        None => Box::new(std::iter::repeat_with(move || draw.u64(..)).take(cases)),
    };

    let read = target.read;
    let (to_worker, cases_in) = mpsc::channel::<Vec<u8>>();
    let (results_out, results) = mpsc::channel();
    std::thread::spawn(move || {
        for bytes in cases_in {
            let started = Instant::now();
            let outcome = extract::isolated(target.name, || read(&bytes)).map_err(|p| p.message);
            if results_out.send((outcome, started.elapsed())).is_err() {
                break;
            }
        }
    });

    let started = Instant::now();
    let (mut run, mut slowest) = (0, (Duration::ZERO, 0, String::new()));
    let mut failures = Vec::new();
    for seed in seeds {
        if started.elapsed() > budget {
            break;
        }
        let (document, Case { bytes, description }) = case(&target.documents, seed);
        let what = format!("{} after {description}", target.documents[document].0);
        let keep = bytes.clone();
        to_worker.send(bytes).unwrap();
        run += 1;
        let Ok((outcome, took)) = results.recv_timeout(HANG) else {
            failures.push(Failure { seed, what: format!("still running after {HANG:?}: {what}") });
            save(target.name, seed, &keep);
            break;
        };
        if took > slowest.0 {
            slowest = (took, seed, what.clone());
        }
        let problem = match outcome {
            Err(message) => Some(format!("panicked ({message})")),
            Ok(()) if took > PER_CASE => Some(format!("took {took:?}")),
            Ok(()) => None,
        };
        if let Some(problem) = problem {
            failures.push(Failure { seed, what: format!("{problem}: {what}") });
            save(target.name, seed, &keep);
        }
    }
    let (took, seed, what) = slowest;
    eprintln!(
        "fuzz {}: {run} cases in {:.1?}, slowest {took:.1?} (case seed {seed}: {what})",
        target.name,
        started.elapsed()
    );
    let report: Vec<String> = failures.iter().map(|f| format!("case seed {}: {}", f.seed, f.what)).collect();
    assert!(
        report.is_empty(),
        "{}: {} of {run} cases failed (replay one with MINEWATCH_FUZZ_REPLAY=<case seed>):\n{}",
        target.name,
        report.len(),
        report.join("\n")
    );
}

/// A stable hash of a target's name, so each target draws its own cases from the one seed.
fn hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Writes a failing case's bytes beside the build, for a debugger or a new regression test.
fn save(target: &str, seed: u64, bytes: &[u8]) {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{target}-{seed}"));
    let _ = std::fs::write(&path, bytes);
    eprintln!("fuzz {target}: case seed {seed} written to {}", path.display());
}

/// Every document of fixtures/ and ../shared/corpus/real that `keep` takes (by path and bytes).
fn documents(keep: impl Fn(&Path, &[u8]) -> bool) -> Vec<(String, Vec<u8>)> {
    let roots = [manifest_dir().join("fixtures"), manifest_dir().join("../shared/corpus/real")];
    let mut out = Vec::new();
    for root in roots {
        for path in files_under(&root) {
            let skip = ["json", "py", "md", "sh"].iter().any(|ext| path.extension().is_some_and(|e| e == *ext));
            let Ok(bytes) = std::fs::read(root.join(&path)) else { continue };
            if !skip && keep(&path, &bytes) {
                out.push((path.display().to_string(), bytes));
            }
        }
    }
    out
}

fn contains(bytes: &[u8], what: &str) -> bool {
    bytes.windows(what.len()).any(|w| w.eq_ignore_ascii_case(what.as_bytes()))
}

fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

fn is_ixbrl(bytes: &[u8]) -> bool {
    extract::sniff(bytes, None) == extract::Kind::Ixbrl
}

/// A feed names its root element within its first kilobytes.
fn is_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    contains(head, "<rss") || contains(head, "<feed")
}

fn is_html(path: &Path, bytes: &[u8]) -> bool {
    !is_pdf(bytes) && !is_ixbrl(bytes) && !is_feed(bytes) && path.file_name().is_some_and(|n| n != "robots.txt")
}

const FEED_URL: &str = "https://www.globenewswire.com/RssFeed/organization/x";

#[test]
fn fuzz_ixbrl() {
    fuzz(Target {
        name: "ixbrl",
        documents: documents(|_, b| is_ixbrl(b)),
        cases: 600,
        budget: Duration::from_secs(6),
        read: |bytes| {
            if let Ok(facts) = ixbrl::parse(bytes) {
                ixbrl::revenue::revenue_facts(&facts, &[], &mut Vec::new());
            }
        },
    });
}

/// The table reader on each of a document's tables (grid, the text about it), as extraction does.
fn read_tables<'g>(tables: impl Iterator<Item = (&'g [Vec<String>], &'g str)>, extractor: Extractor) {
    for (i, (grid, nearby_text)) in tables.enumerate() {
        let ctx = TableContext { number: i + 1, nearby_text, rules: Rules::of(None, None), extractor };
        let _ = read_table(grid, &ctx, &mut Vec::new());
    }
}

#[test]
fn fuzz_html() {
    fuzz(Target {
        name: "html",
        documents: documents(is_html),
        cases: 2_000,
        budget: Duration::from_secs(6),
        read: |bytes| {
            if let Ok(page) = html::read(bytes, Some("text/html")) {
                let tables = page.tables.iter().filter_map(|t| Some((t.grid.as_deref().ok()?, t.context.as_str())));
                read_tables(tables, Extractor::HtmlTable);
            }
        },
    });
}

#[test]
fn fuzz_prose() {
    let text = |b: &[u8]| html::read(b, None).map(|page| page.prose.into_bytes()).unwrap_or_default();
    let documents = documents(is_html).into_iter().map(|(name, bytes)| (name, text(&bytes))).collect();
    fuzz(Target {
        name: "prose",
        documents,
        cases: 3_000,
        budget: Duration::from_secs(5),
        read: |bytes| {
            prose::read_prose(&String::from_utf8_lossy(bytes), &Rules::of(None, None), &[], &mut Vec::new());
        },
    });
}

#[test]
fn fuzz_pdf() {
    fuzz(Target {
        name: "pdf",
        documents: documents(|_, b| is_pdf(b)),
        cases: 600,
        budget: Duration::from_secs(5),
        read: |bytes| {
            if let Ok(layout) = pdf::pdf_tables(bytes) {
                read_tables(layout.tables.iter().map(|t| (t.grid.as_slice(), t.context.as_str())), Extractor::PdfTable);
            }
        },
    });
}

#[test]
fn fuzz_feed() {
    fuzz(Target {
        name: "feed",
        documents: documents(|_, b| is_feed(b)),
        cases: 2_000,
        budget: Duration::from_secs(4),
        read: |bytes| {
            let _ = feed::parse(bytes, FEED_URL);
        },
    });
}

#[test]
fn fuzz_listing() {
    fuzz(Target {
        name: "listing",
        documents: documents(is_html),
        cases: 1_000,
        budget: Duration::from_secs(4),
        read: |bytes| {
            let _ = listing::parse(bytes, "https://iren.com/investors/news-releases", "a");
        },
    });
}

/// Rules of every kind: groups, agents sharing rules, wildcards, anchors, comments.
const ROBOTS: &str = "User-agent: *\nDisallow: /search\nDisallow: /news-release/*/private/\nAllow: /search/help\n\n\
    User-agent: BadBot\nUser-agent: OtherBot\nDisallow: /\n\nUser-agent: minewatch # us\n\
    Disallow: /RssFeed/organization/secret\nDisallow: /*.pdf$\nAllow: /RssFeed/*/public*$\n";

#[test]
fn fuzz_robots() {
    const PATHS: [&str; 4] = ["/", "/RssFeed/organization/x", "/news/2026/release.html?utm=1", "/deck.pdf"];
    let mut documents = documents(|p, _| p.file_name().is_some_and(|n| n == "robots.txt"));
    documents.push(("a robots.txt of every rule".into(), ROBOTS.as_bytes().to_vec()));
    fuzz(Target {
        name: "robots",
        documents,
        cases: 5_000,
        budget: Duration::from_secs(3),
        read: |bytes| {
            let robots = Robots::parse(&String::from_utf8_lossy(bytes), "minewatch");
            for path in PATHS {
                robots.allows(path);
            }
        },
    });
}

/// Every table and setting the config has, beside the embedded universe.
const SETTINGS: &str = "[crawl]\nuser_agent = \"minewatch ops@example.com\"\nrate_per_second = 10.0\n\
    data_base = \"http://127.0.0.1:1\"\narchives_base = \"http://127.0.0.1:1\"\nsince = \"2024-01-01\"\n\
    max_body_bytes = 1000000\nconnect_timeout_secs = 5.0\nread_timeout_secs = 30.0\nmax_attempts = 3\n\
    max_backoff_secs = 60.0\nconcurrency = 4\npress_rate_per_second = 2.0\npress_base = \"http://127.0.0.1:2\"\n\
    [serve]\ntoken = \"t0ken\"\n[detect]\nbitcoin_side = \"mining\"\napproach_threshold = 0.3\n\
    [alert]\nfeed_file = \"/srv/feed.atom\"\njsonl = \"-\"\nretry_base_secs = 0.5\nconcurrency = 2\n\
    [[alert.webhook]]\nurl = \"https://hooks.example.com/a\"\nsecret = \"s3cret\"\nmax_attempts = 3\n\
    [[alert.webhook]]\nurl = \"http://127.0.0.1:9/b\"\nsecret_env = \"PATH\"\ntimeout_secs = 1.5\n";

#[test]
fn fuzz_config() {
    let universe = DEFAULT_CONFIG.find("[[company]]").map(|at| &DEFAULT_CONFIG[at..]).unwrap();
    let every_setting = format!("{SETTINGS}{universe}");
    assert!(Config::parse(&every_setting, "every setting", None).is_ok(), "the seed itself is a valid config");
    fuzz(Target {
        name: "config",
        documents: vec![
            ("companies.toml".into(), DEFAULT_CONFIG.as_bytes().to_vec()),
            ("every setting".into(), every_setting.into_bytes()),
        ],
        cases: 3_000,
        budget: Duration::from_secs(3),
        read: |bytes| {
            let _ = Config::parse(&String::from_utf8_lossy(bytes), "fuzz.toml", None);
        },
    });
}
