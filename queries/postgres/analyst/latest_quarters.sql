-- Analyst query: every company's latest resolved quarter and HPC's share of HPC + mining + hosting.
-- Printed by `minewatch facts` (no ticker) and at the end of `minewatch demo`. The share is
-- rounded as NUMERIC and read back as a double (SQLite's twin rounds the double itself).
WITH latest AS (
    SELECT ticker, MAX(period_end) AS period_end FROM resolved_quarters GROUP BY ticker
)
SELECT r.ticker,
       r.fiscal_year,
       r.fiscal_quarter,
       r.period_end,
       MAX(CASE WHEN r.segment = 'mining' THEN r.value_usd END)  AS mining,
       MAX(CASE WHEN r.segment = 'hpc' THEN r.value_usd END)     AS hpc,
       MAX(CASE WHEN r.segment = 'hosting' THEN r.value_usd END) AS hosting,
       MAX(CASE WHEN r.segment = 'total' THEN r.value_usd END)   AS total,
       CAST(ROUND(CAST(COALESCE(MAX(CASE WHEN r.segment = 'hpc' THEN r.value_usd END), 0) AS NUMERIC)
                  / NULLIF(SUM(CASE WHEN r.segment IN ('hpc', 'mining', 'hosting') THEN r.value_usd END), 0), 3)
            AS DOUBLE PRECISION)                                 AS hpc_share
FROM resolved_quarters r
JOIN latest l ON l.ticker = r.ticker AND l.period_end = r.period_end
GROUP BY r.ticker, r.fiscal_year, r.fiscal_quarter, r.period_end
ORDER BY r.ticker
