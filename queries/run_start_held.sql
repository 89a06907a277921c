-- A run under way, held by $3 (a process's lease holder) with its heartbeat lasting until $4 (Unix ms).
INSERT INTO runs (command, started_at, status, holder, lease_until_ms) VALUES ($1, $2, 'running', $3, $4) RETURNING id
