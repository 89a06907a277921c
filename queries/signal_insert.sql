-- A new signal (or a new occurrence of one) under its rule ($12, '' for the miners' rule);
-- nothing when a process sharing the store recorded the same occurrence first.
INSERT INTO signals (ticker, kind, fiscal_year, fiscal_quarter, occurrence, company, quarter, period_start, period_end,
                     evidence, raised_at, updated_at, rule)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
ON CONFLICT (ticker, rule, kind, fiscal_year, fiscal_quarter, occurrence) DO NOTHING
RETURNING id
