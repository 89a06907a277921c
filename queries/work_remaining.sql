-- Work any process still has to do, claimed or not: companies due for a crawl by $1 (Unix ms),
-- documents to extract, companies to resolve, alerts due by $2 (RFC 3339).
SELECT
    (SELECT COUNT(*) FROM companies WHERE followed = 1 AND crawl_due <= $1) AS crawl,
    (SELECT COUNT(*) FROM documents WHERE status = 'stored') AS extract,
    (SELECT COUNT(*) FROM companies WHERE dirty <> 0) AS resolve,
    (SELECT COUNT(*) FROM alerts WHERE status = 'pending' AND next_attempt_at <= $2) AS deliver
