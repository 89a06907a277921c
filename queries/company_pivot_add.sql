-- A pivot rule `follow --pivot` added for a company; adding it again changes nothing.
INSERT INTO company_pivots (ticker, rule, added_at) VALUES ($1, $2, $3)
ON CONFLICT (ticker, rule) DO NOTHING
