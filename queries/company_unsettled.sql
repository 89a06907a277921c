-- What keeps company $1 from being detected on: a claim on its listing's crawl (in progress, or
-- left by a process that died: the listing may be half fetched), facts changed since its series
-- was resolved, and documents of it that wait for extraction. Zero when none.
SELECT (SELECT COUNT(*) FROM companies WHERE ticker = $1 AND (crawl_holder IS NOT NULL OR dirty <> 0))
     + (SELECT COUNT(*) FROM documents WHERE ticker = $1 AND status = 'stored')
