-- Takes the next request slot of pace $1 (the EDGAR limit, or one press host): the later of
-- its next free slot and now, by the database's clock (Unix ms), so processes on machines whose
-- clocks disagree keep one pace; the one after is $2 ms later. Returns the wait for the slot.
-- One statement, so processes sharing the store never take the same slot.
INSERT INTO pace (name, next_ms) VALUES ($1, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT + $2)
ON CONFLICT (name) DO UPDATE SET next_ms = GREATEST(pace.next_ms, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT) + $2
RETURNING next_ms - $2 - (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT AS wait_ms
