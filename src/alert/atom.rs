//! The Atom 1.0 feed of every signal: feed readers are what analysts already watch, and a file
//! needs no server. Entry ids are the signals' tag URIs, so a reader never shows one twice;
//! `updated` moves when a signal's evidence changes; links go to the source documents.

use std::collections::BTreeSet;
use std::path::Path;

use quick_xml::escape::escape;

use super::AlertError;
use super::message::{TAG_PREFIX, signal_id, text, title};
use crate::store::StoredSignal;

/// `updated` of a feed without entries.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The feed of `signals`, newest first.
pub fn feed(signals: &[StoredSignal]) -> String {
    let mut entries: Vec<&StoredSignal> = signals.iter().collect();
    entries.sort_by(|a, b| (&b.updated_at, b.id).cmp(&(&a.updated_at, a.id)));
    let updated = entries.iter().map(|s| s.updated_at.as_str()).max().unwrap_or(EPOCH);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  \
         <id>{TAG_PREFIX}signals</id>\n  <title>minewatch: HPC/AI crossovers of bitcoin miners</title>\n  \
         <updated>{}</updated>\n  <author><name>minewatch</name></author>\n  \
         <generator version=\"{}\">minewatch</generator>\n",
        escape(updated),
        env!("CARGO_PKG_VERSION"),
    );
    for stored in entries {
        xml.push_str(&entry(stored));
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(stored: &StoredSignal) -> String {
    let signal = &stored.signal;
    let mut links = String::new();
    let mut seen = BTreeSet::new();
    let sources = signal.evidence.sources.iter().filter(|s| seen.insert(s.url.as_str()));
    for (n, source) in sources.enumerate() {
        let rel = if n == 0 { "alternate" } else { "related" };
        links.push_str(&format!(
            "    <link rel=\"{rel}\" type=\"{}\" href=\"{}\" title=\"{}\"/>\n",
            if source.url.ends_with(".pdf") { "application/pdf" } else { "text/html" },
            escape(source.url.as_str()),
            escape(format!("{} {}", source.form.as_deref().unwrap_or("document"), source.label)),
        ));
    }
    format!(
        "  <entry>\n    <id>{}</id>\n    <title>{}</title>\n    <published>{}</published>\n    \
         <updated>{}</updated>\n    <category term=\"{}\"/>\n{links}    <summary type=\"text\">{}</summary>\n  </entry>\n",
        escape(signal_id(stored)),
        escape(title(signal)),
        escape(stored.raised_at.as_str()),
        escape(stored.updated_at.as_str()),
        signal.kind.as_str(),
        escape(text(signal)),
    )
}

/// Replaces `path` with the feed of `signals` (temp file + rename: readers never see half a feed).
pub fn write(path: &Path, signals: &[StoredSignal]) -> Result<(), AlertError> {
    let io = |source| AlertError::Feed { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut temp, feed(signals).as_bytes()).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
