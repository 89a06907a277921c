INSERT INTO filings (accession, ticker, form, filed, report_period, items, completed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (accession) DO NOTHING
