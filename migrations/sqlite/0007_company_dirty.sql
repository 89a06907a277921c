-- A company whose facts changed since its series was last resolved. Set in the same transaction
-- as the facts, cleared in the same transaction as the new series, so a run killed in between
-- leaves the company dirty and the next run resolves it. Every existing company is resolved once.
ALTER TABLE companies ADD COLUMN dirty INTEGER NOT NULL DEFAULT 1;
