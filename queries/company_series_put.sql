INSERT INTO company_series (ticker, series) VALUES ($1, $2)
ON CONFLICT (ticker) DO UPDATE SET series = excluded.series
