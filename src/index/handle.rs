//! Opening the index folder, writing to it, and knowing which store documents it holds.
//!
//! One writer at a time (tantivy's lock file); readers never wait for it. A writer's work becomes
//! visible only at its single commit, so a crash mid-run leaves the index as of the previous run,
//! and `sync` finds what is missing by comparing indexed ids with stored ids.

use std::collections::HashSet;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use super::IndexError;
use super::schema::{Fields, IndexDocument, name, register_tokenizers};

/// The index folder inside the data dir.
pub const INDEX_DIR: &str = "index";

/// The writer's indexing arena, shared by its threads: segments are flushed when it fills.
/// Large enough for big segments (fewer merges), small enough that indexing plus merging and the
/// mmapped index stay well under 1 GB resident.
pub const WRITER_MEMORY_BYTES: usize = 400 << 20;

/// Writer threads at most (each needs at least 15 MB of the arena).
const MAX_WRITER_THREADS: usize = 4;

/// An open index: its schema's fields and a reader that sees the last commit.
#[derive(Clone)]
pub struct SearchIndex {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    path: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("path", &self.path).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `path`, creating an empty one if there is none.
    pub fn open(path: &Path) -> Result<SearchIndex, IndexError> {
        let open_error = |source: TantivyError| IndexError::Open { path: path.to_path_buf(), source };
        std::fs::create_dir_all(path).map_err(|e| open_error(e.into()))?;
        let directory = MmapDirectory::open(path).map_err(|e| open_error(e.into()))?;
        let index = match Index::open_or_create(directory, Fields::schema()) {
            // Written by an older minewatch: every document is in the store, so start afresh
            // and let the next sync index them all again.
            Err(TantivyError::SchemaError(why)) => {
                tracing::warn!("{}: {why}; rebuilding it from the store", path.display());
                std::fs::remove_dir_all(path).map_err(|e| open_error(e.into()))?;
                std::fs::create_dir_all(path).map_err(|e| open_error(e.into()))?;
                Index::create_in_dir(path, Fields::schema()).map_err(open_error)?
            }
            other => other.map_err(open_error)?,
        };
        register_tokenizers(&index);
        let fields = Fields::of(&index.schema()).map_err(open_error)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(open_error)?;
        Ok(SearchIndex { index, reader, fields, path: path.to_path_buf() })
    }

    /// Opens the index of a data dir (`<data_dir>/index`).
    pub fn open_in(data_dir: &Path) -> Result<SearchIndex, IndexError> {
        SearchIndex::open(&data_dir.join(INDEX_DIR))
    }

    /// This handle with a reader that follows commits made by any process (within about half a
    /// second), for a long-running reader such as the HTTP server beside a nightly ingest.
    pub fn following_commits(self) -> Result<SearchIndex, IndexError> {
        let reader = self.index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()?;
        Ok(SearchIndex { reader, ..self })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Documents in the last commit.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Takes the index's write lock; fails with [`IndexError::Busy`] while another writer holds it.
    pub fn writer(&self) -> Result<Writer<'_>, IndexError> {
        let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get).clamp(1, MAX_WRITER_THREADS);
        let inner = self.index.writer_with_num_threads(threads, WRITER_MEMORY_BYTES).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Busy { path: self.path.clone() },
            other => IndexError::Tantivy(other),
        })?;
        Ok(Writer { inner, fields: self.fields, reader: &self.reader })
    }

    /// The store `seq` the last commit was caught up to (every document numbered up to it was
    /// fed), carried as the commit's payload; `None` for an empty index or one written before
    /// commits carried it.
    pub fn indexed_through(&self) -> Result<Option<i64>, IndexError> {
        Ok(self.index.load_metas()?.payload.and_then(|payload| payload.parse().ok()))
    }

    /// The store ids of every document in the last commit.
    pub fn indexed_ids(&self) -> Result<HashSet<i64>, IndexError> {
        let searcher = self.reader.searcher();
        let mut ids = HashSet::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().i64(name::ID)?;
            ids.extend(segment.doc_ids_alive().filter_map(|doc| column.first(doc)));
        }
        Ok(ids)
    }
}

/// The index's single writer: add documents, then commit once.
pub struct Writer<'a> {
    inner: IndexWriter,
    fields: Fields,
    reader: &'a IndexReader,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer<'_> {
    /// Queues a document; it becomes searchable at [`Writer::commit`].
    pub fn add(&mut self, doc: &IndexDocument) -> Result<(), IndexError> {
        self.inner.add_document(self.fields.write(doc))?;
        Ok(())
    }

    /// Drops every document (as of the commit), for a rebuild.
    pub fn clear(&mut self) -> Result<(), IndexError> {
        self.inner.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything added visible at once, recording that the index is caught up to the
    /// store's `through` seq, lets merges finish and releases the lock.
    pub fn commit(mut self, through: i64) -> Result<(), IndexError> {
        let mut prepared = self.inner.prepare_commit()?;
        prepared.set_payload(&through.to_string());
        prepared.commit()?;
        self.inner.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }
}
