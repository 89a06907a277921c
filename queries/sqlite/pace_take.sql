-- Takes the next request slot of pace $1 (the EDGAR limit, or one press host): the later of
-- its next free slot and now ($2, Unix ms); the one after is $3 ms later. One statement, so
-- processes on many machines sharing the store never take the same slot.
INSERT INTO pace (name, next_ms) VALUES ($1, $2 + $3)
ON CONFLICT (name) DO UPDATE SET next_ms = MAX(pace.next_ms, $2) + $3
RETURNING next_ms - $3 AS slot
