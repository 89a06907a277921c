SELECT line, period_start, period_end, value_usd
FROM discovered_lines
WHERE cik = $1
ORDER BY period_end, period_start, line
