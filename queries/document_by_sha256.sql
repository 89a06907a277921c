-- A company's stored document with these bytes (a release republished under another URL).
SELECT id, ticker, source, url, version, superseded_by, accession, form, role, filed, report_period, title,
       content_type, sha256, size, etag, last_modified, fetched_at, status, seq
FROM documents
WHERE ticker = $1 AND sha256 = $2
ORDER BY id
LIMIT 1
