-- Takes the next request slot of pace $1 (the EDGAR limit, or one press host): the later of
-- its next free slot and now, by the database's clock (Unix ms; one machine's, for SQLite); the
-- one after is $2 ms later. Returns the wait for the slot. One statement, so processes sharing
-- the store never take the same slot.
INSERT INTO pace (name, next_ms) VALUES ($1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + $2)
ON CONFLICT (name) DO UPDATE SET next_ms = MAX(pace.next_ms, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) + $2
RETURNING next_ms - $2 - CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS wait_ms
