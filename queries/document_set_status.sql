-- Where a document stands: stored (pending extraction) | extracted | extract_failed | blob_lost,
-- with why when it is not well; whoever held it for extraction lets it go.
UPDATE documents SET status = $2, extract_error = $3, lease_holder = NULL, lease_until = NULL WHERE id = $1
