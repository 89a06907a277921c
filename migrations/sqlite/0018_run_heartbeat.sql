-- A run's holder and how long its heartbeat lasts (Unix ms), renewed with the holder's claims:
-- a run is interrupted when its heartbeat is older than its lease, not when another starts.
ALTER TABLE runs ADD COLUMN holder TEXT;
ALTER TABLE runs ADD COLUMN lease_until_ms INTEGER;
