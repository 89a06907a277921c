//! Claims held while their holder works: a task renews every claim of this process's lease at a
//! third of its length, so a crawl that outlasts the lease (a slow host, a `Retry-After` wait)
//! keeps its claim, while a process that dies or hangs stops renewing and its claims lapse for
//! another to take. Alerts renew their own claims at each attempt (`alerts.rs`).

use std::path::Path;
use std::time::Duration;

use tokio::task::JoinHandle;

use super::{Lease, Store, StoreError};

/// Renews a lease's claims until dropped.
#[derive(Debug)]
pub struct Heartbeat {
    task: JoinHandle<()>,
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Store {
    /// Starts renewing `lease`'s claims every third of its length, until the returned
    /// [`Heartbeat`] is dropped.
    pub fn hold(&self, lease: &Lease) -> Heartbeat {
        let (store, lease) = (self.clone(), lease.clone());
        let every = (lease.ttl / 3).max(Duration::from_millis(1));
        let task = tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                if let Err(e) = store.renew(&lease).await {
                    tracing::warn!(holder = lease.holder, "renewing claims: {e}; tried again in {every:?}");
                }
            }
        });
        Heartbeat { task }
    }

    /// Extends every claim `lease` holds (crawls, resolves, extractions) and the heartbeat of its
    /// runs under way to a full lease from now.
    pub async fn renew(&self, lease: &Lease) -> Result<(), StoreError> {
        let until = lease.until(super::work::now_ms());
        for statement in [
            include_str!("../../queries/claims_renew_companies.sql"),
            include_str!("../../queries/claims_renew_documents.sql"),
            include_str!("../../queries/claims_renew_runs.sql"),
        ] {
            sqlx::query(statement).bind(&lease.holder).bind(until).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Gives back every claim `holder` still holds (a stopping process's own, work a failed stage
    /// left claimed, or a dead process's), so another process takes the work at once instead
    /// of after the lease.
    pub async fn give_back(&self, holder: &str) -> Result<(), StoreError> {
        for statement in [
            include_str!("../../queries/claims_give_back_companies.sql"),
            include_str!("../../queries/claims_give_back_documents.sql"),
            include_str!("../../queries/claims_give_back_alerts.sql"),
        ] {
            sqlx::query(statement).bind(holder).execute(&self.pool).await?;
        }
        Ok(())
    }

    /// Gives back the claims of processes of this machine that are gone (killed, crashed): a
    /// restarted `ingest` or worker takes their work at once. Another machine's claims lapse.
    pub async fn give_back_dead_here(&self) -> Result<(), StoreError> {
        let holders: Vec<String> =
            sqlx::query_scalar(include_str!("../../queries/claims_holders.sql")).fetch_all(&self.pool).await?;
        for holder in holders.iter().filter(|h| is_dead_here(h)) {
            tracing::info!(holder, "giving back the claims of a process of this machine that is gone");
            self.give_back(holder).await?;
        }
        Ok(())
    }
}

/// Whether `holder` ([`Lease::for_this_process`]: host, pid, suffix) names a process of this
/// machine that no longer runs, as `/proc` tells (where there is no `/proc`, none is).
fn is_dead_here(holder: &str) -> bool {
    let mut parts = holder.rsplitn(3, ':');
    let (Some(_), Some(pid), Some(host)) = (parts.next(), parts.next(), parts.next()) else { return false };
    let alive = |pid: &str| Path::new("/proc").join(pid).exists();
    !host.is_empty() && host == Lease::this_host() && pid.parse::<u32>().is_ok() && alive("self") && !alive(pid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_gone_process_of_this_machine_is_dead_here() {
        let host = Lease::this_host();
        let me = Lease::for_this_process(Duration::from_secs(1)).holder;
        assert!(!is_dead_here(&me));
        assert!(is_dead_here(&format!("{host}:{}:00000000", u32::MAX)), "no such pid");
        assert!(!is_dead_here(&format!("elsewhere-{host}:{}:00000000", u32::MAX)), "another machine's");
        assert!(!is_dead_here("garbage"));
        assert!(!is_dead_here(&format!("{host}:not-a-pid:0")));
    }
}
