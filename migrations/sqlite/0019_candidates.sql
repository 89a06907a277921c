-- `watch --discover` reads the periodic filings of filers outside the universe. Each filing read
-- is kept once (`discovered_filings`, keyed by accession, so no poll, restart or worker reads it
-- twice), with its revenue lines as reported (`discovered_lines`: the member or label, period and
-- figure). A filer whose lines speak of the pivot is a candidate, raised once per CIK; `followed`
-- names the ticker `follow` promoted it under.
CREATE TABLE discovered_filings (
    accession TEXT PRIMARY KEY,
    cik INTEGER NOT NULL,
    company TEXT NOT NULL,
    form TEXT NOT NULL,
    index_url TEXT NOT NULL,
    document_url TEXT NOT NULL,
    read_at TEXT NOT NULL
);
CREATE TABLE discovered_lines (
    accession TEXT NOT NULL REFERENCES discovered_filings (accession),
    cik INTEGER NOT NULL,
    line TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    value_usd INTEGER NOT NULL,
    PRIMARY KEY (accession, line, period_start, period_end)
);
CREATE INDEX discovered_lines_by_cik ON discovered_lines (cik);
CREATE TABLE candidates (
    cik INTEGER PRIMARY KEY,
    company TEXT NOT NULL,
    form TEXT NOT NULL,
    accession TEXT NOT NULL,
    index_url TEXT NOT NULL,
    document_url TEXT NOT NULL,
    line TEXT NOT NULL,
    term TEXT NOT NULL,
    term_reason TEXT NOT NULL,
    reason TEXT NOT NULL,
    figures TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    followed TEXT
);
