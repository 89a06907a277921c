-- A fencing token per document's extraction claim (crawl, resolve and alert claims have theirs
-- since 0012 and 0013): each claim takes the next token, and the facts, status and release a
-- holder writes name it, so a holder whose claim lapsed and was taken over writes nothing.
ALTER TABLE documents ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
