-- Pivot rules: a signal carries the rule it was raised under (`rule`, its text; '' for the
-- miners' rule, HPC over the bitcoin side), so two rules on one company and quarter are two
-- signals. SQLite cannot change a UNIQUE constraint in place, so signals and the alerts that
-- refer to them are rebuilt, as 0008 did; ids are kept.
-- `company_pivots` holds the rules `minewatch follow TICKER --pivot RULE` added.

CREATE TABLE company_pivots (
    ticker   TEXT NOT NULL,
    rule     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (ticker, rule)
);

CREATE TABLE signals_by_rule (
    id             INTEGER PRIMARY KEY,
    ticker         TEXT NOT NULL,
    rule           TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    fiscal_year    INTEGER NOT NULL,
    fiscal_quarter INTEGER NOT NULL,
    occurrence     INTEGER NOT NULL,
    company        TEXT NOT NULL,
    quarter        TEXT NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    raised_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (ticker, rule, kind, fiscal_year, fiscal_quarter, occurrence)
);
INSERT INTO signals_by_rule (id, ticker, rule, kind, fiscal_year, fiscal_quarter, occurrence, company, quarter,
                             period_start, period_end, evidence, raised_at, updated_at)
SELECT id, ticker, '', kind, fiscal_year, fiscal_quarter, occurrence, company, quarter, period_start, period_end,
       evidence, raised_at, updated_at
FROM signals;

CREATE TABLE alerts_by_rule (
    id              INTEGER PRIMARY KEY,
    signal_id       INTEGER NOT NULL REFERENCES signals_by_rule(id),
    sink            TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    lease_holder    TEXT,
    lease_until     INTEGER,
    lease_token     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (signal_id, sink)
);
INSERT INTO alerts_by_rule (id, signal_id, sink, status, attempts, next_attempt_at, last_error, delivered_at,
                            created_at, lease_holder, lease_until, lease_token)
SELECT id, signal_id, sink, status, attempts, next_attempt_at, last_error, delivered_at, created_at, lease_holder,
       lease_until, lease_token
FROM alerts;

DROP TABLE alerts;
DROP TABLE signals;
-- Renaming also renames the reference in alerts_by_rule.
ALTER TABLE signals_by_rule RENAME TO signals;
ALTER TABLE alerts_by_rule RENAME TO alerts;
CREATE INDEX alerts_due ON alerts(status, next_attempt_at);
