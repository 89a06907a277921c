-- Every fact of a company from the current version of its documents, for resolution.
SELECT f.id, f.document_id, f.segment, f.period_start, f.period_end, f.value_usd, f.label, f.concept,
       f.extractor, f.confidence, f.raw_text, d.form, d.filed, d.url
FROM facts f
JOIN documents d ON d.id = f.document_id
WHERE f.ticker = $1 AND d.superseded_by IS NULL
ORDER BY f.period_end, f.segment, f.id
