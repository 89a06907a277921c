//! What every sink says about a signal: a stable id, a one-line text (Slack shows the `text`
//! field of a webhook body as is) and the JSON body shared by webhooks and JSON lines.

use serde::Serialize;

use crate::model::{Signal, SignalKind};
use crate::store::StoredSignal;

/// The tagging authority and date of every id minewatch mints (RFC 4151).
pub const TAG_PREFIX: &str = "tag:minewatch,2026:";

/// The signal's permanent id, e.g. `tag:minewatch,2026:signal/WULF/crossover/2026Q1`, with
/// `/2`, `/3` … for a later occurrence of the same key: the Atom entry id and the webhook
/// `Idempotency-Key`.
pub fn signal_id(stored: &StoredSignal) -> String {
    match stored.occurrence {
        1 => format!("{TAG_PREFIX}signal/{}", stored.signal.key()),
        n => format!("{TAG_PREFIX}signal/{}/{n}", stored.signal.key()),
    }
}

/// The title: what happened, to whom, when.
pub fn title(signal: &Signal) -> String {
    let what = match (&signal.rule, signal.kind) {
        (_, SignalKind::Retraction) => "crossover retracted".to_string(),
        (None, SignalKind::Crossover) => "HPC revenue overtook bitcoin revenue".to_string(),
        (None, SignalKind::Approaching) => "HPC revenue approaching bitcoin revenue".to_string(),
        (Some(rule), SignalKind::Crossover) => format!("{} overtook {}", rule.rising_name(), rule.falling_name()),
        (Some(rule), SignalKind::Approaching) => format!("{} approaching {}", rule.rising_name(), rule.falling_name()),
    };
    format!("{} ({}): {what} in {}", signal.company, signal.ticker, signal.quarter)
}

/// One self-contained sentence with the figures.
pub fn text(signal: &Signal) -> String {
    let e = &signal.evidence;
    let current = &e.current;
    let (rising, falling) = signal.sides();
    let figures = format!("{rising} {} vs {falling} {}", usd(current.hpc_usd), usd(current.bitcoin_usd));
    let before = e.previous.as_ref().map_or(String::new(), |p| {
        format!("; {}: {rising} {} vs {falling} {}", p.quarter, usd(p.hpc_usd), usd(p.bitcoin_usd))
    });
    let why = match (signal.kind, &e.approach) {
        (SignalKind::Approaching, Some(a)) => match (a.quarters_to_cross, a.trend_per_quarter) {
            (Some(n), Some(rise)) => format!(
                " — share rising {:.1} points a quarter, projected past 50% within {n} quarter{}",
                rise * 100.0,
                if n == 1 { "" } else { "s" }
            ),
            _ => format!(" — share at or above the {:.0}% threshold", a.threshold * 100.0),
        },
        _ => String::new(),
    };
    format!("{}. {figures} ({rising} share {:.1}%){before}{why}.", title(signal), current.share * 100.0)
}

/// The JSON body of a webhook POST and of a JSON line.
#[derive(Debug, Serialize)]
pub struct Message<'a> {
    pub id: String,
    /// Slack-compatible summary.
    pub text: String,
    pub raised_at: &'a str,
    pub updated_at: &'a str,
    pub signal: &'a Signal,
}

impl<'a> Message<'a> {
    pub fn of(stored: &'a StoredSignal) -> Message<'a> {
        Message {
            id: signal_id(stored),
            text: text(&stored.signal),
            raised_at: &stored.raised_at,
            updated_at: &stored.updated_at,
            signal: &stored.signal,
        }
    }
}

/// Whole dollars as "$21.0M".
fn usd(value: i64) -> String {
    format!("${:.1}M", value as f64 / 1e6)
}
