-- The outcome of one delivery attempt.
UPDATE alerts
SET status = ?2, attempts = attempts + 1, next_attempt_at = ?3, last_error = ?4, delivered_at = ?5
WHERE id = ?1
