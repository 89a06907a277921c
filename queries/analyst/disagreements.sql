-- Analyst query: quarters where sources disagree by more than 1%, with every source considered.
SELECT ticker, fiscal_year, fiscal_quarter, period_start, period_end, segment, value_usd, derived,
       disagreement, sources
FROM resolved_quarters
WHERE disagreement = 1
ORDER BY ticker, period_end, segment
