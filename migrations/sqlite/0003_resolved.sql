-- The resolved quarterly series: one value per (company, fiscal quarter, segment), chosen from
-- the facts by source strength (iXBRL > press-release table > PDF table > prose; amendments
-- supersede), or derived from year-to-date figures. Rebuilt per company after extraction.
CREATE TABLE resolved_quarters (
    ticker         TEXT NOT NULL REFERENCES companies(ticker),
    fiscal_year    INTEGER NOT NULL,
    fiscal_quarter INTEGER NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    segment        TEXT NOT NULL,
    value_usd      INTEGER NOT NULL,
    derived        INTEGER NOT NULL,   -- 1 when computed (Q4 = FY − 9M, Q2 = 6M − Q1, …)
    disagreement   INTEGER NOT NULL,   -- 1 when sources differ by more than 1%
    sources        TEXT NOT NULL,      -- JSON: every fact considered, the chosen one marked
    PRIMARY KEY (ticker, fiscal_year, fiscal_quarter, segment)
);
