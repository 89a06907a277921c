DELETE FROM fetch_failures WHERE url = $1
