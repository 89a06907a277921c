SELECT ticker, name, cik
FROM companies
ORDER BY ticker
