-- The company's series (and signals) are up to date with generation $2 of its facts: clean
-- unless facts came in meanwhile, and its claim (token $3) released; nothing is written when the
-- claim lapsed and another holder took it.
UPDATE companies SET dirty = CASE WHEN dirty = $2 THEN 0 ELSE dirty END, lease_holder = NULL, lease_until = NULL
WHERE ticker = $1 AND lease_token = $3
