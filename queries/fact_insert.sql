INSERT INTO facts (document_id, ticker, segment, period_start, period_end, value_usd, label, concept,
                   extractor, confidence, raw_text)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
