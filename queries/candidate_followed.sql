UPDATE candidates SET followed = $2 WHERE cik = $1
