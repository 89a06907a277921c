-- A fencing token per alert (SQLite's 0012): it grows by one with each claim of the alert, and
-- every outcome a holder writes names the token it claimed with.
ALTER TABLE alerts ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0;
