-- A crossover can be retracted and then hold again (a restatement, then a correction of it):
-- each raising is an occurrence of its key, with its own alerts. SQLite cannot change a UNIQUE
-- constraint in place, so signals (and alerts, which refer to them) are rebuilt; ids are kept.

CREATE TABLE signals_by_occurrence (
    id             INTEGER PRIMARY KEY,
    ticker         TEXT NOT NULL,
    kind           TEXT NOT NULL,     -- crossover | retraction | approaching
    fiscal_year    INTEGER NOT NULL,
    fiscal_quarter INTEGER NOT NULL,
    occurrence     INTEGER NOT NULL,  -- 1, then 2 when raised again after its opposite, …
    company        TEXT NOT NULL,
    quarter        TEXT NOT NULL,
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    raised_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (ticker, kind, fiscal_year, fiscal_quarter, occurrence)
);
INSERT INTO signals_by_occurrence (id, ticker, kind, fiscal_year, fiscal_quarter, occurrence, company, quarter,
                                   period_start, period_end, evidence, raised_at, updated_at)
SELECT id, ticker, kind, fiscal_year, fiscal_quarter, 1, company, quarter, period_start, period_end, evidence,
       raised_at, updated_at
FROM signals;

CREATE TABLE alerts_by_occurrence (
    id              INTEGER PRIMARY KEY,
    signal_id       INTEGER NOT NULL REFERENCES signals_by_occurrence(id),
    sink            TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (signal_id, sink)
);
INSERT INTO alerts_by_occurrence (id, signal_id, sink, status, attempts, next_attempt_at, last_error, delivered_at,
                                  created_at)
SELECT id, signal_id, sink, status, attempts, next_attempt_at, last_error, delivered_at, created_at FROM alerts;

DROP TABLE alerts;
DROP TABLE signals;
-- Renaming also renames the reference in alerts_by_occurrence.
ALTER TABLE signals_by_occurrence RENAME TO signals;
ALTER TABLE alerts_by_occurrence RENAME TO alerts;
CREATE INDEX alerts_due ON alerts(status, next_attempt_at);
