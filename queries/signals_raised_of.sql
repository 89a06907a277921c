-- What has been raised for a company (each key once, whatever its occurrences, under each of
-- its rules), for the detector's retraction rule.
SELECT ticker, rule, kind, fiscal_year, fiscal_quarter FROM signals WHERE ticker = $1
GROUP BY ticker, rule, kind, fiscal_year, fiscal_quarter
ORDER BY MIN(id)
