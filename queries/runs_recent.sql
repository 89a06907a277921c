SELECT id, command, started_at, finished_at, status, requests, not_modified,
       documents_new, documents_unchanged, documents_failed, bytes, facts, signals_new,
       alerts_delivered,
       (SELECT COUNT(*) FROM run_errors e WHERE e.run_id = runs.id) AS errors
FROM runs
ORDER BY id DESC
LIMIT $1
