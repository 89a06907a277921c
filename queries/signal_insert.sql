INSERT INTO signals (ticker, kind, fiscal_year, fiscal_quarter, occurrence, company, quarter, period_start, period_end,
                     evidence, raised_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
RETURNING id
