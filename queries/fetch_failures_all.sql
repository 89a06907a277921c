-- Every document failing run after run, given-up ones first.
SELECT url, ticker, runs, last_error, permanent, given_up, first_at, last_at
FROM fetch_failures
ORDER BY given_up DESC, ticker, url
