//! Everything the CLI prints: lines for people, pretty JSON and CSV for programs, and the progress bar.
//!
//! Printers write to a `Write` and return its errors, so a reader that closes stdout early
//! (`minewatch signals --json | head`) ends the command quietly instead of a panic in `println!`.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use minewatch::alert;
use minewatch::demo::live::LiveEvent;
use minewatch::index::{FacetCount, Results};
use minewatch::model::{Candidate, Company, Fact, Failure, FilerKind, LineSeries, Segment, XbrlFact};
use minewatch::pipeline::discover::Discovery;
use minewatch::pipeline::extract::ExtractSummary;
use minewatch::pipeline::worker::WorkerReport;
use minewatch::pipeline::{Progress, RunSummary};
use minewatch::store::{
    AlertRecord, FetchFailure, LatestQuarter, Member, Origin, ResolvedRecord, RunRecord, SeriesRow, StoreCounts,
    StoredSignal,
};
use serde::Serialize;

/// Whether `e` is stdout closed by its reader: the reader has what it wanted, so not an error.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()?;
    Ok(())
}

/// Prints an export (already CSV) on stdout and succeeds.
pub fn csv(text: &str) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `print` on a locked, buffered stdout and flushes it. Buffered because stdout alone
/// writes line by line: `extract --facts all` on a 10-Q made one system call per fact.
pub fn human(print: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    print(&mut out)?;
    out.flush()?;
    Ok(())
}

/// A bar over companies while the EDGAR crawl runs, on a terminal only.
pub fn progress_bar() -> impl FnMut(Progress<'_>) + Send {
    let bar = if io::stderr().is_terminal() { ProgressBar::new(0) } else { ProgressBar::hidden() };
    if let Ok(style) = ProgressStyle::with_template("{spinner} crawling {pos}/{len} companies {wide_bar} {msg}") {
        bar.set_style(style);
    }
    move |progress| match progress {
        Progress::Crawling { companies } => bar.set_length(companies as u64),
        Progress::Crawled { company } => {
            bar.set_message(company.ticker.clone());
            bar.inc(1);
        }
        Progress::CrawlDone => bar.finish_and_clear(),
    }
}

/// What an ingest run did.
/// What a worker did over its passes, and what failed.
pub fn worker_report(out: &mut dyn Write, report: &WorkerReport) -> io::Result<()> {
    writeln!(
        out,
        "worker: {} passes; crawled {} companies ({} new documents); extracted {} documents ({} facts); \
         {} new signals, {} alerts delivered; {} indexed",
        report.passes,
        report.crawled.len(),
        report.documents_new,
        report.extracted,
        report.facts,
        report.signals_new,
        report.alerts_delivered,
        report.indexed
    )?;
    for failure in &report.failures {
        writeln!(out, "  failed: {}: {}", failure.url, failure.message)?;
    }
    Ok(())
}

pub fn run_summary(out: &mut dyn Write, summary: &RunSummary) -> io::Result<()> {
    let c = &summary.counts;
    writeln!(
        out,
        "run {}: {} requests ({} not modified, {} retries), documents {} new / {} unchanged / {} failed, \
         {} bytes, {} indexed ({} repaired), {:.1} s",
        summary.run_id,
        c.requests,
        c.not_modified,
        summary.retries,
        c.documents_new,
        c.documents_unchanged,
        c.documents_failed,
        c.bytes,
        summary.indexed.indexed,
        summary.indexed.repaired,
        summary.seconds
    )?;
    writeln!(
        out,
        "  {} facts from {} documents; {} signals ({} new), {} alerts delivered",
        summary.extract.facts,
        summary.extract.documents,
        summary.signals.current.len(),
        summary.signals.new,
        summary.signals.delivery.delivered
    )?;
    for signal in &summary.signals.current {
        writeln!(out, "  signal: {}", alert::text(signal))?;
    }
    for (ticker, why) in &summary.signals.unclassified {
        writeln!(out, "  unclassified: {ticker}: {why}")?;
    }
    failures(out, &summary.failures)
}

/// What `extract --all` did.
pub fn extract_summary(out: &mut dyn Write, summary: &ExtractSummary) -> io::Result<()> {
    writeln!(out, "{} documents, {} facts, {} warnings", summary.documents, summary.facts, summary.warnings)?;
    failures(out, &summary.failures)
}

fn failures(out: &mut dyn Write, failures: &[Failure]) -> io::Result<()> {
    for failure in failures {
        writeln!(out, "  failed: {}: {}", failure.url, failure.message)?;
    }
    Ok(())
}

