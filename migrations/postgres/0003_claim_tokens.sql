-- Fencing tokens for a company's crawl and resolve claims (SQLite's 0013).
ALTER TABLE companies ADD COLUMN crawl_token BIGINT NOT NULL DEFAULT 0;
ALTER TABLE companies ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
