INSERT INTO crawl_state (url, etag, last_modified, checked_at, since)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (url) DO UPDATE SET
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    checked_at = excluded.checked_at,
    since = excluded.since
