-- Claims the company whose crawl is most overdue at $3 (now, Unix ms) for holder $1 until $2,
-- unless another holder's lease still runs. SQLite runs one writer at a time, so the UPDATE is the claim.
UPDATE companies SET crawl_holder = $1, crawl_until = $2
WHERE ticker IN (SELECT ticker FROM companies
                 WHERE crawl_due <= $3 AND (crawl_until IS NULL OR crawl_until < $3)
                 ORDER BY crawl_due, ticker
                 LIMIT 1)
RETURNING ticker
