-- Companies whose facts changed since their series was last resolved.
SELECT ticker FROM companies WHERE dirty <> 0 ORDER BY ticker