/// Every company's latest quarter, one line each.
pub fn latest(out: &mut dyn Write, rows: &[LatestQuarter]) -> io::Result<()> {
    for r in rows {
        let share = r.hpc_share.map_or("—".to_string(), |s| format!("{:.0}%", s * 100.0));
        writeln!(
            out,
            "{:<5} FY{} Q{} (to {}): mining {}, hpc {}, hosting {}, total {}; HPC share {share}",
            r.ticker,
            r.fiscal_year,
            r.fiscal_quarter,
            r.period_end,
            millions(r.mining),
            millions(r.hpc),
            millions(r.hosting),
            millions(r.total)
        )?;
    }
    Ok(())
}

/// Whole dollars as "$21.0M", or "—".
fn millions(value: Option<i64>) -> String {
    value.map_or("—".to_string(), |v| format!("${:.1}M", v as f64 / 1e6))
}

/// One moment of `demo --live`.
pub fn live_event(out: &mut dyn Write, event: &LiveEvent<'_>) -> io::Result<()> {
    match event {
        LiveEvent::CaughtUp(poll) => {
            let documents = poll.run.as_ref().map_or(0, |r| r.counts.documents_new);
            writeln!(out, "caught up: {} companies, {documents} documents; the morning starts", poll.companies.len())
        }
        LiveEvent::Arrived(a) => {
            let who = a.ticker.as_deref().unwrap_or("(outside the universe)");
            let (at, latency) = (a.at.as_secs_f64(), a.latency.as_secs_f64());
            writeln!(out, "[+{at:>4.1}s] {who:<5} {} appeared; read {latency:.1}s later", a.what)?;
            match &a.split {
                Some(q) => {
                    writeln!(
                        out,
                        "          FY{} Q{} (to {}): mining {}, hpc {}, hosting {}, total {}",
                        q.fiscal_year,
                        q.fiscal_quarter,
                        q.period.end,
                        millions(q.mining),
                        millions(q.hpc),
                        millions(q.hosting),
                        millions(q.total)
                    )
                }
                None => Ok(()),
            }
        }
        LiveEvent::Raised { signal, after } => {
            writeln!(
                out,
                "ALERT {} — {:.1}s after its filing appeared",
                alert::text(&signal.signal),
                after.as_secs_f64()
            )
        }
    }
}

/// A company's quarterly series in US$ thousands.
pub fn series(out: &mut dyn Write, company: &Company, rows: &[SeriesRow]) -> io::Result<()> {
    writeln!(out, "{} — {} (US$ thousands)", company.ticker, company.name)?;
    writeln!(
        out,
        "{:<10} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "quarter", "mining", "hpc", "hosting", "other", "total"
    )?;
    let k = |v: Option<i64>| v.map_or("—".to_string(), |v| format!("{:.0}", v as f64 / 1000.0));
    for row in rows {
        let quarter =
            minewatch::model::FiscalQuarter::new(row.fiscal_year, row.fiscal_quarter, company.fiscal_year_end);
        let derived = if row.derived { " derived" } else { "" };
        let disputed = if row.disagreement { " disputed" } else { "" };
        writeln!(
            out,
            "{:<10} {:>10} {:>10} {:>10} {:>10} {:>10}{derived}{disputed}",
            quarter.to_string(),
            k(row.mining),
            k(row.hpc),
            k(row.hosting),
            k(row.other),
            k(row.total)
        )?;
    }
    Ok(())
}

/// Resolved values whose sources disagree, or whose document's lines do not add up to it.
pub fn disagreements(out: &mut dyn Write, rows: &[(String, ResolvedRecord)]) -> io::Result<()> {
    for (ticker, r) in rows {
        let sources: Vec<String> = r
            .resolved
            .sources
            .iter()
            .map(|s| {
                let chosen = if s.chosen { " (chosen)" } else { "" };
                let gap = s.lines_gap_usd.map_or(String::new(), |g| format!(" (its lines leave {g} unexplained)"));
                format!("{} {} {}{chosen}{gap}", s.value_usd, s.extractor.as_str(), s.url)
            })
            .collect();
        writeln!(
            out,
            "{ticker} {} Q{} {}: {} (sources: {})",
            r.fiscal_year,
            r.fiscal_quarter,
            r.segment,
            r.resolved.value_usd,
            sources.join("; ")
        )?;
    }
    Ok(())
}

/// A revenue fact as `extract --json` prints it (the period flattened).
#[derive(Debug, Serialize)]
pub struct FactLine<'a> {
    segment: Segment,
    period_start: chrono::NaiveDate,
    period_end: chrono::NaiveDate,
    value_usd: i64,
    label: &'a str,
    concept: Option<&'a str>,
    extractor: &'static str,
    confidence: f32,
    raw_text: &'a str,
}

