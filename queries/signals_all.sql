SELECT id, ticker, rule, kind, fiscal_year, fiscal_quarter, occurrence, company, quarter, period_start, period_end,
       evidence, raised_at, updated_at
FROM signals
ORDER BY raised_at, id
