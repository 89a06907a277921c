-- The stored signal with this key, to tell a new signal from a re-detected one.
SELECT id, evidence FROM signals WHERE ticker = ?1 AND kind = ?2 AND fiscal_year = ?3 AND fiscal_quarter = ?4
