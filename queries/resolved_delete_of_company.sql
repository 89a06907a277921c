DELETE FROM resolved_quarters WHERE ticker = $1
