-- Claims one company whose facts changed since its series was resolved, for holder $1 until $2
-- (Unix ms), unless another holder's lease still runs at $3 (now); returns the dirty generation
-- read, which resolving clears only if no new facts came meanwhile. SQLite runs one writer at a time, so the UPDATE is the claim.
UPDATE companies SET lease_holder = $1, lease_until = $2, lease_token = lease_token + 1
WHERE ticker IN (SELECT ticker FROM companies
                 WHERE dirty <> 0 AND (lease_until IS NULL OR lease_until < $3)
                 ORDER BY ticker
                 LIMIT 1)
RETURNING ticker, dirty, lease_token
