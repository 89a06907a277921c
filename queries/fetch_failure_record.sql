-- One more run in which the URL failed; given up once permanent failures reach $6 runs.
INSERT INTO fetch_failures (url, ticker, runs, last_error, permanent, given_up, first_at, last_at)
VALUES ($1, $2, 1, $3, $4, CASE WHEN $4 <> 0 AND $6 <= 1 THEN 1 ELSE 0 END, $5, $5)
ON CONFLICT (url) DO UPDATE SET
    runs = fetch_failures.runs + 1,
    last_error = excluded.last_error,
    permanent = excluded.permanent,
    given_up = CASE WHEN excluded.permanent <> 0 AND fetch_failures.runs + 1 >= $6 THEN 1 ELSE 0 END,
    last_at = excluded.last_at
RETURNING runs, given_up
