-- Every company's grouped series (the universe page), one row per company.
SELECT ticker, series FROM company_series
