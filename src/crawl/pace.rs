//! Where a limiter takes its request slots when several processes share one limit.
//!
//! SEC fair access counts the requests of every worker on every machine together, so each one
//! asks a shared pace for the next slot before it sends. The crawler only needs "when may I
//! send?"; who keeps the pace (the store's pace rows, one statement per request) is not its
//! business, so it asks through this trait and the store implements it.

use std::fmt::Debug;
use std::time::Duration;

use futures_util::future::BoxFuture;

/// Why a shared pace could not give a slot; the limiter then spaces this process's requests only.
pub type PaceError = Box<dyn std::error::Error + Send + Sync>;

/// A request pace shared by every process that crawls together.
pub trait Pace: Send + Sync + Debug {
    /// Takes the next slot of the pace `name` (slots `interval` apart, across every process
    /// sharing it) and returns how long to wait for it.
    fn next_slot<'a>(&'a self, name: &'a str, interval: Duration) -> BoxFuture<'a, Result<Duration, PaceError>>;
}
