-- A run's errors in the order they were recorded (rowid; the PostgreSQL twin has an id column).
SELECT url, message FROM run_errors WHERE run_id = $1 ORDER BY rowid
