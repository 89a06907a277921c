-- Claims up to $5 pending alerts due by $4 (RFC 3339) for holder $1 until $2 (Unix ms), unless
-- another holder's lease still runs at $3 (now): each is sent by one process only. Each claim
-- takes the next fencing token, which every outcome the holder writes must name. SQLite runs one writer at a time, so the UPDATE is the claim.
UPDATE alerts SET lease_holder = $1, lease_until = $2, lease_token = lease_token + 1
WHERE id IN (SELECT id FROM alerts
             WHERE status = 'pending' AND next_attempt_at <= $4 AND (lease_until IS NULL OR lease_until < $3)
             ORDER BY id
             LIMIT $5)
RETURNING id, lease_token