impl<'a> From<&'a Fact> for FactLine<'a> {
    fn from(f: &'a Fact) -> Self {
        FactLine {
            segment: f.segment,
            period_start: f.period.start,
            period_end: f.period.end,
            value_usd: f.value_usd,
            label: &f.label,
            concept: f.concept.as_deref(),
            extractor: f.extractor.as_str(),
            confidence: f.confidence,
            raw_text: &f.raw_text,
        }
    }
}

/// Revenue facts, one per line.
pub fn facts(out: &mut dyn Write, facts: &[FactLine<'_>]) -> io::Result<()> {
    for f in facts {
        writeln!(
            out,
            "{:<8} {}..{} {:>14} {:<10} {}",
            f.segment, f.period_start, f.period_end, f.value_usd, f.extractor, f.label
        )?;
    }
    Ok(())
}

/// Every numeric iXBRL fact, one per line.
pub fn xbrl_facts(out: &mut dyn Write, facts: &[XbrlFact]) -> io::Result<()> {
    // Written piece by piece: a 10-Q has thousands of facts, and this is most of what
    // `extract --facts all` does besides reading them.
    for f in facts {
        write!(out, "{} ", f.concept)?;
        if let Some(start) = f.period_start {
            write!(out, "{start}..")?;
        }
        write!(out, "{} [", f.period_end)?;
        for (i, (axis, member)) in f.dimensions.iter().enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            write!(out, "{comma}{axis}={member}")?;
        }
        writeln!(out, "] {}", f.value.as_deref().unwrap_or("nil"))?;
    }
    Ok(())
}

/// Search hits with their snippets, the matches bold on a terminal and `**marked**` otherwise.
pub fn search_results(out: &mut dyn Write, results: &Results, offset: usize) -> io::Result<()> {
    let facets = |counts: &[FacetCount]| {
        counts.iter().map(|f| format!("{} {}", f.value, f.count)).collect::<Vec<_>>().join(", ")
    };
    writeln!(out, "{} hits; tickers: {}; forms: {}", results.total, facets(&results.tickers), facets(&results.forms))?;
    let (open, close) = if io::stdout().is_terminal() { ("\x1b[1m", "\x1b[0m") } else { ("**", "**") };
    for (rank, hit) in results.hits.iter().enumerate() {
        let d = &hit.document;
        let filed = d.filed.map(|f| f.to_string()).unwrap_or_default();
        writeln!(out, "\n{}. {}\n   {} filed {filed} {}", offset + rank + 1, hit.heading, d.ticker, d.url)?;
        writeln!(out, "   {}", hit.snippet.marked(open, close).replace('\n', " "))?;
    }
    Ok(())
}

/// A company's revenue lines as reported: one block per line, a row per quarter.
pub fn lines(out: &mut dyn Write, company: &Company, lines: &[LineSeries]) -> io::Result<()> {
    writeln!(out, "{} ({}): {} revenue lines as reported", company.ticker, company.name, lines.len())?;
    for line in lines {
        writeln!(out, "{} [{}]", line.line, line.class)?;
        if !line.other_names.is_empty() {
            writeln!(out, "  also reported as: {}", line.other_names.join("; "))?;
        }
        for q in &line.quarters {
            let mark = if q.resolved.derived { " (derived)" } else { "" };
            let source = q.resolved.chosen().next().map_or(String::new(), |s| format!(" {} {}", s.form, s.url));
            writeln!(
                out,
                "  {} {} – {} {:>16}{mark}{source}",
                q.quarter, q.period.start, q.period.end, q.resolved.value_usd
            )?;
        }
    }
    Ok(())
}

/// A company just followed.
pub fn followed(out: &mut dyn Write, c: &Company) -> io::Result<()> {
    writeln!(out, "following {}", universe_line(c))
}

/// One company of the universe: ticker, name, CIK, fiscal-year end and filer kind.
fn universe_line(c: &Company) -> String {
    let kind = match c.filer_kind {
        FilerKind::Domestic => "10-Q/10-K",
        FilerKind::Foreign => "6-K/20-F/40-F",
    };
    let fye = c.fiscal_year_end;
    format!("{} {} (CIK {}, fiscal year ends {:02}-{:02}, files {kind})", c.ticker, c.name, c.cik, fye.month, fye.day)
}

