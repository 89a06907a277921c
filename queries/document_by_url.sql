-- The current version of the document at a URL.
SELECT id, ticker, source, url, version, superseded_by, accession, form, role, filed, report_period, title,
       content_type, sha256, size, etag, last_modified, fetched_at, status, seq
FROM documents
WHERE url = $1 AND superseded_by IS NULL
