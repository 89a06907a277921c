-- Documents stored but never extracted (new this run, or left by an interrupted one).
SELECT id FROM documents WHERE status = 'stored' ORDER BY id
