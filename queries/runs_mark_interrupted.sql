-- Runs still marked running whose heartbeat lapsed before $2 (Unix ms) were cut short (killed,
-- crashed, the machine went down); a run whose holder still renews it goes on, on any machine.
-- A run from before heartbeats (no lease) is judged as before: interrupted.
UPDATE runs SET status = 'interrupted', finished_at = $1
WHERE status = 'running' AND (lease_until_ms IS NULL OR lease_until_ms < $2)
