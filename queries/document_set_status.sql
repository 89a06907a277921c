-- Where a document stands: stored (pending extraction) | extracted | extract_failed | blob_lost,
-- with why when it is not well.
UPDATE documents SET status = ?2, extract_error = ?3 WHERE id = ?1
