-- Document $1's stored bytes were found missing or damaged (why: $2), outside any extraction
-- claim: it is fetched again next run. A claim on it stays its holder's, whose outcome, fenced by
-- its token, is written after.
UPDATE documents SET status = 'blob_lost', extract_error = $2 WHERE id = $1
