-- Analyst query: quarters where sources disagree by more than 1%, or where a document's lines do
-- not add up to its total (a source carrying lines_gap_usd), with every source considered.
SELECT ticker, fiscal_year, fiscal_quarter, period_start, period_end, segment, value_usd, derived,
       disagreement, sources
FROM resolved_quarters
WHERE disagreement <> 0
   OR EXISTS (SELECT 1 FROM jsonb_array_elements(sources::jsonb -> 'sources') AS s
              WHERE jsonb_typeof(s.value -> 'lines_gap_usd') <> 'null')
ORDER BY ticker, period_end, segment
