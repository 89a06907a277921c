-- Every holder some claim still names (lapsed or not).
SELECT crawl_holder AS holder FROM companies WHERE crawl_holder IS NOT NULL
UNION SELECT lease_holder FROM companies WHERE lease_holder IS NOT NULL
UNION SELECT lease_holder FROM documents WHERE lease_holder IS NOT NULL
UNION SELECT lease_holder FROM alerts WHERE lease_holder IS NOT NULL
