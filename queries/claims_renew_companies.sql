-- The heartbeat of holder $1: its crawl and resolve claims last until $2 (Unix ms). A claim that
-- lapsed and went to another holder names that holder now, so it is not renewed.
UPDATE companies
SET lease_until = CASE WHEN lease_holder = $1 THEN $2 ELSE lease_until END,
    crawl_until = CASE WHEN crawl_holder = $1 THEN $2 ELSE crawl_until END
WHERE lease_holder = $1 OR crawl_holder = $1
