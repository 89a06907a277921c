-- Signals the detector raised, each kept once, and the alert outbox that delivers them.
-- A signal and its alert rows are written in one transaction; delivery updates the alert rows.

CREATE TABLE signals (
    id             INTEGER PRIMARY KEY,
    ticker         TEXT NOT NULL,
    kind           TEXT NOT NULL,     -- crossover | retraction | approaching
    fiscal_year    INTEGER NOT NULL,
    fiscal_quarter INTEGER NOT NULL,
    company        TEXT NOT NULL,
    quarter        TEXT NOT NULL,     -- as shown: "Q1 2026", "Q2 FY2026"
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    evidence       TEXT NOT NULL,     -- JSON: both quarters' figures, the share, the source facts
    raised_at      TEXT NOT NULL,
    updated_at     TEXT NOT NULL,     -- last change of the evidence
    UNIQUE (ticker, kind, fiscal_year, fiscal_quarter)
);

CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    signal_id       INTEGER NOT NULL REFERENCES signals(id),
    sink            TEXT NOT NULL,    -- webhook:<url> | jsonl:<path> | jsonl:-
    status          TEXT NOT NULL,    -- pending | delivered | dead
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    delivered_at    TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (signal_id, sink)
);
CREATE INDEX alerts_due ON alerts(status, next_attempt_at);
