INSERT INTO run_errors (run_id, url, message) VALUES ($1, $2, $3)
