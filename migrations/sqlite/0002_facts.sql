-- Facts read out of documents, with provenance; re-extraction replaces a document's facts.

-- Why the last extraction of a document failed (NULL when it succeeded or never ran).
ALTER TABLE documents ADD COLUMN extract_error TEXT;

CREATE TABLE facts (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents(id),
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
CREATE INDEX facts_by_company ON facts(ticker, period_end, segment);
CREATE INDEX facts_by_document ON facts(document_id);
