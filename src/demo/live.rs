//! A live earnings morning played on loopback: the demo world's EDGAR and newswire replays follow
//! a timeline (`fixtures/live/timeline.toml`) while a [`Watch`] polls them, and every filing and
//! release is followed from the moment it appears to the end of the poll that stored, read and
//! alerted on it.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::DemoWorld;
use crate::config::Config;
use crate::pipeline::PipelineError;
use crate::pipeline::watch::{Poll, Watch};
use crate::replay::{Filing, Timeline};
use crate::store::{SeriesRow, Store, StoredSignal};

/// The bundled live morning.
pub const TIMELINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/live/timeline.toml");

/// What happens during the play, in order, for a front end to show.
#[derive(Debug)]
pub enum LiveEvent<'a> {
    /// The first poll caught up with everything published before the morning.
    CaughtUp(&'a Poll),
    /// A filing or release appeared and a poll processed it.
    Arrived(&'a Arrival),
    /// A signal raised during the morning, and how long after its filing appeared.
    Raised { signal: &'a StoredSignal, after: Duration },
}

/// One filing or release of the morning as the watch saw it.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// When it appeared, from the start of the morning.
    pub at: Duration,
    /// What it is: "10-Q 0001083301-26-000014", "release: TeraWulf Reports …".
    pub what: String,
    pub ticker: Option<String>,
    /// From its appearance to the end of the poll that processed it.
    pub latency: Duration,
    /// The resolved quarter it reports (the last one ending by its report period or release
    /// date) after that poll.
    pub split: Option<SeriesRow>,
}

/// Something the morning publishes, before it appears.
struct Publication {
    at: Duration,
    what: String,
    ticker: Option<String>,
    /// The latest period end it can report.
    by: Option<NaiveDate>,
}

/// The timeline's filings (with the ticker of their CIK) and releases, in the order they appear.
fn publications(timeline: &Timeline, config: &Config) -> Vec<Publication> {
    let filings = timeline.filings().map(|(at, f): (Duration, &Filing)| Publication {
        at,
        what: format!("{} {}", f.form, f.accession),
        ticker: config.companies.iter().find(|c| c.cik == f.cik).map(|c| c.ticker.clone()),
        by: f.report_period,
    });
    let releases = timeline.releases().map(|(at, r)| Publication {
        at,
        what: format!("release: {}", r.title),
        ticker: Some(r.ticker.clone()),
        by: Some(r.published),
    });
    let mut all: Vec<Publication> = filings.chain(releases).collect();
    all.sort_by_key(|p| p.at);
    all
}

/// Plays `timeline` on `world` (served with it, clock not started), polling every `every`
/// until every filing has appeared and been processed; returns the arrivals in order.
pub async fn play(
    config: &Config,
    store: &Store,
    world: &DemoWorld,
    timeline: &Timeline,
    every: Duration,
    mut on_event: impl FnMut(LiveEvent<'_>),
) -> Result<Vec<Arrival>, PipelineError> {
    let mut watch = Watch::new(config, store, &[], every)?;
    let caught_up = watch.poll().await?;
    on_event(LiveEvent::CaughtUp(&caught_up));
    let mut raised: HashSet<i64> = store.signals().await?.iter().map(|s| s.id).collect();
    let published = publications(timeline, config);
    let end = published.last().map_or(Duration::ZERO, |p| p.at);
    let clock = world.start_clock();
    let mut arrivals: Vec<Arrival> = Vec::new();
    let mut next = Instant::now();
    while arrivals.len() < published.len() {
        // Polls start every `every` (or at once when the last one took longer).
        next = (next + every).max(Instant::now());
        tokio::time::sleep_until(next.into()).await;
        let polled_at = Instant::now();
        let visible = published.iter().skip(arrivals.len()).take_while(|p| clock + p.at <= polled_at).count();
        watch.poll().await?;
        let done = Instant::now();
        for p in published.iter().skip(arrivals.len()).take(visible) {
            let split = match &p.ticker {
                Some(ticker) => reported_quarter(store.series(ticker).await?, p.by),
                None => None,
            };
            let arrival = Arrival {
                at: p.at,
                what: p.what.clone(),
                ticker: p.ticker.clone(),
                latency: done - (clock + p.at),
                split,
            };
            on_event(LiveEvent::Arrived(&arrival));
            arrivals.push(arrival);
        }
        for signal in store.signals().await? {
            if raised.insert(signal.id) {
                let appeared =
                    arrivals.iter().rev().find(|a| a.ticker.as_deref() == Some(signal.signal.ticker.as_str()));
                let after = appeared.map_or(Duration::ZERO, |a| done - (clock + a.at));
                on_event(LiveEvent::Raised { signal: &signal, after });
            }
        }
        if clock.elapsed() > end + every * 10 {
            break;
        }
    }
    Ok(arrivals)
}

/// The quarter a publication reports: the last one of the series ending by `by`.
fn reported_quarter(series: Vec<SeriesRow>, by: Option<NaiveDate>) -> Option<SeriesRow> {
    let by = by?;
    series.into_iter().filter(|q| q.period.end <= by).max_by_key(|q| q.period.end)
}
