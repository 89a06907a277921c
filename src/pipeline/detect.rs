//! Drives detect and alert: each company's resolved series (and, for a pivot rule naming a
//! line, its lines as reported) → signals under each of its pivot rules → the alert outbox →
//! delivery. Detection runs over every settled company each run (it is cheap and idempotent);
//! only signals the store has not seen get alerts.

use serde::Serialize;

use crate::alert::{self, AlertError, DeliveryReport};
use crate::config::Config;
use crate::detect;
use crate::model::{PivotRule, Signal};
use crate::store::{Lease, Store};

/// What the detect and alert stages did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SignalSummary {
    /// Signals the current series show (new or already known).
    pub current: Vec<Signal>,
    /// How many of them were new this run.
    pub new: usize,
    /// Companies whose lines cannot be told apart (e.g. Hut 8's mixed "Compute").
    pub unclassified: Vec<(String, String)>,
    /// Companies left for the run that finishes their crawl, extraction or resolution.
    pub unsettled: Vec<String>,
    pub delivery: DeliveryReport,
}

/// Detects every company's signals, records the new ones with their alerts, delivers what is due.
pub async fn detect_and_alert(config: &Config, store: &Store, lease: &Lease) -> Result<SignalSummary, AlertError> {
    let mut summary = SignalSummary::default();
    for company in &config.companies {
        // A company still being crawled, extracted or resolved is detected by the run that
        // finishes it: a signal read from part of its history could be one the whole never shows.
        if !store.company_settled(&company.ticker).await? {
            summary.unsettled.push(company.ticker.clone());
            continue;
        }
        let series = store.resolved_series(company).await?;
        let raised = store.raised_signals(&company.ticker).await?;
        let rules = config.pivot_rules(&company.ticker);
        let reads_lines = !rules.iter().all(PivotRule::classes_only);
        let lines = if reads_lines { super::resolve::lines_of(store, company).await? } else { Vec::new() };
        let detection = detect::detect_pivots(company, &series, &lines, &raised, &config.detect, &rules);
        if let Some(why) = detection.unclassified {
            summary.unclassified.push((company.ticker.clone(), why.describe().to_string()));
        }
        summary.new += alert::record(store, &detection.signals, &config.alert).await?;
        summary.current.extend(detection.signals);
    }
    summary.delivery = alert::deliver_pending(store, &config.alert, lease).await?;
    Ok(summary)
}
