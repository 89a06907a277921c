-- One current version per (url, sha256), as SQLite's 0014 (see there for why); copies a race
-- already made are superseded by the first.
UPDATE documents SET superseded_by = (SELECT MIN(d.id) FROM documents d
                                      WHERE d.url = documents.url AND d.sha256 = documents.sha256
                                        AND d.superseded_by IS NULL)
WHERE superseded_by IS NULL
  AND id > (SELECT MIN(d.id) FROM documents d
            WHERE d.url = documents.url AND d.sha256 = documents.sha256 AND d.superseded_by IS NULL);
CREATE UNIQUE INDEX documents_current_content ON documents(url, sha256) WHERE superseded_by IS NULL;
