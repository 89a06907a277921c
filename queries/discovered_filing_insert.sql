INSERT INTO discovered_filings (accession, cik, company, form, index_url, document_url, read_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (accession) DO NOTHING
