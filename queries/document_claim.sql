-- Claims document $4 for holder $1 until $2 (Unix ms), whatever its status (a re-extraction
-- reads extracted documents again), unless another holder's lease still runs at $3 (now); takes
-- the next fencing token, as claims of pending documents do.
UPDATE documents SET lease_holder = $1, lease_until = $2, lease_token = lease_token + 1
WHERE id = $4 AND (lease_until IS NULL OR lease_until < $3)
RETURNING id, lease_token
