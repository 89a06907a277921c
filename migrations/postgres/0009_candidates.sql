-- Discovery and candidates (see migrations/sqlite/0019_candidates.sql): each filing of a filer
-- outside the universe read once, its revenue lines as reported, and each candidate raised once
-- per CIK. `reason` and `figures` are JSON text, as on SQLite.
CREATE TABLE discovered_filings (
    accession TEXT PRIMARY KEY,
    cik BIGINT NOT NULL,
    company TEXT NOT NULL,
    form TEXT NOT NULL,
    index_url TEXT NOT NULL,
    document_url TEXT NOT NULL,
    read_at TEXT NOT NULL
);
CREATE TABLE discovered_lines (
    accession TEXT NOT NULL REFERENCES discovered_filings (accession),
    cik BIGINT NOT NULL,
    line TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    value_usd BIGINT NOT NULL,
    PRIMARY KEY (accession, line, period_start, period_end)
);
CREATE INDEX discovered_lines_by_cik ON discovered_lines (cik);
CREATE TABLE candidates (
    cik BIGINT PRIMARY KEY,
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
