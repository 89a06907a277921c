-- A document's bytes as fetched: the first version of its URL, or the next one, numbered in
-- commit order by seq. Bytes that are already the URL's current version add nothing (no row).
INSERT INTO documents (ticker, source, url, version, accession, form, role, filed, report_period, title,
                       content_type, sha256, size, etag, last_modified, fetched_at, status, seq)
VALUES ($1, $2, $3, (SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE url = $3), $4, $5, $6, $7, $8, $9,
        $10, $11, $12, $13, $14, $15, 'stored',
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents))
ON CONFLICT (url, sha256) WHERE superseded_by IS NULL DO NOTHING
RETURNING id
