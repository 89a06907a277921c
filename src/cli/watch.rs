//! `minewatch watch`: follow EDGAR's latest filings and the press feeds live, until SIGINT or
//! SIGTERM (which end the poll under way at its next await, give back its claims, exit 0);
//! `--discover` reads other filers' periodic filings for candidates.

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use minewatch::pipeline::watch::Watch;

use super::{Globals, UsageError, output, stop};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Time between polls: seconds, or with a unit (500ms, 60s, 2m)
    #[arg(long, default_value = "60s", value_parser = parse_every)]
    every: Duration,
    /// Form types whose latest-filings feed is polled
    #[arg(long, value_delimiter = ',', default_value = "8-K,10-Q,10-K,6-K,20-F,40-F")]
    forms: Vec<String>,
    /// Also read every 10-Q, 10-K, 20-F and 40-F of filers outside the universe and raise those
    /// whose revenue lines speak of AI, HPC or data centers as candidates (`signals --candidates`)
    #[arg(long)]
    discover: bool,
}

pub(super) fn parse_every(s: &str) -> Result<Duration, String> {
    let (number, unit) = s.find(|c: char| c.is_ascii_alphabetic()).map_or((s, "s"), |at| s.split_at(at));
    let value: f64 = number.trim().parse().map_err(|_| format!("{s:?} is not a duration like 60s"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        _ => return Err(format!("{s:?}: the unit is ms, s or m")),
    };
    Duration::try_from_secs_f64(seconds)
        .ok()
        .filter(|d| !d.is_zero() && d.as_secs() <= 86_400)
        .ok_or_else(|| format!("{s:?}: between 1 ms and 24 h"))
}

pub async fn run(args: Args, globals: &Globals) -> Result<ExitCode> {
    if args.forms.iter().any(|f| f.trim().is_empty()) {
        return Err(UsageError("--forms lists form types separated by commas, e.g. 8-K,10-Q".into()).into());
    }
    let config = globals.config()?;
    let store = globals.store().await?;
    let mut watch = Watch::new(&config, &store, &args.forms, args.every)?;
    if args.discover {
        watch = watch.discovering();
    }
    let stop = stop::on_signal()?;
    eprintln!("watching {} every {:?}; Ctrl-C or SIGTERM stops", args.forms.join(","), args.every);
    let mut next = tokio::time::Instant::now();
    loop {
        let poll = tokio::select! {
            biased;
            () = stop.clone() => break,
            poll = watch.poll() => poll?,
        };
        if poll.skipped_busy {
            eprintln!("another minewatch run holds the run lock; this poll was skipped");
        }
        for (url, message) in &poll.failed_feeds {
            eprintln!("feed {url} failed (backing off): {message}");
        }
        if let Some(discovery) = &poll.discovery {
            output::human(|out| output::discovery(out, discovery))?;
        }
        if let Some(run) = &poll.run {
            output::human(|out| output::run_summary(out, run))?;
        }
        // Polls start every interval (or at once when the last one took longer).
        next = (next + args.every).max(tokio::time::Instant::now());
        tokio::select! {
            () = tokio::time::sleep_until(next) => {}
            () = stop.clone() => break,
        }
    }
    watch.give_back().await?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poll_intervals_read_with_their_unit() {
        assert_eq!(parse_every("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_every("1"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_every("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_every("2m"), Ok(Duration::from_secs(120)));
        for bad in ["0s", "-1s", "1h", "soon", "NaNs", "90000s"] {
            assert!(parse_every(bad).is_err(), "{bad}");
        }
    }
}
