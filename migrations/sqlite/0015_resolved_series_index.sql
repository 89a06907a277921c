-- The universe page reads every company's quarters in one query. The table's rows carry each
-- value's sources (JSON, often kilobytes); an index holding the columns the series needs lets
-- that query read the index alone, in key order, without touching the rows.
CREATE INDEX resolved_quarters_series
    ON resolved_quarters (ticker, fiscal_year, fiscal_quarter, segment, period_start, period_end, value_usd, derived,
                          disagreement);
