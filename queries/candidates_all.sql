SELECT cik, company, form, accession, index_url, document_url, line, term, term_reason, reason, figures, followed
FROM candidates
ORDER BY raised_at, cik
