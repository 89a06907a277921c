SELECT
    (SELECT COUNT(*) FROM companies) AS companies,
    (SELECT COUNT(*) FROM filings) AS filings,
    (SELECT COUNT(*) FROM documents) AS documents,
    (SELECT COALESCE(SUM(size), 0) FROM documents) AS bytes
