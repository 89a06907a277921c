UPDATE companies SET followed = 0 WHERE ticker = $1 AND followed = 1
