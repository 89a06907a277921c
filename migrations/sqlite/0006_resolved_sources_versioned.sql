-- The resolved sources become a versioned document, decoded strictly: {"version": 1, "sources": [...]}.
UPDATE resolved_quarters
SET sources = json_object('version', 1, 'sources', json(sources))
WHERE json_type(sources) = 'array';
