INSERT INTO discovered_lines (accession, cik, line, period_start, period_end, value_usd)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (accession, line, period_start, period_end) DO NOTHING
