SELECT ticker, name, cik, fiscal_year_end, filer_kind, origin
FROM companies
WHERE followed = 1
ORDER BY ticker
