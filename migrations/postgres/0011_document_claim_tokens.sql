-- A fencing token per document's extraction claim (SQLite's 0021).
ALTER TABLE documents ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
