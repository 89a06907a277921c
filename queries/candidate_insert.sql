INSERT INTO candidates
    (cik, company, form, accession, index_url, document_url, line, term, term_reason, reason, figures, raised_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (cik) DO NOTHING
