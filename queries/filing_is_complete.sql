SELECT EXISTS (SELECT 1 FROM filings WHERE accession = ?1)
