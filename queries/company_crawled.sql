-- The crawl claimed with token $3 is done (or given up for now): the company is due again at $2
-- (Unix ms) unless it was already due later, and the claim is released; nothing is written when
-- the claim lapsed and another holder took it (no row returned).
UPDATE companies SET crawl_due = CASE WHEN crawl_due > $2 THEN crawl_due ELSE $2 END,
                     crawl_holder = NULL, crawl_until = NULL
WHERE ticker = $1 AND crawl_token = $3
RETURNING ticker
