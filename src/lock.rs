//! One run at a time: an OS file lock in the data dir. Two ingests writing the same store would
//! not corrupt SQLite, but they would fetch everything twice and race on signals and alerts; the
//! lock makes a second `ingest` or `schedule` stop at once with a clear message. The OS drops
//! the lock when the process ends, however it ends, so a crash never leaves a stale lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Held while an ingest runs (`ingest`, `demo`, each scheduled run).
pub const RUN_LOCK_FILE: &str = "run.lock";
/// Held for the life of a `schedule` process, so that only one scheduler runs.
pub const SCHEDULE_LOCK_FILE: &str = "schedule.lock";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LockError {
    #[error("another minewatch {what} is running ({path} is locked{holder}); wait for it to finish")]
    Busy { what: &'static str, path: PathBuf, holder: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock `file_name` in `dir` without waiting; `what` names the holder in errors.
    pub fn acquire(dir: &Path, file_name: &str, what: &'static str) -> Result<Lock, LockError> {
        let path = dir.join(file_name);
        let io = |source| LockError::Io { path: path.clone(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let holder = match file.read_to_string(&mut pid) {
                    Ok(_) if !pid.trim().is_empty() => format!(" by process {}", pid.trim()),
                    _ => String::new(),
                };
                return Err(LockError::Busy { what, path, holder });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| write!(file, "{}", std::process::id()))
            .map_err(io)?;
        Ok(Lock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap();
        let refused = Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap_err().to_string();
        assert!(refused.contains("another minewatch run is running"), "{refused}");
        assert!(refused.contains(&format!("by process {}", std::process::id())), "{refused}");
        drop(first);
        Lock::acquire(dir.path(), RUN_LOCK_FILE, "run").unwrap();
    }
}
