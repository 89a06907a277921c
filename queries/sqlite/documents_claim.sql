-- Claims up to $4 documents pending extraction for holder $1 until $2 (Unix ms): those no one
-- holds, or whose holder's lease ran out before $3 (now). Each claim takes the next fencing token,
-- which the holder's facts, status and release must name. SQLite runs one writer at a time, so the UPDATE is the claim.
UPDATE documents SET lease_holder = $1, lease_until = $2, lease_token = lease_token + 1
WHERE id IN (SELECT id FROM documents
             WHERE status = 'stored' AND (lease_until IS NULL OR lease_until < $3)
             ORDER BY id
             LIMIT $4)
RETURNING id, lease_token
