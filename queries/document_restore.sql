-- A document's lost bytes are back: pending extraction again, and numbered anew in commit order so
-- that search replicas, which left it out, index it.
UPDATE documents
SET status = 'stored', extract_error = NULL, lease_holder = NULL, lease_until = NULL,
    seq = (SELECT MAX(seq) + 1 FROM documents)
WHERE id = $1
