-- Older versions of the URL of document $1 are superseded by it.
UPDATE documents SET superseded_by = $1
WHERE url = (SELECT url FROM documents WHERE id = $1) AND id <> $1 AND superseded_by IS NULL
