-- The outcome of one delivery attempt; the claim on the alert is released.
UPDATE alerts
SET status = $2, attempts = attempts + 1, next_attempt_at = $3, last_error = $4, delivered_at = $5,
    lease_holder = NULL, lease_until = NULL
WHERE id = $1
