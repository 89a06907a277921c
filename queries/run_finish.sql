UPDATE runs SET
    finished_at = ?2,
    status = ?3,
    requests = ?4,
    not_modified = ?5,
    documents_new = ?6,
    documents_unchanged = ?7,
    documents_failed = ?8,
    bytes = ?9
WHERE id = ?1
