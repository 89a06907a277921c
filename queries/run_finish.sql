UPDATE runs SET
    finished_at = $2,
    status = $3,
    requests = $4,
    not_modified = $5,
    documents_new = $6,
    documents_unchanged = $7,
    documents_failed = $8,
    bytes = $9,
    facts = $10,
    signals_new = $11,
    alerts_delivered = $12
WHERE id = $1
