-- Every SQLite connection: wait for a busy writer rather than fail, write-ahead log (readers
-- never block the writer), fsync at checkpoints only, and enforce foreign keys.
PRAGMA busy_timeout = 30000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
