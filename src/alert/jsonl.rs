//! JSON lines: one line per signal appended to a file or written to stdout, for scripts and
//! log shippers that want no server at all.

use std::io::Write;

use crate::config::JsonlTarget;

/// Appends one line (`line` has no newline) to the target.
pub fn append(target: &JsonlTarget, line: &str) -> Result<(), String> {
    let written = match target {
        JsonlTarget::Stdout => writeln!(std::io::stdout().lock(), "{line}"),
        JsonlTarget::File(path) => std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(format!("{line}\n").as_bytes())),
    };
    written.map_err(|e| e.to_string())
}
