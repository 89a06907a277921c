INSERT INTO runs (command, started_at, status) VALUES ($1, $2, 'running') RETURNING id
