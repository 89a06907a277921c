-- A re-detected signal whose figures changed: new evidence, same signal, no new alert.
UPDATE signals SET evidence = $2, company = $3, quarter = $4, period_start = $5, period_end = $6, updated_at = $7
WHERE id = $1
