SELECT id FROM documents ORDER BY id
