-- The latest occurrence of a signal's key ($1..$4, and its rule $6: '' for the miners' rule),
-- and whether its opposite kind ($5: a retraction for a crossover and back; NULL when it has
-- none) was raised for the same rule and quarter after it: then the signal holds again and is a
-- new occurrence.
SELECT s.id, s.evidence, s.occurrence,
       CASE WHEN EXISTS (SELECT 1 FROM signals o
               WHERE o.ticker = s.ticker AND o.rule = s.rule AND o.kind = $5 AND o.fiscal_year = s.fiscal_year
                 AND o.fiscal_quarter = s.fiscal_quarter AND o.id > s.id) THEN 1 ELSE 0 END AS undone
FROM signals s
WHERE s.ticker = $1 AND s.kind = $2 AND s.fiscal_year = $3 AND s.fiscal_quarter = $4 AND s.rule = $6
ORDER BY s.occurrence DESC
LIMIT 1
