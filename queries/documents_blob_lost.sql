-- Current documents whose stored bytes were found missing or damaged: fetched again next run.
SELECT id FROM documents WHERE status = 'blob_lost' AND superseded_by IS NULL ORDER BY id
