//! The detect and alert stages: each company's resolved series → signals → the alert outbox →
//! delivery. Detection runs over every company each run (it is cheap and idempotent); only
//! signals the store has not seen get alerts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::alert::{self, AlertError, DeliveryReport};
use crate::config::Config;
use crate::detect::{self, Evidence, Quarter, Signal};
use crate::extract::resolve::Source;
use crate::store::{ResolvedRecord, Store};

/// What the detect and alert stages did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SignalSummary {
    /// Signals the current series show (new or already known).
    pub current: Vec<Signal>,
    /// How many of them were new this run.
    pub new: usize,
    /// Companies whose lines cannot be told apart (e.g. Hut 8's mixed "Compute").
    pub unclassified: Vec<(String, String)>,
    pub delivery: DeliveryReport,
}

/// Detects every company's signals, records the new ones with their alerts, delivers what is due.
pub async fn detect_and_alert(config: &Config, store: &Store) -> Result<SignalSummary, AlertError> {
    let mut summary = SignalSummary::default();
    for company in &config.companies {
        let series = quarters(&store.resolved_of_company(&company.ticker).await?);
        let raised = store.raised_signals(&company.ticker).await?;
        let detection = detect::detect(company, &series, &raised, &config.detect);
        if let Some(why) = detection.unclassified {
            summary.unclassified.push((company.ticker.clone(), why.describe().to_string()));
        }
        summary.new += alert::record(store, &detection.signals, &config.alert).await?;
        summary.current.extend(detection.signals);
    }
    summary.delivery = alert::deliver_pending(store, &config.alert).await?;
    Ok(summary)
}

/// The detector's view of a stored resolved series: values by quarter, and the chosen sources.
pub fn quarters(records: &[ResolvedRecord]) -> Vec<Quarter> {
    let mut by_quarter: BTreeMap<(i32, u8), Quarter> = BTreeMap::new();
    for r in records {
        let quarter = by_quarter.entry((r.fiscal_year, r.fiscal_quarter)).or_insert_with(|| Quarter {
            fiscal_year: r.fiscal_year,
            fiscal_quarter: r.fiscal_quarter,
            period: r.period,
            values: BTreeMap::new(),
            evidence: Vec::new(),
        });
        quarter.values.insert(r.segment, r.value_usd);
        let sources: Vec<Source> = serde_json::from_value(r.sources.clone()).unwrap_or_default();
        quarter.evidence.extend(sources.into_iter().filter(|s| s.chosen).map(|s| Evidence {
            segment: r.segment,
            value_usd: s.value_usd,
            document_id: s.document_id,
            url: s.url,
            form: Some(s.form),
            label: s.labels.join(" + "),
            extractor: s.extractor,
            derived: r.derived,
        }));
    }
    by_quarter.into_values().collect()
}
