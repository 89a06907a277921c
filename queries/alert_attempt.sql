-- A POST under the claim with token $5 failed: pending again from $3 (the claim held until $6,
-- Unix ms, so the next attempt is this holder's) or $2 = 'dead' (the claim released). Only that
-- claim's holder writes it, and only while the alert is pending: an acknowledgement is final.
UPDATE alerts
SET status = $2, next_attempt_at = $3, last_error = $4,
    lease_holder = CASE WHEN $2 = 'pending' THEN lease_holder END,
    lease_until = CASE WHEN $2 = 'pending' THEN $6 END
WHERE id = $1 AND status = 'pending' AND lease_token = $5
RETURNING id
