SELECT fiscal_year, fiscal_quarter, period_start, period_end, segment, value_usd, derived,
       disagreement, sources
FROM resolved_quarters
WHERE ticker = $1
ORDER BY period_end, segment
