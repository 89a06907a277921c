-- New bytes at a stored URL (a corrected release re-posted at its address) are a new version of
-- the document: a row of its own with its blob, facts and index entry. The newest version is
-- current; older ones point at the one that superseded them and keep their facts, which
-- resolution no longer reads. URLs stop being unique, so documents (and facts, which refer to
-- them) are rebuilt; ids are kept.

CREATE TABLE documents_by_version (
    id            INTEGER PRIMARY KEY,
    ticker        TEXT NOT NULL REFERENCES companies(ticker),
    source        TEXT NOT NULL,     -- edgar | press
    url           TEXT NOT NULL,
    version       INTEGER NOT NULL,  -- 1, 2, … in the order fetched
    superseded_by INTEGER,           -- the next version's id; NULL for the current version
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
    status        TEXT NOT NULL,     -- stored | extracted | extract_failed | blob_lost
    extract_error TEXT,
    UNIQUE (url, version)
);
INSERT INTO documents_by_version (id, ticker, source, url, version, accession, form, role, filed, report_period,
                                  title, content_type, sha256, size, etag, last_modified, fetched_at, status,
                                  extract_error)
SELECT id, ticker, source, url, 1, accession, form, role, filed, report_period, title, content_type, sha256, size,
       etag, last_modified, fetched_at, status, extract_error
FROM documents;

CREATE TABLE facts_by_version (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents_by_version(id),
    ticker       TEXT NOT NULL,
    segment      TEXT NOT NULL,   -- mining | hpc | hosting | other | total
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    value_usd    INTEGER NOT NULL,
    label        TEXT NOT NULL,
    concept      TEXT,
    extractor    TEXT NOT NULL,   -- ixbrl | html_table | pdf_table | prose
    confidence   REAL NOT NULL,
    raw_text     TEXT NOT NULL
);
INSERT INTO facts_by_version (id, document_id, ticker, segment, period_start, period_end, value_usd, label, concept,
                              extractor, confidence, raw_text)
SELECT id, document_id, ticker, segment, period_start, period_end, value_usd, label, concept, extractor, confidence,
       raw_text
FROM facts;

DROP TABLE facts;
DROP TABLE documents;
-- Renaming also renames the reference in facts_by_version.
ALTER TABLE documents_by_version RENAME TO documents;
ALTER TABLE facts_by_version RENAME TO facts;
CREATE INDEX documents_by_url ON documents(url, version);
CREATE INDEX documents_by_company ON documents(ticker, filed);
CREATE INDEX documents_by_accession ON documents(accession);
CREATE INDEX facts_by_company ON facts(ticker, period_end, segment);
CREATE INDEX facts_by_document ON facts(document_id);
