-- A listing's validators, unless they were saved under a later `since` than $2 (NULL: none).
SELECT etag, last_modified FROM crawl_state
WHERE url = $1 AND (since IS NULL OR ($2 IS NOT NULL AND since <= $2))
