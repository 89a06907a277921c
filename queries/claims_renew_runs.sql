-- The heartbeat of holder $1: its runs under way last until $2 (Unix ms).
UPDATE runs SET lease_until_ms = $2 WHERE holder = $1 AND status = 'running'
