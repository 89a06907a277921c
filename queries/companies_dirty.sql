-- Companies whose facts changed since their series was last resolved.
SELECT ticker FROM companies WHERE dirty = 1 ORDER BY ticker
