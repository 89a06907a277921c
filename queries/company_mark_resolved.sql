UPDATE companies SET dirty = 0 WHERE ticker = ?1
