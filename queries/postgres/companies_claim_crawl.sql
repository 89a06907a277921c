-- Claims the company whose crawl is most overdue at $3 (now, Unix ms) for holder $1 until $2,
-- unless another holder's lease still runs. rows another claimer has locked are skipped, not waited for.
UPDATE companies SET crawl_holder = $1, crawl_until = $2
WHERE ticker IN (SELECT ticker FROM companies
                 WHERE crawl_due <= $3 AND (crawl_until IS NULL OR crawl_until < $3)
                 ORDER BY crawl_due, ticker
                 LIMIT 1
             FOR UPDATE SKIP LOCKED)
RETURNING ticker
