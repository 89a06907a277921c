-- Every pivot rule `follow --pivot` added, each company's in the order they were added.
SELECT ticker, rule FROM company_pivots ORDER BY ticker, added_at, rule
