SELECT id, ticker, source, url, accession, form, role, filed, report_period, title,
       content_type, sha256, size, etag, last_modified, fetched_at, status
FROM documents
WHERE url = ?1
