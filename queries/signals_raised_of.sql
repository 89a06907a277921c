-- What has been raised for a company, for the detector's retraction rule.
SELECT ticker, kind, fiscal_year, fiscal_quarter FROM signals WHERE ticker = ?1 ORDER BY id
