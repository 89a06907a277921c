-- Work shared by several processes (`minewatch worker`): each stage's pending rows are claimed
-- with a lease (holder, until: Unix milliseconds) that another process may take once it expires.
-- `dirty` becomes a generation: marking a company dirty adds one, and resolving clears only the
-- generation it read, so facts stored meanwhile are never lost.

ALTER TABLE documents ADD COLUMN lease_holder TEXT;
ALTER TABLE documents ADD COLUMN lease_until INTEGER;
-- Commit order of documents, for search replicas to catch up by (ids may commit out of order
-- on PostgreSQL; `seq` is assigned under a lock at insert).
ALTER TABLE documents ADD COLUMN seq INTEGER;
UPDATE documents SET seq = id;
CREATE UNIQUE INDEX documents_by_seq ON documents(seq);

ALTER TABLE companies ADD COLUMN lease_holder TEXT;
ALTER TABLE companies ADD COLUMN lease_until INTEGER;
ALTER TABLE companies ADD COLUMN crawl_holder TEXT;
ALTER TABLE companies ADD COLUMN crawl_until INTEGER;
ALTER TABLE companies ADD COLUMN crawl_due INTEGER NOT NULL DEFAULT 0;

ALTER TABLE alerts ADD COLUMN lease_holder TEXT;
ALTER TABLE alerts ADD COLUMN lease_until INTEGER;

-- One request pace per name (the EDGAR limit, each press host): the next free slot, Unix ms.
CREATE TABLE pace (
    name    TEXT PRIMARY KEY,
    next_ms INTEGER NOT NULL
);
