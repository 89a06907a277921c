UPDATE documents SET status = ?2, extract_error = ?3 WHERE id = ?1
