SELECT url, message FROM run_errors WHERE run_id = ?1 ORDER BY rowid
