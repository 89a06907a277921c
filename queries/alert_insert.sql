INSERT INTO alerts (signal_id, sink, status, next_attempt_at, created_at) VALUES ($1, $2, 'pending', $3, $3)
