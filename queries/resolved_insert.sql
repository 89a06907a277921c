INSERT INTO resolved_quarters (ticker, fiscal_year, fiscal_quarter, period_start, period_end, segment,
                               value_usd, derived, disagreement, sources)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
