//! Content-addressed raw bytes: `blobs/ab/cdef…` named by SHA-256, written atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::StoreError;

/// A folder of immutable blobs; the same bytes are stored once.
#[derive(Debug, Clone)]
pub struct BlobStore {
    root: PathBuf,
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl BlobStore {
    pub fn new(root: PathBuf) -> BlobStore {
        BlobStore { root }
    }

    /// Where the blob with this hash lives (whether or not it exists).
    pub fn path(&self, sha256: &str) -> PathBuf {
        let (dir, rest) = sha256.split_at(2.min(sha256.len()));
        self.root.join(dir).join(rest)
    }

    /// Stores `bytes` (temp file + fsync + rename + fsync of the folder) unless an intact copy is
    /// already there; a damaged copy is replaced. Returns the hash.
    pub fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha);
        if self.get(&sha).is_ok() {
            return Ok(sha);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io_error(dir, e))?;
        tmp.write_all(bytes).map_err(|e| io_error(tmp.path(), e))?;
        tmp.as_file().sync_all().map_err(|e| io_error(tmp.path(), e))?;
        tmp.persist(&path).map_err(|e| io_error(&path, e.error))?;
        // The rename is durable only once the folder's entry is on disk too.
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| io_error(dir, e))?;
        Ok(sha)
    }

    /// Removes the temp files a write cut short left beside the blobs (`.tmp…`, never a blob
    /// name); called under the run lock, so no write is in flight. Returns how many went.
    pub fn remove_leftovers(&self) -> Result<usize, StoreError> {
        let Ok(folders) = std::fs::read_dir(&self.root) else { return Ok(0) };
        let mut removed = 0;
        for folder in folders.flatten().filter(|f| f.path().is_dir()) {
            let entries = std::fs::read_dir(folder.path()).map_err(|e| io_error(&folder.path(), e))?;
            for entry in entries.flatten().filter(|e| e.file_name().to_string_lossy().starts_with(".tmp")) {
                std::fs::remove_file(entry.path()).map_err(|e| io_error(&entry.path(), e))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The bytes of a stored blob, checked against their hash: a damaged file is an error
    /// naming it, never bytes read as if they were the document.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path(sha256);
        let bytes = std::fs::read(&path).map_err(|e| io_error(&path, e))?;
        if sha256_hex(&bytes) != sha256 {
            return Err(StoreError::DamagedBlob(path));
        }
        Ok(bytes)
    }
}

fn io_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io { path: path.to_path_buf(), source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_are_stored_once_under_their_hash() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path().join("blobs"));
        let a = blobs.put(b"HPC lease revenue").unwrap();
        let b = blobs.put(b"HPC lease revenue").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, sha256_hex(b"HPC lease revenue"));
        assert!(blobs.path(&a).ends_with(format!("{}/{}", &a[..2], &a[2..])));
        assert_eq!(blobs.get(&a).unwrap(), b"HPC lease revenue");
        let files: Vec<_> = walk(&dir.path().join("blobs"));
        assert_eq!(files.len(), 1, "no temp files left behind: {files:?}");
    }

    /// Issue 13.10: a blob's bytes were trusted without checking their hash.
    #[test]
    fn a_damaged_blob_is_an_error_and_storing_the_bytes_again_repairs_it() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path().join("blobs"));
        let sha = blobs.put(b"HPC lease revenue").unwrap();
        std::fs::write(blobs.path(&sha), b"HPC lease revenuE").unwrap();
        let e = blobs.get(&sha).unwrap_err().to_string();
        assert!(e.contains("damaged") && e.contains(&sha[2..]), "{e}");
        std::fs::remove_file(blobs.path(&sha)).unwrap();
        assert!(blobs.get(&sha).is_err(), "a missing blob is an error");
        assert_eq!(blobs.put(b"HPC lease revenue").unwrap(), sha);
        assert_eq!(blobs.get(&sha).unwrap(), b"HPC lease revenue");
    }

    #[test]
    fn temp_files_a_killed_write_left_are_removed_and_blobs_kept() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::new(dir.path().join("blobs"));
        let sha = blobs.put(b"HPC lease revenue").unwrap();
        let stray = blobs.path(&sha).with_file_name(".tmpAbC123");
        std::fs::write(&stray, b"HPC le").unwrap();
        assert_eq!(blobs.remove_leftovers().unwrap(), 1);
        assert!(!stray.exists());
        assert_eq!(walk(&dir.path().join("blobs")), vec![blobs.path(&sha)]);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
        }
        out
    }
}
