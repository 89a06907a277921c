//! Store → index: a run's new documents, repair of what a crash left out, and a full rebuild.
//!
//! The store is the truth and the index is derived from it, so each replica (every data dir has
//! its own index) catches up from the store by document `seq`, the store's commit order: each
//! commit records the seq it is caught up to, and the next pass indexes what is numbered after,
//! in one commit with the run's new documents. An index from before commits carried the seq is
//! reconciled id by id once. A document that cannot be indexed (its blob is gone) is reported by
//! URL, left out and marked lost; the run that fetches its bytes again numbers it anew, and it is
//! indexed then.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::IndexError;
use super::handle::{SearchIndex, Writer};
use super::schema::IndexDocument;
use crate::extract::text::{self, TextError, VisibleText};
use crate::model::Failure;
use crate::store::{CompanyRecord, DocumentRecord, Store};

/// What one pass of indexing added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IndexCounts {
    /// Documents added to the index in all.
    pub indexed: u64,
    /// Of those, stored documents an earlier run had left out of the index (a crash).
    pub repaired: u64,
}

/// What indexing did, and the documents it could not index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IndexReport {
    pub counts: IndexCounts,
    pub failures: Vec<Failure>,
}

/// Indexes a run's new documents, plus any stored document the index lacks, in one commit.
pub async fn update(store: &Store, new_documents: &[i64]) -> Result<IndexReport, IndexError> {
    let index = SearchIndex::open_in(store.data_dir())?;
    sync(&index, store, new_documents).await
}

/// Opens the data dir's index for searching, first indexing whatever the store has and it lacks.
/// While another process is writing the index the repair is left to that process.
pub async fn open_repaired(store: &Store) -> Result<(SearchIndex, IndexReport), IndexError> {
    let index = SearchIndex::open_in(store.data_dir())?;
    let report = match sync(&index, store, &[]).await {
        Err(IndexError::Busy { path }) => {
            tracing::info!("{} is being written; searching its last commit", path.display());
            IndexReport::default()
        }
        other => other?,
    };
    Ok((index, report))
}

/// Rebuilds the data dir's index from every stored document; the old index stays in place until
/// the single commit at the end.
pub async fn rebuild(store: &Store) -> Result<IndexReport, IndexError> {
    let index = SearchIndex::open_in(store.data_dir())?;
    let mut writer = index.writer()?;
    writer.clear()?;
    let mut feeder = Feeder::new(store, HashSet::new()).await?;
    let documents = store.documents().await?;
    for record in &documents {
        feeder.feed(&mut writer, record)?;
    }
    writer.commit(documents.iter().map(|d| d.seq).max().unwrap_or(0))?;
    feeder.finish().await
}

/// Indexes every stored document the index lacks: those numbered after the `seq` its last commit
/// was caught up to (an index without one is compared with the store id by id, once). Those not
/// among `new_documents` count as repaired. Takes the write lock only when something is missing.
async fn sync(index: &SearchIndex, store: &Store, new_documents: &[i64]) -> Result<IndexReport, IndexError> {
    let (missing, indexed, through) = match index.indexed_through()? {
        Some(through) => {
            let missing = store.documents_after(through).await?;
            if missing.is_empty() {
                return Ok(IndexReport::default());
            }
            (missing, HashSet::new(), through)
        }
        None => {
            let indexed = index.indexed_ids()?;
            let all = store.documents().await?;
            let through = all.iter().map(|d| d.seq).max().unwrap_or(0);
            (all.into_iter().filter(|d| !indexed.contains(&d.id)).collect(), indexed, through)
        }
    };
    let through = missing.iter().map(|d| d.seq).max().unwrap_or(0).max(through);
    let mut writer = index.writer()?;
    let mut feeder = Feeder::new(store, indexed).await?;
    let new: HashSet<i64> = new_documents.iter().copied().collect();
    for record in &missing {
        if feeder.feed(&mut writer, record)? && !new.contains(&record.id) {
            feeder.report.counts.repaired += 1;
        }
    }
    if feeder.report.counts.repaired > 0 {
        tracing::warn!(repaired = feeder.report.counts.repaired, "indexed stored documents the index was missing");
    }
    writer.commit(through)?;
    feeder.finish().await
}

/// Turns store rows into index documents, once per id.
struct Feeder<'s> {
    store: &'s Store,
    companies: HashMap<String, CompanyRecord>,
    /// Ids already in the index or tried by this pass (a failure is reported once per pass).
    seen: HashSet<i64>,
    report: IndexReport,
    /// Documents whose stored bytes are missing or damaged, with why.
    lost: Vec<(i64, String)>,
}

impl<'s> Feeder<'s> {
    async fn new(store: &'s Store, indexed: HashSet<i64>) -> Result<Feeder<'s>, IndexError> {
        let companies = store.companies().await?.into_iter().map(|c| (c.ticker.clone(), c)).collect();
        Ok(Feeder { store, companies, seen: indexed, report: IndexReport::default(), lost: Vec::new() })
    }

    /// Marks the documents whose bytes were lost, so the next run fetches them again.
    async fn finish(self) -> Result<IndexReport, IndexError> {
        for (id, why) in &self.lost {
            self.store.mark_blob_lost(*id, why).await?;
        }
        Ok(self.report)
    }

    /// Adds the document unless it is indexed already; whether it was added.
    fn feed(&mut self, writer: &mut Writer<'_>, record: &DocumentRecord) -> Result<bool, IndexError> {
        if !self.seen.insert(record.id) {
            return Ok(false);
        }
        match self.document(record) {
            Ok(doc) => {
                writer.add(&doc)?;
                self.report.counts.indexed += 1;
                Ok(true)
            }
            Err(e) => {
                tracing::error!(url = %record.url, "{e}");
                self.report.failures.push(Failure::new(record.url.clone(), e.to_string()));
                Ok(false)
            }
        }
    }

    /// The document as the index stores it. A PDF whose text cannot be read is indexed by its
    /// metadata only, and reported: a search for its words will not find it.
    fn document(&mut self, record: &DocumentRecord) -> Result<IndexDocument, IndexError> {
        let bytes = self.store.blobs().get(&record.sha256).map_err(|e| {
            self.lost.push((record.id, e.to_string()));
            IndexError::Document {
                id: record.id,
                url: record.url.clone(),
                message: format!("{e}; fetched again next run"),
            }
        })?;
        let visible = match text::visible_text(&bytes, record.content_type.as_deref()) {
            Ok(visible) => visible,
            Err(e @ TextError::Pdf(_)) => {
                let message = format!("{e}; indexed by its metadata only");
                tracing::warn!(url = %record.url, "{message}");
                self.report.failures.push(Failure::new(record.url.clone(), message));
                VisibleText::default()
            }
            Err(e) => {
                return Err(IndexError::Document { id: record.id, url: record.url.clone(), message: e.to_string() });
            }
        };
        let company = self.companies.get(&record.ticker);
        Ok(IndexDocument {
            id: record.id,
            ticker: record.ticker.clone(),
            company: company.map(|c| c.name.clone()).unwrap_or_default(),
            cik: company.map(|c| c.cik.to_string()).unwrap_or_default(),
            form: record.form.clone(),
            filed: record.filed,
            report_period: record.report_period,
            accession: record.accession.clone(),
            url: record.url.clone(),
            title: record.title.clone().or(visible.title),
            text: visible.text,
        })
    }
}
