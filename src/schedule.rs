//! The nightly schedule, in process: `--at 02:30` or a 5-field cron expression, in local time.
//! For hosts that prefer cron or systemd timers, README shows the equivalents; either way the
//! run lock keeps two runs from overlapping.

use std::future::Future;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Local, TimeZone};
use croner::Cron;

use crate::config::Config;
use crate::pipeline::{self, PipelineError};
use crate::store::Store;

/// Longest single sleep: the clock is re-read after it, so a suspended machine or a clock change
/// delays a run by at most this much.
const MAX_SLEEP: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error("--at {0:?}: expected HH:MM, e.g. 02:30")]
    At(String),
    #[error("--cron {expression:?}: {message}")]
    Cron { expression: String, message: String },
    #[error("the schedule {0:?} never fires")]
    Never(String),
}

/// When runs start.
#[derive(Debug, Clone)]
pub struct Schedule {
    cron: Cron,
    expression: String,
}

impl Schedule {
    /// Every day at `HH:MM` local time.
    pub fn daily_at(at: &str) -> Result<Schedule, ScheduleError> {
        let bad = || ScheduleError::At(at.to_string());
        let (h, m) = at.split_once(':').ok_or_else(bad)?;
        let (hour, minute): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Schedule::cron(&format!("{minute} {hour} * * *"))
    }

    /// A cron expression: minute hour day-of-month month day-of-week.
    pub fn cron(expression: &str) -> Result<Schedule, ScheduleError> {
        let cron = Cron::from_str(expression)
            .map_err(|e| ScheduleError::Cron { expression: expression.to_string(), message: e.to_string() })?;
        Ok(Schedule { cron, expression: expression.to_string() })
    }

    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The first start strictly after `now`.
    pub fn next_after<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> Result<DateTime<Tz>, ScheduleError> {
        self.cron.find_next_occurrence(now, false).map_err(|_| ScheduleError::Never(self.expression.clone()))
    }
}

/// Runs `job` at every start of `schedule`, forever; a job's failure is the job's to report.
pub async fn run_forever<F, Fut>(schedule: &Schedule, mut job: F) -> Result<(), ScheduleError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    loop {
        let next = schedule.next_after(&Local::now())?;
        tracing::info!("next run at {next}");
        while let Ok(left) = (next - Local::now()).to_std() {
            if left.is_zero() {
                break;
            }
            tokio::time::sleep(left.min(MAX_SLEEP)).await;
        }
        job().await;
    }
}

/// One scheduled ingest; skipped when another run holds the lock. Failures are logged, and the
/// schedule goes on.
pub async fn scheduled_run(config: &Config, store: &Store) {
    match pipeline::ingest_with_progress(config, store, "schedule", &mut |_| {}, std::future::pending()).await {
        Ok(summary) => tracing::info!(
            "scheduled run {}: {} documents new, {} failed",
            summary.run_id,
            summary.counts.documents_new,
            summary.counts.documents_failed
        ),
        Err(PipelineError::Lock(e)) => tracing::warn!("scheduled run skipped: {e}"),
        Err(e) => tracing::error!("scheduled run failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Utc};

    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.from_utc_datetime(&NaiveDate::from_ymd_opt(y, mo, d).unwrap().and_hms_opt(h, mi, 0).unwrap())
    }

    #[test]
    fn daily_at_is_the_cron_equivalent() {
        let nightly = Schedule::daily_at("02:30").unwrap();
        assert_eq!(nightly.expression(), "30 2 * * *");
        assert_eq!(nightly.next_after(&at(2026, 5, 8, 1, 0)).unwrap(), at(2026, 5, 8, 2, 30));
        assert_eq!(nightly.next_after(&at(2026, 5, 8, 2, 30)).unwrap(), at(2026, 5, 9, 2, 30), "strictly after");
    }

    #[test]
    fn cron_weekdays_and_bad_input() {
        let weekdays = Schedule::cron("0 6 * * 1-5").unwrap();
        assert_eq!(weekdays.next_after(&at(2026, 5, 8, 7, 0)).unwrap(), at(2026, 5, 11, 6, 0), "Friday → Monday");
        for bad in ["24:00", "2:61", "0230", "x:y"] {
            assert!(Schedule::daily_at(bad).is_err(), "{bad}");
        }
        assert!(Schedule::cron("61 2 * * *").unwrap_err().to_string().starts_with("--cron \"61 2 * * *\""));
    }
}
