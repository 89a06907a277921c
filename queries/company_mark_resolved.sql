-- The company's series (and signals) are up to date with generation $2 of its facts: clean
-- unless facts came in meanwhile, and its claim released.
UPDATE companies SET dirty = CASE WHEN dirty = $2 THEN 0 ELSE dirty END, lease_holder = NULL, lease_until = NULL
WHERE ticker = $1
