-- The universe page shows every company's quarters at once. Grouping the resolved rows into one
-- row per quarter (40,000 rows for 500 companies × 16 quarters) cost the database most of the page's
-- time, so the store keeps each company's series already grouped, as one document written in the
-- same transaction as its resolved rows: {"version": 1, "quarters": [[fiscal_year, fiscal_quarter,
-- period_start, period_end, mining, hpc, hosting, other, total, derived, disagreement], ...]}.
CREATE TABLE company_series (
    ticker TEXT PRIMARY KEY REFERENCES companies(ticker),
    series TEXT NOT NULL
);

INSERT INTO company_series (ticker, series)
SELECT ticker, json_object('version', 1, 'quarters', json_group_array(json_array(
           fiscal_year, fiscal_quarter, period_start, period_end, mining, hpc, hosting, other, total, derived,
           disagreement)))
FROM (SELECT ticker,
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
      GROUP BY ticker, fiscal_year, fiscal_quarter) AS quarters
GROUP BY ticker;

-- Only the universe read used this index.
DROP INDEX resolved_quarters_series;
