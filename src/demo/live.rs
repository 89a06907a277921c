//! A live earnings morning played on loopback: the demo world's EDGAR replay follows a timeline
//! (`fixtures/live/timeline.toml`) while a [`Watch`] polls it, and every filing is followed from
//! the moment it appears to the end of the poll that stored, read and alerted on it.

use std::collections::HashSet;
use std::time::{Duration, Instant};

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
    /// A filing appeared and a poll processed it.
    Arrived(&'a Arrival),
    /// A signal raised during the morning, and how long after its filing appeared.
    Raised { signal: &'a StoredSignal, after: Duration },
}

/// One filing of the morning as the watch saw it.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// When it appeared, from the start of the morning.
    pub at: Duration,
    pub filing: Filing,
    pub ticker: Option<String>,
    /// From its appearance to the end of the poll that processed it.
    pub latency: Duration,
    /// The resolved quarter it reports (the last one ending by its report period) after that poll.
    pub split: Option<SeriesRow>,
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
    let filings: Vec<(Duration, Filing)> = timeline.filings().map(|(at, f)| (at, f.clone())).collect();
    let end = filings.last().map_or(Duration::ZERO, |(at, _)| *at);
    let clock = world.edgar.start_clock();
    let mut arrivals: Vec<Arrival> = Vec::new();
    while arrivals.len() < filings.len() {
        tokio::time::sleep(every).await;
        let polled_at = Instant::now();
        let visible = filings.iter().skip(arrivals.len()).take_while(|(at, _)| clock + *at <= polled_at).count();
        watch.poll().await?;
        let done = Instant::now();
        for (at, filing) in filings.iter().skip(arrivals.len()).take(visible) {
            let ticker = config.companies.iter().find(|c| c.cik == filing.cik).map(|c| c.ticker.clone());
            let split = match &ticker {
                Some(ticker) => reported_quarter(store.series(ticker).await?, filing),
                None => None,
            };
            let arrival = Arrival { at: *at, filing: filing.clone(), ticker, latency: done - (clock + *at), split };
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

/// The quarter a filing reports: the last one of the series ending by its report period.
fn reported_quarter(series: Vec<SeriesRow>, filing: &Filing) -> Option<SeriesRow> {
    let by = filing.report_period?;
    series.into_iter().filter(|q| q.period.end <= by).max_by_key(|q| q.period.end)
}
