-- Holder $1 gives back the crawl and resolve claims it still holds, unfinished.
UPDATE companies
SET lease_holder = CASE WHEN lease_holder = $1 THEN NULL ELSE lease_holder END,
    lease_until = CASE WHEN lease_holder = $1 THEN NULL ELSE lease_until END,
    crawl_holder = CASE WHEN crawl_holder = $1 THEN NULL ELSE crawl_holder END,
    crawl_until = CASE WHEN crawl_holder = $1 THEN NULL ELSE crawl_until END
WHERE lease_holder = $1 OR crawl_holder = $1
