-- What has been raised for every company (each key once, whatever its occurrences), for the
-- universe page: identities only, no evidence to decode.
SELECT ticker, rule, kind, fiscal_year, fiscal_quarter FROM signals
GROUP BY ticker, rule, kind, fiscal_year, fiscal_quarter
ORDER BY MIN(id)
