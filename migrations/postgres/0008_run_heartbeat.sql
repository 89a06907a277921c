-- A run's holder and how long its heartbeat lasts (Unix ms), renewed with the holder's claims:
-- a run is interrupted when its heartbeat is older than its lease, not when another starts
-- (the runs table is shared by every machine using the database).
ALTER TABLE runs ADD COLUMN holder TEXT, ADD COLUMN lease_until_ms BIGINT;
