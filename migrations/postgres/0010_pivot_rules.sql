-- Pivot rules (see migrations/sqlite/0020_pivot_rules.sql): a signal carries its rule ('' for
-- the miners' rule) and is kept once per rule; `company_pivots` holds the rules
-- `minewatch follow TICKER --pivot RULE` added.

CREATE TABLE company_pivots (
    ticker   TEXT NOT NULL,
    rule     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (ticker, rule)
);

ALTER TABLE signals ADD COLUMN rule TEXT NOT NULL DEFAULT '';
ALTER TABLE signals DROP CONSTRAINT signals_ticker_kind_fiscal_year_fiscal_quarter_occurrence_key;
ALTER TABLE signals ADD CONSTRAINT signals_ticker_rule_kind_quarter_occurrence_key
    UNIQUE (ticker, rule, kind, fiscal_year, fiscal_quarter, occurrence);
