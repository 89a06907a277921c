-- A URL already stored keeps its row (and id); its bytes and validators are refreshed.
INSERT INTO documents (ticker, source, url, accession, form, role, filed, report_period, title,
                       content_type, sha256, size, etag, last_modified, fetched_at, status)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 'stored')
ON CONFLICT (url) DO UPDATE SET
    sha256 = excluded.sha256,
    size = excluded.size,
    content_type = excluded.content_type,
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    fetched_at = excluded.fetched_at
RETURNING id
