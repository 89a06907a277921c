SELECT EXISTS (SELECT 1 FROM fetch_failures WHERE url = ?1 AND given_up = 1)
