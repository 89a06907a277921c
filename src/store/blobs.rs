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

    /// Stores `bytes` (temp file + fsync + rename) unless already present; returns the hash.
    pub fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha);
        if path.exists() {
            return Ok(sha);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| io_error(dir, e))?;
        tmp.write_all(bytes).map_err(|e| io_error(tmp.path(), e))?;
        tmp.as_file().sync_all().map_err(|e| io_error(tmp.path(), e))?;
        tmp.persist(&path).map_err(|e| io_error(&path, e.error))?;
        Ok(sha)
    }

    /// The bytes of a stored blob.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path(sha256);
        std::fs::read(&path).map_err(|e| io_error(&path, e))
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

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
        }
        out
    }
}
