-- One more run in which the URL failed; given up once permanent failures reach ?6 runs.
INSERT INTO fetch_failures (url, ticker, runs, last_error, permanent, given_up, first_at, last_at)
VALUES (?1, ?2, 1, ?3, ?4, ?4 AND ?6 <= 1, ?5, ?5)
ON CONFLICT (url) DO UPDATE SET
    runs = fetch_failures.runs + 1,
    last_error = excluded.last_error,
    permanent = excluded.permanent,
    given_up = excluded.permanent AND fetch_failures.runs + 1 >= ?6,
    last_at = excluded.last_at
RETURNING runs, given_up
