-- The same bytes at the same address are one version, whatever the interleaving of the processes
-- storing them: at most one current version (superseded_by NULL) per (url, sha256). An insert
-- that would add a second is skipped (`ON CONFLICT … DO NOTHING`), not raced by a check before it.
-- Copies a race already made are superseded by the first.
UPDATE documents SET superseded_by = (SELECT MIN(d.id) FROM documents d
                                      WHERE d.url = documents.url AND d.sha256 = documents.sha256
                                        AND d.superseded_by IS NULL)
WHERE superseded_by IS NULL
  AND id > (SELECT MIN(d.id) FROM documents d
            WHERE d.url = documents.url AND d.sha256 = documents.sha256 AND d.superseded_by IS NULL);
CREATE UNIQUE INDEX documents_current_content ON documents(url, sha256) WHERE superseded_by IS NULL;
