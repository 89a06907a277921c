-- The extraction claimed with token $4 is done: the document stands extracted, extract_failed or
-- blob_lost, with why when it is not well, and the claim is released. Nothing is written when the
-- claim lapsed and another holder took it (no row returned).
UPDATE documents SET status = $2, extract_error = $3, lease_holder = NULL, lease_until = NULL
WHERE id = $1 AND lease_token = $4
RETURNING id