/// The universe, what the store holds and what the latest runs did.
pub fn status(
    out: &mut dyn Write,
    data_dir: &str,
    universe: &[Member],
    counts: &StoreCounts,
    runs: &[RunRecord],
    failing: &[FetchFailure],
) -> io::Result<()> {
    writeln!(
        out,
        "{data_dir}: {} companies followed ({} stored), {} filings, {} documents ({} bytes)",
        universe.len(),
        counts.companies,
        counts.filings,
        counts.documents,
        counts.bytes
    )?;
    for m in universe {
        let origin = match m.origin {
            Origin::Config => "config",
            Origin::Follow => "followed",
        };
        writeln!(out, "  {} [{origin}]", universe_line(&m.company))?;
    }
    for r in runs {
        let c = &r.counts;
        writeln!(
            out,
            "run {} {} {} → {} ({}): {} requests, documents {} new / {} unchanged / {} failed, {} facts, \
             {} new signals, {} alerts delivered, {} errors",
            r.id,
            r.command,
            r.started_at,
            r.finished_at.as_deref().unwrap_or("unfinished"),
            r.status,
            c.requests,
            c.documents_new,
            c.documents_unchanged,
            c.documents_failed,
            c.facts,
            c.signals_new,
            c.alerts_delivered,
            r.errors
        )?;
    }
    for f in failing {
        let state = if f.given_up { "given up" } else { "failing" };
        writeln!(
            out,
            "{state}: {} {} (failed on {} runs in a row, last {}): {}",
            f.ticker, f.url, f.runs, f.last_at, f.last_error
        )?;
    }
    Ok(())
}

/// The signals raised, each with its evidence.
pub fn signals(out: &mut dyn Write, signals: &[StoredSignal]) -> io::Result<()> {
    for stored in signals {
        writeln!(out, "{} (raised {}, updated {})", stored.signal.key(), stored.raised_at, stored.updated_at)?;
        writeln!(out, "  {}", alert::text(&stored.signal))?;
        for source in &stored.signal.evidence.sources {
            let derived = if source.derived { ", derived" } else { "" };
            writeln!(
                out,
                "  - {} {:?} ${} ({}{derived}) {}",
                source.segment,
                source.label,
                source.value_usd,
                source.form.as_deref().unwrap_or(source.extractor.as_str()),
                source.url
            )?;
        }
    }
    if signals.is_empty() {
        writeln!(out, "no signals yet")?;
    }
    Ok(())
}

/// What one poll's discovery did: the candidates it raised, and the filings it could not read.
pub fn discovery(out: &mut dyn Write, discovery: &Discovery) -> io::Result<()> {
    if discovery.filings_read > 0 {
        writeln!(out, "discovery read {} filings of filers outside the universe", discovery.filings_read)?;
    }
    for c in &discovery.raised {
        writeln!(
            out,
            "candidate: {} (CIK {}) — {:?}, {}",
            c.filing.company,
            c.filing.cik,
            c.line,
            c.reason.describe()
        )?;
    }
    for failure in &discovery.failures {
        writeln!(out, "  could not read {}: {} (tried again next poll)", failure.url, failure.message)?;
    }
    Ok(())
}

/// Each candidate: the filer, the line that made it one and why, its figures and the filing.
pub fn candidates(out: &mut dyn Write, candidates: &[Candidate]) -> io::Result<()> {
    for c in candidates {
        let f = &c.filing;
        let followed = c.followed.as_deref().map_or(String::new(), |t| format!(" — followed as {t}"));
        writeln!(out, "{} (CIK {}){followed}", f.company, f.cik)?;
        writeln!(out, "  {:?}: {} ({}: {})", c.line, c.reason.describe(), c.term, c.term_reason)?;
        for figure in &c.figures {
            writeln!(out, "  - {} to {}: ${}", figure.period.start, figure.period.end, figure.value_usd)?;
        }
        writeln!(out, "  {} {} {}", f.form, f.accession, f.document_url)?;
    }
    if candidates.is_empty() {
        writeln!(out, "no candidates yet (`minewatch watch --discover` finds them)")?;
    }
    Ok(())
}

/// The delivery state of each alert.
pub fn alerts(out: &mut dyn Write, alerts: &[AlertRecord], pending: bool) -> io::Result<()> {
    for a in alerts {
        let when =
            a.delivered_at.as_deref().map_or(format!("next attempt {}", a.next_attempt_at), |at| format!("at {at}"));
        let error = a.last_error.as_deref().map_or(String::new(), |e| format!(" — last error: {e}"));
        writeln!(
            out,
            "{} → {}: {} after {} attempts, {when}{error}",
            a.signal.key(),
            a.sink,
            a.status.as_str(),
            a.attempts
        )?;
    }
    if alerts.is_empty() {
        writeln!(out, "no {}alerts", if pending { "pending " } else { "" })?;
    }
    Ok(())
}
