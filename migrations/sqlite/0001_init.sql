-- The raw store: companies, filings, documents, crawl state and run records.
-- Dates are ISO-8601 text (YYYY-MM-DD), times RFC 3339 UTC.

CREATE TABLE companies (
    ticker          TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    cik             INTEGER NOT NULL,
    fiscal_year_end TEXT NOT NULL,   -- MM-DD
    filer_kind      TEXT NOT NULL    -- domestic | foreign
);

-- A filing is complete once every document it carries is stored; the crawler skips it then.
CREATE TABLE filings (
    accession     TEXT PRIMARY KEY,
    ticker        TEXT NOT NULL REFERENCES companies(ticker),
    form          TEXT NOT NULL,
    filed         TEXT NOT NULL,
    report_period TEXT,
    items         TEXT,
    completed_at  TEXT NOT NULL
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    ticker        TEXT NOT NULL REFERENCES companies(ticker),
    source        TEXT NOT NULL,     -- edgar | press
    url           TEXT NOT NULL UNIQUE,
    accession     TEXT,
    form          TEXT,
    role          TEXT NOT NULL,     -- primary | exhibit | release
    filed         TEXT,
    report_period TEXT,
    title         TEXT,
    content_type  TEXT,
    sha256        TEXT NOT NULL,     -- the blob: blobs/<sha[0..2]>/<sha[2..]>
    size          INTEGER NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL,
    status        TEXT NOT NULL      -- stored (extraction stages refine it)
);
CREATE INDEX documents_by_company ON documents(ticker, filed);
CREATE INDEX documents_by_accession ON documents(accession);

-- Validators for conditional GET of listing resources (submissions JSON, feeds).
CREATE TABLE crawl_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT NOT NULL
);

CREATE TABLE runs (
    id                  INTEGER PRIMARY KEY,
    command             TEXT NOT NULL,
    started_at          TEXT NOT NULL,
    finished_at         TEXT,
    status              TEXT NOT NULL,   -- running | ok | partial | interrupted
    requests            INTEGER NOT NULL DEFAULT 0,
    not_modified        INTEGER NOT NULL DEFAULT 0,
    documents_new       INTEGER NOT NULL DEFAULT 0,
    documents_unchanged INTEGER NOT NULL DEFAULT 0,
    documents_failed    INTEGER NOT NULL DEFAULT 0,
    bytes               INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE run_errors (
    run_id  INTEGER NOT NULL REFERENCES runs(id),
    url     TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX run_errors_by_run ON run_errors(run_id);
