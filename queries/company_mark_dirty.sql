-- The company's facts changed: its resolved series is stale until it is resolved again. Each
-- change is a new generation, so a resolve that read an older one leaves the company dirty.
UPDATE companies SET dirty = dirty + 1 WHERE ticker = $1
