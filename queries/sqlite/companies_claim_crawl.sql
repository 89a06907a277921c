-- Claims for holder $1 until $2 (Unix ms) the followed company whose crawl is most overdue among those due
-- by $5 (and named $4 when it is not NULL), unless another holder's lease still runs at $3 (now);
-- the claim takes the next fencing token. SQLite runs one writer at a time, so the UPDATE is the claim.
UPDATE companies SET crawl_holder = $1, crawl_until = $2, crawl_token = crawl_token + 1
WHERE ticker IN (SELECT ticker FROM companies
                 WHERE followed = 1 AND crawl_due <= $5 AND (CAST($4 AS TEXT) IS NULL OR ticker = $4)
                   AND (crawl_until IS NULL OR crawl_until < $3)
                 ORDER BY crawl_due, ticker
                 LIMIT 1)
RETURNING ticker, crawl_token
