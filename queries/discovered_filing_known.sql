SELECT count(*) AS n FROM discovered_filings WHERE accession = $1
