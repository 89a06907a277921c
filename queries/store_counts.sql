SELECT
    (SELECT COUNT(*) FROM companies) AS companies,
    (SELECT COUNT(*) FROM filings) AS filings,
    (SELECT COUNT(*) FROM documents) AS documents,
    (SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM documents) AS bytes
