-- The company's facts changed: its resolved series is stale until it is resolved again.
UPDATE companies SET dirty = 1 WHERE ticker = ?1
