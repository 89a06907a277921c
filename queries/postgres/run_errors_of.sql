-- A run's errors in the order they were recorded (SQLite's twin orders by rowid).
SELECT url, message FROM run_errors WHERE run_id = $1 ORDER BY id
