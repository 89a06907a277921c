-- Analyst query: every company's quarterly revenue by segment (the universe page), as
-- series.sql gives one company's; usable as is in the sqlite3 shell. Grouped and ordered by the
-- key of the resolved_quarters_series index, so it is read in order from the index alone.
SELECT ticker,
       fiscal_year,
       fiscal_quarter,
       MAX(period_start)                                     AS period_start,
       MAX(period_end)                                       AS period_end,
       MAX(CASE WHEN segment = 'mining' THEN value_usd END)  AS mining,
       MAX(CASE WHEN segment = 'hpc' THEN value_usd END)     AS hpc,
       MAX(CASE WHEN segment = 'hosting' THEN value_usd END) AS hosting,
       MAX(CASE WHEN segment = 'other' THEN value_usd END)   AS other,
       MAX(CASE WHEN segment = 'total' THEN value_usd END)   AS total,
       MAX(derived)                                          AS derived,
       MAX(disagreement)                                     AS disagreement
FROM resolved_quarters
GROUP BY ticker, fiscal_year, fiscal_quarter
ORDER BY ticker, fiscal_year, fiscal_quarter
