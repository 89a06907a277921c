-- Analyst query: quarters where sources disagree by more than 1%, or where a document's lines do
-- not add up to its total (a source carrying lines_gap_usd), with every source considered.
SELECT ticker, fiscal_year, fiscal_quarter, period_start, period_end, segment, value_usd, derived,
       disagreement, sources
FROM resolved_quarters
WHERE disagreement <> 0
   OR EXISTS (SELECT 1 FROM json_each(sources, '$.sources') AS s
              WHERE json_extract(s.value, '$.lines_gap_usd') IS NOT NULL)
ORDER BY ticker, period_end, segment
