-- A company's crawl is done: due again at $2 (Unix ms), its claim released.
UPDATE companies SET crawl_due = $2, crawl_holder = NULL, crawl_until = NULL WHERE ticker = $1
