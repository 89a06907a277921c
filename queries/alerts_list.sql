-- Alert rows with their signal's key, oldest first.
-- $1 true keeps only pending ones; $2, when not NULL, only those due by then.
SELECT a.id, a.signal_id, a.sink, a.status, a.attempts, a.next_attempt_at, a.last_error, a.delivered_at,
       s.ticker, s.rule, s.kind, s.fiscal_year, s.fiscal_quarter
FROM alerts a
JOIN signals s ON s.id = a.signal_id
WHERE (NOT $1 OR a.status = 'pending') AND ($2 IS NULL OR a.next_attempt_at <= $2)
ORDER BY a.id
